import { Conversation, get, recommendationIn, valueWith } from './client';
import { bookingIn, bookingSteps, MONDAY, slotsIn } from './booking-flow';
import { SCENARIOS, converse } from './scenarios';
import { startTestServer, type TestServer } from './server';

/**
 * The iCalendar file of a booked call is served only with its unguessable
 * token: without it, or with a wrong one, 404 (booking.md, step 4).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { clock: () => MONDAY });
});
afterAll(async () => {
  await server?.close();
});

it('a booked call links to its .ics; without the token or with a wrong one: 404', async () => {
  const conversation = new Conversation(server.url);
  const scenario = SCENARIOS.find((s) => s.expected.tier === 'hot')!;
  const { replies } = await converse(conversation, scenario.answers, () => 'click');
  expect(recommendationIn(replies[replies.length - 1])).not.toBeNull();

  expect(valueWith(await bookingSteps.book(conversation), (v) => v.question === 'disclaimer')).not.toBeNull();
  expect(valueWith(await bookingSteps.acceptDisclaimer(conversation), (v) => v.question === 'contact')).not.toBeNull();
  const slots = slotsIn(await bookingSteps.submitContact(conversation, 1));
  expect(slots.length).toBeGreaterThan(0);
  // Monday 10:15 GMT + 24 h notice: the first offer is Tuesday 10:30 London (= UTC in winter).
  expect(slots[0]).toEqual({ id: 'slot-20261201T1030Z', start: '2026-12-01T10:30:00.000Z', end: '2026-12-01T11:00:00.000Z' });
  expect(valueWith(await bookingSteps.pickSlot(conversation, slots[0].id), (v) => v.question === 'confirm')).not.toBeNull();
  const booking = bookingIn(await bookingSteps.confirm(conversation))!;
  expect(booking).toMatchObject({ start: slots[0].start, end: slots[0].end, status: 'confirmed' });

  const ics = new URL(booking.ics);
  expect(ics.pathname).toBe(`/calendar/${booking.id}.ics`);
  const token = ics.searchParams.get('token')!;
  expect(token.length).toBeGreaterThanOrEqual(16);

  const withToken = await get(server.url, `${ics.pathname}${ics.search}`);
  expect(withToken.status).toBe(200);
  expect(withToken.contentType).toMatch(/^text\/calendar/);
  expect(withToken.text).toMatch(/METHOD:REQUEST/);
  expect(withToken.text).toMatch(/DTSTART:20261201T103000Z/);

  const wrong = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
  for (const path of [
    ics.pathname,
    `${ics.pathname}?token=`,
    `${ics.pathname}?token=${wrong}`,
    `${ics.pathname}?token=${token}&token=${token}`,
    `/calendar/booking-does-not-exist.ics?token=${token}`,
    `/calendar/${booking.id}.txt?token=${token}`,
    `/calendar/..%2F..%2Fetc%2Fpasswd?token=${token}`,
  ]) {
    const res = await get(server.url, path);
    expect([path, res.status]).toEqual([path, 404]);
    expect(res.text).not.toMatch(/BEGIN:VCALENDAR/);
  }
});

it('a calendar path for a booking that never existed: 404', async () => {
  expect((await get(server.url, '/calendar/anything.ics')).status).toBe(404);
  expect((await get(server.url, '/calendar/anything.ics?token=abc')).status).toBe(404);
});
