import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addHours } from 'date-fns/addHours';
import { addMinutes } from 'date-fns/addMinutes';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import type { BookingConfig, Weekday } from '../config/config';
import type { HolidaySet } from './bank-holidays';

/**
 * Candidate slots, pure: working days and hours on the wall clock of
 * `config.timeZone` (Europe/London), minus bank holidays, minimum notice and
 * the horizon. Whether a practitioner is free is the store's question, not this one's.
 */

export interface Slot {
  /** Derived from the start instant: `slot-20260330T0800Z`. */
  id: string;
  /** ISO 8601 instant in UTC, e.g. `2026-03-30T08:00:00.000Z`. */
  start: string;
  end: string;
}

const WEEKDAY_BY_INDEX: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SLOT_ID = /^slot-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z$/;

/** `2026-03-30T08:00:00.000Z` → `slot-20260330T0800Z`. */
export function slotIdFor(start: Date): string {
  // A TZDate's toISOString carries its offset; a plain Date's is UTC.
  const iso = new Date(start.getTime()).toISOString();
  return `slot-${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

/** The start instant a slot id names, or null when it is not a slot id. */
export function slotStartFromId(id: string): Date | null {
  const m = SLOT_ID.exec(id);
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  return slotIdFor(date) === id ? date : null; // rejects 2026-02-30 and 25:00
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

/**
 * Every slot the rules allow, in order, from `now` to the horizon.
 *
 * - Days are stepped in the booking zone with `addDays`, so a day starts at
 *   London midnight whatever the process's TZ is.
 * - A day's first slot is built from the wall clock: 09:00 London is
 *   08:00Z on Mon 30 Mar 2026 (BST, the day after the clocks go forward) and
 *   09:00Z on Fri 27 Mar 2026 (GMT).
 * - Slots are `slotMinutes` apart from the day start, and the last one must end
 *   by the day end: 09:00–17:00 with 30 minutes → 16 slots, 09:00 … 16:30.
 * - Minimum notice: start ≥ now + minNoticeHours. Now Mon 10:15Z with 24 h →
 *   the first slot is Tue 10:30Z (if Tuesday is a working day), never 10:00Z.
 * - Horizon: start < now + horizonDays calendar days (London). Now Mon 30 Mar
 *   10:15 London, 21 days → the last slot starts before Mon 20 Apr 10:15 London.
 */
export function candidateSlots(config: BookingConfig, now: Date, holidays: HolidaySet): Slot[] {
  const tz = config.timeZone;
  const zonedNow = new TZDate(now, tz);
  const earliest = addHours(zonedNow, config.minNoticeHours).getTime();
  const latest = addDays(zonedNow, config.horizonDays).getTime();
  const slots: Slot[] = [];

  for (let day = startOfDay(zonedNow); day.getTime() < latest; day = addDays(day, 1)) {
    if (!config.workingDays.includes(WEEKDAY_BY_INDEX[day.getDay()])) continue;
    const date = format(day, 'yyyy-MM-dd');
    if (holidays.has(date)) continue;
    for (const slot of slotsOfDay(config, day, date)) {
      const t = Date.parse(slot.start);
      if (t >= earliest && t < latest) slots.push(slot);
    }
  }
  return slots;
}

// A day's slots depend only on the configuration and the date, and zoned
// arithmetic is slow enough to matter per turn, so each day is worked out once.
const dayCache = new WeakMap<BookingConfig, Map<string, readonly Slot[]>>();

function slotsOfDay(config: BookingConfig, day: TZDate, date: string): readonly Slot[] {
  let byDate = dayCache.get(config);
  if (!byDate) dayCache.set(config, (byDate = new Map()));
  const cached = byDate.get(date);
  if (cached) return cached;

  const tz = config.timeZone;
  const dayStart = minutesOf(config.dayStart);
  const dayEnd = minutesOf(config.dayEnd);
  const open = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(dayStart / 60), dayStart % 60, tz);
  const close = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(dayEnd / 60), dayEnd % 60, tz);
  const slots: Slot[] = [];
  for (let start = open, end = addMinutes(open, config.slotMinutes); end <= close; start = end, end = addMinutes(end, config.slotMinutes)) {
    slots.push({ id: slotIdFor(start), start: new Date(start.getTime()).toISOString(), end: new Date(end.getTime()).toISOString() });
  }
  if (byDate.size > 400) byDate.clear();
  byDate.set(date, slots);
  return slots;
}

/** The candidate slot with this id, or null when the rules do not allow it at `now`. */
export function findCandidate(config: BookingConfig, now: Date, holidays: HolidaySet, slotId: string): Slot | null {
  if (!slotStartFromId(slotId)) return null;
  return candidateSlots(config, now, holidays).find((s) => s.id === slotId) ?? null;
}

/** The calendar date of an instant in a zone, 'YYYY-MM-DD'. */
export function dateIn(instant: string | Date, timeZone: string): string {
  return format(new TZDate(new Date(instant), timeZone), 'yyyy-MM-dd');
}

/**
 * A slot as people read it, in a zone: "Mon 30 Mar, 09:00–09:30" (London),
 * "Mon 30 Mar, 04:00–04:30" (America/New_York) for the same slot.
 */
export function formatSlot(slot: Pick<Slot, 'start' | 'end'>, timeZone: string): string {
  const start = new TZDate(new Date(slot.start), timeZone);
  const end = new TZDate(new Date(slot.end), timeZone);
  return `${format(start, 'EEE d MMM, HH:mm')}–${format(end, 'HH:mm')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `formatSlot` for many slots in one zone (the leads list): one Intl formatter
 * built once instead of two zoned dates and two format calls per slot.
 * Same text: "Wed 2 Dec, 09:00–09:30".
 */
export class SlotFormatter {
  private readonly parts: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }

  format(slot: Pick<Slot, 'start' | 'end'>): string {
    const s = this.fields(slot.start);
    const e = this.fields(slot.end);
    return `${s.weekday} ${Number(s.day)} ${MONTHS[Number(s.month) - 1]}, ${s.hour}:${s.minute}–${e.hour}:${e.minute}`;
  }

  private fields(iso: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of this.parts.formatToParts(new Date(iso))) out[p.type] = p.value;
    return out;
  }
}
