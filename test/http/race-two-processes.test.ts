import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, stopAllBots } from './bot-process';
import { bookingIn, bookingSteps, everyoneOnOneSlot, slotsIn } from './booking-flow';
import { Conversation } from './client';

/**
 * booking.md, "Guarantees": two server processes share one data folder; eight
 * people, four on each, confirm the same slot at the same moment with one
 * practitioner. Exactly one gets it; the seven others are told it has just
 * gone and offered fresh slots.
 */

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-race-'));
});
afterAll(async () => {
  await stopAllBots();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('eight confirmations of one slot across two processes: one booking, seven fresh offers', async () => {
  const [a, b] = await Promise.all([startBot(dataDir), startBot(dataDir)]);
  const people = Array.from({ length: 8 }, (_, n) => new Conversation(n % 2 === 0 ? a.url : b.url, { id: `race-${process.pid}-${n}` }));

  const contested = await everyoneOnOneSlot(people);

  const outcomes = await Promise.all(people.map((person) => bookingSteps.confirm(person)));
  const booked = outcomes.map(bookingIn).filter((booking) => booking?.status === 'confirmed');
  expect(booked).toHaveLength(1);

  const refused = outcomes.filter((replies) => !bookingIn(replies));
  expect(refused).toHaveLength(7);
  for (const replies of refused) {
    expect(replies.map((r) => r.text ?? '').join('\n')).toMatch(/just been taken/);
    const fresh = slotsIn(replies);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.map((slot) => slot.id)).not.toContain(contested);
  }
}, 120000);
