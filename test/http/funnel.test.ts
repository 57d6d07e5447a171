import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend } from '../../src/app/backend';
import { testConfig } from '../../src/config/config';
import { startServer } from '../../src/server/app';
import { runLeadsCli } from '../../src/leads/cli/program';
import { Conversation, recommendationIn } from './client';
import { bookingIn, bookingSteps, MONDAY, slotsIn } from './booking-flow';
import { startTestServer, type TestServer } from './server';

/**
 * The funnel from twenty conversations over HTTP that stop at different
 * steps: the counts per stage, the drop-off the CLI prints, and the
 * misunderstood messages with contact details masked.
 */

// A broadcaster with weak security: all seven questions are asked, and the pathway is 27001-first.
const ANSWERS: [string, string][] = [
  ['ai_use', 'exploring'],
  ['certification', 'none'],
  ['infosec_maturity', 'weak'],
  ['ai_materiality', 'medium'],
  ['sector', 'telecoms-media'],
  ['eu_exposure', 'no'],
  ['procurement', 'security-only'],
];

let server: TestServer;
let people = 0;

beforeAll(async () => {
  server = await startTestServer({}, { clock: () => MONDAY });
});
afterAll(async () => {
  await server?.close();
});

async function answer(c: Conversation, howMany: number) {
  let replies = await c.start();
  for (const [question, value] of ANSWERS.slice(0, howMany)) replies = await c.click(question, value);
  return replies;
}

async function toConsent(c: Conversation) {
  expect(recommendationIn(await answer(c, 7))).toMatchObject({ pathway: '27001-first' });
  await bookingSteps.book(c);
  await bookingSteps.acceptDisclaimer(c);
  return slotsIn(await bookingSteps.submitContact(c, 100 + ++people));
}

async function toBooked(c: Conversation) {
  const slots = await toConsent(c);
  await bookingSteps.pickSlot(c, slots[0].id);
  expect(bookingIn(await bookingSteps.confirm(c))).toMatchObject({ status: 'confirmed' });
}

/** Where each of the twenty stops. */
const PLAN: [count: number, stop: (c: Conversation) => Promise<unknown>][] = [
  [2, async () => undefined], // opened the chat and left
  [3, (c) => c.start()], // saw the first question
  [2, (c) => answer(c, 1)],
  [2, (c) => answer(c, 3)],
  [3, (c) => answer(c, 7)], // saw the recommendation
  [2, toConsent], // gave consent and details, did not pick a time
  [3, toBooked],
  [
    1,
    async (c) => {
      await toBooked(c);
      await c.submit({ action: 'cancel-booking' });
    },
  ],
  [
    1,
    async (c) => {
      await c.say('how much does certification cost?');
      await c.say('zxqv blorp wibble, 07700 900123, jo.bloggs@example.org');
    },
  ],
  [
    1,
    async (c) => {
      await c.start();
      await c.say('flibber jabber, mail me at sam@example.net');
    },
  ],
];

it('twenty conversations stopping at different steps: the counts per stage, drop-off, and masked misses', async () => {
  expect(PLAN.reduce((n, [count]) => n + count, 0)).toBe(20);
  for (const [count, stop] of PLAN) {
    for (let i = 0; i < count; i += 1) {
      const c = new Conversation(server.url);
      await c.join();
      await stop(c);
    }
  }

  // Counts are written in batches (src/funnel/batch.ts): what this process still holds is written first.
  await server.running.services.turn.funnel!.flush();
  const counts = new Map((await server.running.services.backend.funnel.counts('2026-11-30')).map((r) => [r.metric, r.count]));
  expect((await server.running.services.backend.funnel.counts('2026-11-30')).every((r) => r.day === '2026-11-30' && r.channel === 'test')).toBe(true);
  const expected: Record<string, number> = {
    started: 20,
    'reached:ai_use': 17,
    'answered:ai_use': 13,
    'reached:certification': 13,
    'answered:certification': 11,
    'reached:infosec_maturity': 11,
    'answered:infosec_maturity': 11,
    'reached:ai_materiality': 11, // the four stopping after three answers saw it
    'answered:ai_materiality': 9,
    'answered:procurement': 9,
    'recommended:27001-first': 9,
    consent: 6,
    booked: 4,
    cancelled: 1,
    'faq:faq.cost': 1,
    misunderstood: 2,
  };
  for (const [metric, n] of Object.entries(expected)) expect([metric, counts.get(metric) ?? 0]).toEqual([metric, n]);

  const cli = async (...argv: string[]) => {
    let out = '';
    const code = await runLeadsCli(argv, testConfig({ DATA_DIR: server.dataDir }), { out: (t) => void (out += t), err: (t) => void (out += t), now: () => MONDAY });
    return { code, out };
  };
  const funnel = await cli('funnel', '--since', '30d');
  expect(funnel.code).toBe(0);
  expect(funnel.out).toMatch(/^started\s+20\s+20$/m);
  expect(funnel.out).toMatch(/^reached:ai_use\s+17 \(85%, -15%\)/m);
  expect(funnel.out).toMatch(/^answered:ai_use\s+13 \(65%, -24%\)/m);
  expect(funnel.out).toMatch(/^recommended\s+9 \(45%, -0%\)/m);
  expect(funnel.out).toMatch(/^consent\s+6 \(30%, -33%\)/m);
  expect(funnel.out).toMatch(/^booked\s+4 \(20%, -33%\)/m);
  expect(funnel.out).toContain('Recommendations by pathway: 27001-first 9');
  expect(funnel.out).toContain('FAQ asked: faq.cost 1');
  expect(funnel.out).toContain('Cancellations: 1');
  expect(funnel.out).not.toMatch(/@|person1\d\d/);

  const misses = await cli('misses');
  expect(misses.out).toMatch(/test\s+ai_use\s+flibber jabber, mail me at \[email\]/);
  expect(misses.out).toMatch(/test\s+-\s+zxqv blorp wibble, \[phone\], \[email\]/);
  expect(misses.out).not.toMatch(/example\.(org|net)|07700/);
}, 300_000);

it('counts still held in memory when the server stops are written, not lost', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-stop-'));
  try {
    const running = await startServer(testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }), { clock: () => MONDAY });
    const c = new Conversation(running.url);
    await c.join();
    await answer(c, 1);
    await running.stop();

    const backend = await openBackend(testConfig({ DATA_DIR: dataDir }));
    const counts = new Map((await backend.funnel.counts('2026-11-30')).map((r) => [r.metric, r.count]));
    await backend.close();
    expect([counts.get('started'), counts.get('answered:ai_use')]).toEqual([1, 1]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
