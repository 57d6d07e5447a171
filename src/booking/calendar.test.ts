import { renderCalendar } from './calendar';
import type { BookingView } from './service';
import { NOW, openService, registerAda, tempDataDir, WEDNESDAY_0900, WEDNESDAY_1000, type Stores } from '../../test/booking/fixtures';

/** The iCalendar file, read back with a small RFC 5545 parser (unfolding, unescaping). */

type Ics = { method: string; events: Record<string, string>[] };

function parseIcs(text: string): Ics {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter(Boolean);
  const ics: Ics = { method: '', events: [] };
  let event: Record<string, string> | null = null;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0];
    const value = line.slice(colon + 1).replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');
    if (line === 'BEGIN:VEVENT') event = {};
    else if (line === 'END:VEVENT') (ics.events.push(event!), (event = null));
    else if (event) event[name] = event[name] ? `${event[name]}\n${value}` : value;
    else if (name === 'METHOD') ics.method = value;
  }
  return ics;
}

let service: Stores;
let booking: BookingView;
const tokenOf = (b: BookingView) => new URL(b.icsUrlPath, 'http://x').searchParams.get('token')!;

beforeEach(async () => {
  service = await openService(tempDataDir());
  const r = await service.booking.confirm({ leadId: await registerAda(service), slotId: WEDNESDAY_0900, now: NOW });
  if (!r.ok) throw new Error(r.reason);
  booking = r.booking;
});
afterEach(() => service.close());

it('a confirmed booking is a 30-minute REQUEST in UTC naming the call, with the disclaimer', async () => {
  const ics = parseIcs((await service.booking.calendarFor(booking.id, tokenOf(booking)))!);
  expect(ics.method).toBe('REQUEST');
  expect(ics.events).toHaveLength(1);
  const [event] = ics.events;
  expect(event).toMatchObject({
    DTSTART: '20261202T090000Z',
    DTEND: '20261202T093000Z',
    SUMMARY: 'AI Governance Scoping Call',
    STATUS: 'CONFIRMED',
    SEQUENCE: '0',
    UID: `${booking.id}@ai-governance-scoping`,
  });
  expect(event.DESCRIPTION).toContain('not legal or compliance advice');
  expect(event.DESCRIPTION).toContain('Obligations vary by organisation and sector');
  expect(event.ORGANIZER).toMatch(/mailto:scoping@example\.com$/i); // BOOKING_ORGANIZER_EMAIL's default
  expect(event.ATTENDEE).toMatch(/ada@example\.org/);
});

it('a cancelled booking is a CANCEL with the same UID and a higher SEQUENCE; the old link shows it too', async () => {
  const cancelled = await service.booking.cancel(booking.id);
  if (!cancelled.ok) throw new Error(cancelled.reason);
  for (const link of [booking, cancelled.booking]) {
    const ics = parseIcs((await service.booking.calendarFor(booking.id, tokenOf(link)))!);
    expect(ics.method).toBe('CANCEL');
    expect(ics.events[0]).toMatchObject({ STATUS: 'CANCELLED', SEQUENCE: '1', UID: `${booking.id}@ai-governance-scoping` });
  }
});

it('a rescheduled booking keeps its UID with the new times', async () => {
  const moved = await service.booking.reschedule({ bookingId: booking.id, slotId: WEDNESDAY_1000, now: NOW });
  if (!moved.ok) throw new Error(moved.reason);
  const event = parseIcs((await service.booking.calendarFor(booking.id, tokenOf(moved.booking)))!).events[0];
  expect(event).toMatchObject({ DTSTART: '20261202T100000Z', DTEND: '20261202T103000Z', SEQUENCE: '1', STATUS: 'CONFIRMED' });
});

it('without the right token there is no calendar', async () => {
  expect(await service.booking.calendarFor(booking.id, 'wrong')).toBeNull();
  expect(await service.booking.calendarFor(booking.id, '')).toBeNull();
  expect(await service.booking.calendarFor(booking.id, undefined)).toBeNull();
  expect(await service.booking.calendarFor('booking-other', tokenOf(booking))).toBeNull();
});

describe('hostile names in the attendee line (RFC 5545 quoted parameters)', () => {
  // ical.js is the validator: it parses the file as a calendar client would.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ICAL = require('ical.js') as { parse(text: string): unknown; Component: new (jcal: unknown) => { getFirstSubcomponent(name: string): { getAllProperties(name: string): { getFirstValue(): string; getParameter(name: string): string }[] } } };
  const booking = { id: 'b-1', start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z', status: 'confirmed' as const, sequence: 0, updatedAt: '2026-11-30T10:15:00.000Z' };

  it.each([
    ['a DQUOTE breaking out of CN', 'Mallory":mailto:attacker@evil.example;X="'],
    ['a line break starting a new property', 'Mallory\r\nATTENDEE:mailto:attacker@evil.example'],
    ['NUL and bidi controls', 'Mal\u0000lory \u202eelpmaxe.live@rekcatta'],
  ])('%s: the one attendee is still the visitor, and CN keeps the name as text', (_what, name) => {
    const ics = renderCalendar(booking, { name, email: 'visitor@acme.example' }, 'scoping@example.com');
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent');
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(attendees[0].getFirstValue()).toBe('mailto:visitor@acme.example');
    const cn = attendees[0].getParameter('cn');
    expect(cn).toMatch(/^Mal/);
    expect(cn).not.toMatch(/["\u0000\u202e\r\n]/);
    expect(ics).not.toMatch(/\\"/);
  });
});
