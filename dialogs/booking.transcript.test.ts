import fs from 'node:fs';
import { lastValue, questionOf, startChat, textOf, type Chat } from '../test/support/chat';

/** Booking the 30-minute call (shared/spec/booking.md) as transcripts. Tuesday 1 Dec 2026, 10:00 UTC. */

const CONTACT = { question: 'contact', name: 'Ada Lovelace', email: 'ada@example-trust.nhs.uk', organisation: 'Example NHS Trust', consent: 'true' };

let chat: Chat;
beforeEach(async () => {
  chat = await startChat({ now: '2026-12-01T10:00:00.000Z' });
});
afterEach(() => chat.close());

async function toSlots(c: Chat = chat) {
  await c.say('can I just book a call?');
  await c.click({ question: 'disclaimer', answer: 'accept' });
  return c.click(CONTACT);
}

it('declining the disclaimer books nothing and goes back to where the user was', async () => {
  await chat.say('start');
  await chat.say('AI in production');
  expect(questionOf(await chat.say('book a call'))).toBe('disclaimer');
  const replies = await chat.say('not now');
  expect(textOf(replies)).toMatch(/nothing has been booked/i);
  expect(questionOf(replies)).toBe('certification');
});

it('the disclaimer comes before any contact details', async () => {
  const replies = await chat.say('can I just book a call?');
  expect(questionOf(replies)).toBe('disclaimer');
  expect(textOf(replies)).toMatch(/not legal or compliance advice/);
  expect(questionOf(await chat.click({ question: 'disclaimer', answer: 'accept' }))).toBe('contact');
});

it('a bad email is re-asked with the reason, the good fields kept in the form', async () => {
  await chat.say('book a call');
  await chat.click({ question: 'disclaimer', answer: 'accept' });
  const replies = await chat.click({ ...CONTACT, email: 'not-an-email' });
  expect(textOf(replies)).toMatch(/email/i);
  const form = JSON.stringify(replies[replies.length - 1].attachments);
  expect(form).toContain('Ada Lovelace');
  expect(questionOf(await chat.click(CONTACT))).toBe('slot');
});

it('no consent, no booking, and nothing stored', async () => {
  await chat.say('book a call');
  await chat.click({ question: 'disclaimer', answer: 'accept' });
  const replies = await chat.click({ ...CONTACT, consent: 'false' });
  expect(textOf(replies)).toMatch(/agreed/);
  expect(chat.services.turn.booking.listLeads()).toHaveLength(0);
});

it('typed contact details, field by field, consent first', async () => {
  await chat.say('book a call');
  await chat.say('yes, I understand');
  expect(textOf(await chat.say('yes'))).toMatch(/name/);
  expect(textOf(await chat.say('Ada Lovelace'))).toMatch(/work email/);
  expect(textOf(await chat.say('ada@gmail.com'))).toMatch(/ada@gmail.com looks like a personal address/);
  expect(textOf(await chat.say('ada@example-trust.nhs.uk'))).toMatch(/organisation/);
  expect(textOf(await chat.say('Example NHS Trust'))).toMatch(/role/);
  expect(textOf(await chat.say('skip'))).toMatch(/phone/);
  const replies = await chat.say('skip');
  expect(questionOf(replies)).toBe('slot');
});

it('offers slots, later ones, confirms, and the booking value points at an iCalendar file', async () => {
  let replies = await toSlots();
  const first = lastValue(replies)!;
  // 24 hours' notice: the first slot is Wednesday 2 December, 10:00 London (UTC in winter).
  expect(first.choices[0]).toEqual({ id: 'slot-20261202T1000Z', start: '2026-12-02T10:00:00.000Z', end: '2026-12-02T10:30:00.000Z' });
  replies = await chat.say('later');
  const later = lastValue(replies)!;
  expect(later.choices[0].start > first.choices[first.choices.length - 1].start).toBe(true);
  replies = await chat.say('2');
  expect(questionOf(replies)).toBe('confirm');
  replies = await chat.click({ question: 'confirm', answer: 'yes' });
  const { booking } = lastValue(replies)!;
  expect(booking).toMatchObject({ start: later.choices[1].start, end: later.choices[1].end, status: 'confirmed' });
  expect(booking.ics).toMatch(/^http:\/\/localhost:3978\/calendar\/.+\.ics\?token=/);
  expect(textOf(replies)).toMatch(/not legal or compliance advice/);
});

it('another day: "Friday" shows that day', async () => {
  await toSlots();
  const replies = await chat.say('Friday');
  expect(lastValue(replies)!.choices.every((c: { start: string }) => c.start.startsWith('2026-12-04'))).toBe(true);
});

it('shows the user\'s own time when their zone differs', async () => {
  const ny = await startChat({ now: '2026-12-01T10:00:00.000Z', localTimezone: 'America/New_York' });
  const replies = await toSlots(ny);
  expect(textOf(replies)).toMatch(/Wed 2 Dec, 10:00–10:30 \(Wed 2 Dec, 05:00–05:30 your time\)/);
  ny.close();
});

it('cancel and reschedule in the same conversation', async () => {
  await toSlots();
  await chat.say('1');
  const booked = lastValue(await chat.say('yes'))!.booking;
  let replies = await chat.say('can we move it to Friday?');
  expect(lastValue(replies)!.choices[0].start.startsWith('2026-12-04')).toBe(true);
  await chat.say('1');
  replies = await chat.say('yes');
  const moved = lastValue(replies)!.booking;
  expect(moved.id).toBe(booked.id);
  expect(moved.start.startsWith('2026-12-04')).toBe(true);
  replies = await chat.say('cancel my call');
  expect(lastValue(replies)).toMatchObject({ booking: { id: booked.id, status: 'cancelled' } });
});

it('a slot taken between offer and confirmation is answered with fresh slots', async () => {
  const rival = chat.other('conversation-rival');
  await toSlots();
  await toSlots(rival);
  await chat.say('1');
  await rival.say('1');
  expect(lastValue(await rival.say('yes'))!.booking.status).toBe('confirmed');
  const replies = await chat.say('yes');
  expect(textOf(replies)).toMatch(/just been taken/);
  expect(questionOf(replies)).toBe('slot');
});

it('delete my data erases the lead and cancels the booking', async () => {
  await toSlots();
  await chat.say('1');
  await chat.say('yes');
  expect(chat.services.turn.booking.listLeads()).toHaveLength(1);
  const asked = await chat.say('please delete my data');
  expect(textOf(asked)).toMatch(/Are you sure\? This deletes your answers and contact details, and cancels your booked call/);
  expect(chat.services.turn.booking.listLeads()).toHaveLength(1);
  const replies = await chat.say('yes');
  expect(textOf(replies)).toMatch(/deleted/);
  expect(textOf(replies)).toMatch(/cancelled/);
  expect(chat.services.turn.booking.listLeads()).toHaveLength(0);
});

it('a confirmed booking, its lead and consent survive a restart', async () => {
  await toSlots();
  await chat.say('1');
  const booked = lastValue(await chat.say('yes'))!.booking;
  const dataDir = chat.dataDir;
  chat.close();
  chat = await startChat({ now: '2026-12-01T10:05:00.000Z', dataDir });
  const [lead] = chat.services.turn.booking.listLeads();
  expect(lead.booking).toMatchObject({ id: booked.id, status: 'confirmed' });
  expect(chat.services.turn.booking.lead(lead.id)?.consent).toBeTruthy();
  expect(textOf(await chat.say('book a call'))).toMatch(/already have a call booked/);
  expect(fs.existsSync(dataDir)).toBe(true);
});
