import { TZDate } from '@date-fns/tz';
import type { BookingConfig, Weekday } from '../config/config';
import { fill } from '../content/copy';
import { copy } from './copy';

/**
 * When practitioners are at work: the booking settings' working days and
 * hours, in the firm's zone. Example: Mon–Fri 09:00–17:00 Europe/London;
 * Monday 30 Nov 2026 10:15Z is 10:15 in London → in hours; Saturday → not.
 */

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ORDER: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type OfficeHours = Pick<BookingConfig, 'timeZone' | 'workingDays' | 'dayStart' | 'dayEnd'>;

export function inOfficeHours(hours: OfficeHours, now: Date): boolean {
  const local = new TZDate(now, hours.timeZone);
  if (!hours.workingDays.includes(WEEKDAYS[local.getDay()])) return false;
  const hhmm = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
  return hhmm >= hours.dayStart && hhmm < hours.dayEnd;
}

/** "Monday to Friday, 09:00 to 17:00"; days that are not a run are listed ("Monday, Wednesday, …"). */
export function officeHoursText(hours: OfficeHours): string {
  const c = copy().handoff;
  const days = ORDER.filter((d) => hours.workingDays.includes(d));
  const indexes = days.map((d) => ORDER.indexOf(d));
  const run = days.length > 2 && indexes.every((n, i) => i === 0 || n === indexes[i - 1] + 1);
  const named = run ? fill(c.dayRange, { first: c.days[days[0]], last: c.days[days[days.length - 1]] }) : days.map((d) => c.days[d]).join(', ');
  return fill(c.hours, { days: named, start: hours.dayStart, end: hours.dayEnd });
}
