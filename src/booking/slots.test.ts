import { TZDate } from '@date-fns/tz';
import { testConfig } from '../config/config';
import { readBankHolidays } from './bank-holidays';
import { candidateSlots, dateIn, findCandidate, formatSlot, Slot, slotIdFor, slotStartFromId } from './slots';

/**
 * Slot rules of shared/spec/booking.md, pinned to exact instants. This file is
 * also re-run under TZ=America/New_York and TZ=Asia/Kolkata by
 * test/booking/slots-tz.test.ts: nothing here may depend on the process zone.
 */

const config = testConfig().booking; // Mon–Fri 09:00–17:00 London, 30 min, 24 h notice, 21 days
const holidays = readBankHolidays().dates;
const london = (iso: string) => new TZDate(new Date(iso), 'Europe/London').toISOString();
const onDate = (slots: Slot[], date: string) => slots.filter((s) => dateIn(s.start, 'Europe/London') === date);
const datesOf = (slots: Slot[]) => [...new Set(slots.map((s) => dateIn(s.start, 'Europe/London')))];

describe('the week the clocks go forward (Sun 29 Mar 2026)', () => {
  const slots = candidateSlots(config, new Date('2026-03-26T12:00:00.000Z'), holidays);

  it('Friday 27 Mar is GMT: 09:00 London is 09:00Z; 24 h notice starts the day at 12:00Z', () => {
    const friday = onDate(slots, '2026-03-27');
    expect(friday[0]).toEqual({ id: 'slot-20260327T1200Z', start: '2026-03-27T12:00:00.000Z', end: '2026-03-27T12:30:00.000Z' });
    expect(london(friday[0].start)).toBe('2026-03-27T12:00:00.000+00:00');
    expect(friday.at(-1)!.start).toBe('2026-03-27T16:30:00.000Z');
  });

  it('Monday 30 Mar is BST: 09:00 London is 08:00Z, the last slot 16:30 London is 15:30Z', () => {
    const monday = onDate(slots, '2026-03-30');
    expect(monday).toHaveLength(16);
    expect(monday[0].start).toBe('2026-03-30T08:00:00.000Z');
    expect(london(monday[0].start)).toBe('2026-03-30T09:00:00.000+01:00');
    expect(monday.at(-1)).toEqual({ id: 'slot-20260330T1530Z', start: '2026-03-30T15:30:00.000Z', end: '2026-03-30T16:00:00.000Z' });
    expect(london(monday.at(-1)!.end)).toBe('2026-03-30T17:00:00.000+01:00');
  });

  it('no slots at the weekend', () => {
    expect(onDate(slots, '2026-03-28')).toEqual([]);
    expect(onDate(slots, '2026-03-29')).toEqual([]);
  });

  it('Easter 2026: none on Good Friday 3 Apr or Easter Monday 6 Apr, the days around are open', () => {
    expect(datesOf(slots)).toEqual([
      '2026-03-27',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
      '2026-04-07',
      '2026-04-08',
      '2026-04-09',
      '2026-04-10',
      '2026-04-13',
      '2026-04-14',
      '2026-04-15',
      '2026-04-16',
    ]);
  });
});

describe('the week the clocks go back (Sun 25 Oct 2026)', () => {
  const slots = candidateSlots(config, new Date('2026-10-22T09:00:00.000Z'), holidays);

  it('Friday 23 Oct is BST: 09:00 London is 08:00Z, so with notice from 09:00Z the first is 10:00 London', () => {
    const friday = onDate(slots, '2026-10-23');
    expect(friday[0].start).toBe('2026-10-23T09:00:00.000Z');
    expect(london(friday[0].start)).toBe('2026-10-23T10:00:00.000+01:00');
    expect(friday.at(-1)!.start).toBe('2026-10-23T15:30:00.000Z');
  });

  it('Monday 26 Oct is GMT: 09:00 London is 09:00Z, 16 slots to 16:30Z', () => {
    const monday = onDate(slots, '2026-10-26');
    expect(monday).toHaveLength(16);
    expect(monday[0].start).toBe('2026-10-26T09:00:00.000Z');
    expect(london(monday[0].start)).toBe('2026-10-26T09:00:00.000+00:00');
    expect(monday.at(-1)!.start).toBe('2026-10-26T16:30:00.000Z');
  });
});

