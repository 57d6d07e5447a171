import * as chrono from 'chrono-node';
import { addDays } from 'date-fns/addDays';
import { startOfWeek } from 'date-fns/startOfWeek';
import { TZDate } from '@date-fns/tz';
import type { SlotWindow } from '../../machines/scoping/types';
import words from '../../content/booking-words.json';

/**
 * Days and times in words, read with chrono-node as wall-clock values in a
 * named zone (never the server's): "Thursday", "tomorrow", "12 March", "2pm",
 * "thursday afternoon", "anything after 3?", "next week", "9am my time".
 *
 * Worked examples, "now" Tue 1 Dec 2026 10:00 UTC, zone Europe/London:
 *   "thursday afternoon" → days 2026-12-03..2026-12-03, minutes 720..1080
 *   "anything after 3?"   → minutes 900..1440 (any day: "3" in office hours is 3pm)
 *   "next week"           → days 2026-12-07..2026-12-13
 *   "9am my time" from America/New_York → minutes 540..541 in America/New_York
 */

const MINUTES_IN_DAY = 24 * 60;

/** A typed time: "3", "3pm", "15:30", "9.30am". Without am/pm an hour before 8 is read as afternoon. */
const parseClock = (text: string): number | null => {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (hour > 23 || minute > 59) return null;
  if (match[3] === 'pm' && hour < 12) hour += 12;
  if (match[3] === 'am' && hour === 12) hour = 0;
  // No am/pm: "at 2" in office hours is 2pm.
  if (!match[3] && hour < words.afternoonBelow) hour += 12;
  return hour * 60 + minute;
};

const isoDate = (d: { getFullYear(): number; getMonth(): number; getDate(): number }) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

const prepare = (text: string) =>
  ` ${text.toLowerCase()} `
    .replace(/\bweds\b/g, 'wed')
    .replace(/\b(\d{1,2})(?:st|nd|rd|th)\s+of\s+/g, '$1 ')
    .trim();

/**
 * chrono works out "today" and "Thursday" on the process's own clock; given an
 * instant whose process-local wall clock is the zone's wall clock, the dates and
 * times it reads are the zone's, whatever TZ the server runs in.
 * Example: 23:30 UTC on Sun 14 Jun 2026 is 00:30 Mon 15 Jun in London, so
 * chrono is handed a local 2026-06-15 00:30 and "tomorrow" reads as 16 June.
 */
function wallClock(now: Date, zone: string): Date {
  const z = new TZDate(now.getTime(), zone);
  return new Date(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes(), z.getSeconds());
}

function parse(text: string, now: Date, zone: string) {
  return chrono.en.GB.parse(prepare(text), wallClock(now, zone), { forwardDate: true });
}

/** The calendar date of a chrono reading (known or implied), as chrono computed it in `zone`. */
function dateOf(result: chrono.ParsedResult): string {
  const c = result.start;
  return `${c.get('year')}-${String(c.get('month')).padStart(2, '0')}-${String(c.get('day')).padStart(2, '0')}`;
}

const namesADay = (result: chrono.ParsedResult) =>
  result.start.isCertain('day') || result.start.isCertain('weekday') || /\b(today|tomorrow|tonight)\b/i.test(result.text);

/**
 * A day the visitor names, as a calendar date in `zone`, on or after today
 * there; a weekday named on that same weekday means the next one.
 * Example: on Mon 30 Nov 2026, "Thursday" → 2026-12-03; "Monday" → 2026-12-07.
 */
export function parseDay(text: string, now: Date, zone = 'Europe/London'): string | null {
  const result = parse(text, now, zone).find(namesADay);
  if (!result) return null;
  const today = isoDate(new TZDate(now.getTime(), zone));
  const day = dateOf(result);
  if (result.start.isCertain('weekday') && !result.start.isCertain('day') && day === today) {
    return isoDate(addDays(new TZDate(now.getTime(), zone), 7));
  }
  return day;
}

/** "12:00" in content → 720; "24:00" is the end of the day. */
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function partOfDay(lower: string): { from: number; to: number } | null {
  for (const [name, [from, to]] of Object.entries(words.partsOfDay)) {
    if (new RegExp(`\\b${name}\\b`).test(lower)) return { from: minutesOf(from), to: minutesOf(to) };
  }
  return null;
}

function boundedTime(lower: string): { from: number; to: number } | null {
  const match = new RegExp(`\\b(${[...words.after, ...words.before].join('|')})\\s+(\\d{1,2}(?:[:.]\\d{2})?\\s*(?:am|pm)?)(?![\\d])`).exec(lower);
  if (!match) return null;
  const minutes = parseClock(match[2]);
  if (minutes === null) return null;
  return words.after.includes(match[1]) ? { from: minutes, to: MINUTES_IN_DAY } : { from: 0, to: minutes };
}

function weekOf(lower: string, now: Date, zone: string): { from: string; to: string } | null {
  const today = new TZDate(now.getTime(), zone);
  const monday = startOfWeek(today, { weekStartsOn: 1 });
  if (/\bnext week\b/.test(lower)) return { from: isoDate(addDays(monday, 7)), to: isoDate(addDays(monday, 13)) };
  if (/\b(this|later this) week\b/.test(lower)) return { from: isoDate(today), to: isoDate(addDays(monday, 6)) };
  return null;
}

/** Whether the visitor means their own clock ("9am my time"). */
export const meansOwnTime = (text: string) => new RegExp(`\\b(${words.ownTime.join('|')})\\b`, 'i').test(text);

/**
 * A window of slots named in words, or null when the text names no day or time.
 * Times are read in the visitor's zone when they say so ("my time") and it is
 * known, otherwise in `zone` (the firm's).
 */
export function readWhen(text: string, now: Date, zone: string, visitorZone: string | null = null): SlotWindow | null {
  const lower = prepare(text);
  const inZone = meansOwnTime(lower) && visitorZone ? visitorZone : zone;
  const window: SlotWindow = { zone: inZone };

  const week = weekOf(lower, now, inZone);
  const results = parse(lower, now, inZone);
  const day = results.find(namesADay);
  if (week) window.days = week;
  else if (day) {
    const date = parseDay(day.text, now, inZone);
    if (date) window.days = { from: date, to: date };
  }

  const bounded = boundedTime(lower);
  const timed = results.find((r) => r.start.isCertain('hour'));
  if (bounded) window.minutes = bounded;
  else if (timed) {
    const hour = timed.start.get('hour') ?? 0;
    const minute = timed.start.get('minute') ?? 0;
    // No am/pm: "at 2" in office hours is 2pm.
    const pm = !timed.start.isCertain('meridiem') && hour < words.afternoonBelow ? 12 : 0;
    const minutes = (hour + pm) * 60 + minute;
    window.minutes = { from: minutes, to: minutes + 1 };
  } else {
    const part = partOfDay(lower);
    if (part) window.minutes = part;
  }
  return window.days || window.minutes ? window : null;
}

/** Whether a slot starts inside the window, on the window's own clock. */
export function inWindow(slotStart: string, window: SlotWindow): boolean {
  const local = new TZDate(Date.parse(slotStart), window.zone);
  const date = isoDate(local);
  if (window.days && (date < window.days.from || date > window.days.to)) return false;
  const minutes = local.getHours() * 60 + local.getMinutes();
  if (window.minutes && (minutes < window.minutes.from || minutes >= window.minutes.to)) return false;
  return true;
}

/** "14:00" from minutes after midnight. */
export const clockLabel = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
