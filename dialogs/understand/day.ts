import { addDays } from 'date-fns/addDays';
import { TZDate } from '@date-fns/tz';

/**
 * A day the user names ("Thursday", "tomorrow", "12 March", "2026-12-03") as
 * a London calendar date, the next one on or after `now`'s London date.
 * Example: on Mon 30 Nov 2026, "Thursday" → 2026-12-03; "Monday" → 2026-12-07.
 */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const iso = (d: TZDate) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function parseDay(text: string, now: Date, timeZone = 'Europe/London'): string | null {
  const lower = text.toLowerCase();
  const today = new TZDate(now.getTime(), timeZone);
  const explicit = lower.match(/\b(\d{4})-(\d{2})-(\d{2})\b/);
  if (explicit) return `${explicit[1]}-${explicit[2]}-${explicit[3]}`;
  if (/\btomorrow\b/.test(lower)) return iso(addDays(today, 1));
  if (/\btoday\b/.test(lower)) return iso(today);
  const dayMonth = lower.match(/\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/);
  if (dayMonth) {
    const day = Number(dayMonth[1]);
    const month = MONTHS.indexOf(dayMonth[2]);
    let candidate = new TZDate(today.getFullYear(), month, day, 12, 0, timeZone);
    if (candidate.getMonth() !== month) return null;
    if (iso(candidate) < iso(today)) candidate = new TZDate(today.getFullYear() + 1, month, day, 12, 0, timeZone);
    return iso(candidate);
  }
  // "thurs", "fri", "weds": any word of three letters or more that starts a weekday's name.
  const words = (lower.match(/[a-z]{3,}/g) ?? []).map((word) => (word === 'weds' ? 'wed' : word));
  const weekday = WEEKDAYS.findIndex((name) => words.some((word) => name.startsWith(word)));
  if (weekday >= 0) {
    const ahead = (weekday - today.getDay() + 7) % 7 || 7;
    return iso(addDays(today, ahead));
  }
  return null;
}