describe('bank holidays with substitute days', () => {
  it('Christmas 2026: Fri 25 Dec and Mon 28 Dec (Boxing Day substitute) and Fri 1 Jan are closed', () => {
    const slots = candidateSlots(config, new Date('2026-12-21T09:00:00.000Z'), holidays);
    expect(datesOf(slots).slice(0, 8)).toEqual([
      '2026-12-22',
      '2026-12-23',
      '2026-12-24',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-04',
      '2027-01-05',
    ]);
  });

  it('Christmas 2027: Mon 27 and Tue 28 Dec are both substitute days', () => {
    const slots = candidateSlots(config, new Date('2027-12-20T09:00:00.000Z'), holidays);
    expect(datesOf(slots).slice(0, 5)).toEqual(['2027-12-21', '2027-12-22', '2027-12-23', '2027-12-24', '2027-12-29']);
  });
});

describe('minimum notice and horizon', () => {
  const now = new Date('2026-11-30T10:15:00.000Z'); // Mon, GMT

  it('24 hours of notice: now Mon 10:15 → the first slot is Tue 10:30 (never 10:00)', () => {
    expect(candidateSlots(config, now, holidays)[0].start).toBe('2026-12-01T10:30:00.000Z');
  });

  it('no notice: the next half hour today', () => {
    const noNotice = testConfig({ BOOKING_MIN_NOTICE_HOURS: '0' }).booking;
    expect(candidateSlots(noNotice, now, holidays)[0].start).toBe('2026-11-30T10:30:00.000Z');
  });

  it('21 days ahead: the last slot starts before Mon 21 Dec 10:15', () => {
    const slots = candidateSlots(config, now, holidays);
    expect(slots.at(-1)!.start).toBe('2026-12-21T10:00:00.000Z');
  });

  it('2 days ahead with no notice: today from 10:30 and tomorrow until 10:00', () => {
    const short = testConfig({ BOOKING_MIN_NOTICE_HOURS: '0', BOOKING_HORIZON_DAYS: '2' }).booking;
    const slots = candidateSlots(short, now, holidays);
    expect(slots[0].start).toBe('2026-11-30T10:30:00.000Z');
    expect(slots.at(-1)!.start).toBe('2026-12-02T10:00:00.000Z');
    expect(slots).toHaveLength(13 + 16 + 3);
  });

  it('findCandidate: only slots the rules allow now', () => {
    expect(findCandidate(config, now, holidays, 'slot-20261201T1030Z')).not.toBeNull();
    expect(findCandidate(config, now, holidays, 'slot-20261201T1000Z')).toBeNull(); // inside the notice
    expect(findCandidate(config, now, holidays, 'slot-20261201T1015Z')).toBeNull(); // not on the half hour
    expect(findCandidate(config, now, holidays, 'slot-20261225T1000Z')).toBeNull(); // Christmas Day
    expect(findCandidate(config, now, holidays, 'slot-20270104T1000Z')).toBeNull(); // beyond the horizon
  });
});

describe('slot ids', () => {
  it('are derived from the UTC start and read back', () => {
    expect(slotIdFor(new Date('2026-03-30T08:00:00.000Z'))).toBe('slot-20260330T0800Z');
    expect(slotStartFromId('slot-20260330T0800Z')?.toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('reject what is not a slot id', () => {
    expect(slotStartFromId('slot-20260230T0800Z')).toBeNull();
    expect(slotStartFromId('slot-20260330T2500Z')).toBeNull();
    expect(slotStartFromId('__proto__')).toBeNull();
  });
});

describe('formatSlot', () => {
  const monday = { start: '2026-03-30T08:00:00.000Z', end: '2026-03-30T08:30:00.000Z' };

  it('shows London wall-clock time', () => {
    expect(formatSlot(monday, 'Europe/London')).toBe('Mon 30 Mar, 09:00–09:30');
  });

  it('and the user’s zone', () => {
    expect(formatSlot(monday, 'America/New_York')).toBe('Mon 30 Mar, 04:00–04:30');
    expect(formatSlot(monday, 'Asia/Kolkata')).toBe('Mon 30 Mar, 13:30–14:00');
    expect(formatSlot({ start: '2026-10-26T16:30:00.000Z', end: '2026-10-26T17:00:00.000Z' }, 'Australia/Sydney')).toBe(
      'Tue 27 Oct, 03:30–04:00',
    );
  });
});
