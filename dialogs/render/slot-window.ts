import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { fill, type Messages } from '../../src/content/copy';
import type { SlotWindow } from '../../machines/scoping/types';
import words from '../../content/booking-words.json';

/**
 * A window of slots in words, for the line above the times it narrowed to:
 * "on Thu 3 Dec in the afternoon", "from 15:00", "next week",
 * "at 09:00, in your time (America/New_York)".
 */

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));

function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return format(new TZDate(y, m - 1, d, 12, 0, 'Europe/London'), 'EEE d MMM');
}

export function describeWindow(window: SlotWindow, messages: Messages, nextWeek: boolean): string {
  const b = messages.booking;
  const hints = b.slotWhenHints;
  const parts: string[] = [];
  if (window.days) {
    if (nextWeek) parts.push(hints.nextWeek);
    else if (window.days.from === window.days.to) parts.push(`on ${dayLabel(window.days.from)}`);
    else parts.push(`${dayLabel(window.days.from)} to ${dayLabel(window.days.to)}`);
  }
  if (window.minutes) {
    const { from, to } = window.minutes;
    const named = Object.entries(words.partsOfDay).find(([, [f, t]]) => minutesOf(f) === from && minutesOf(t) === to)?.[0];
    const partLabel = named ? (b.partsOfDay as Record<string, string>)[named] : undefined;
    if (partLabel) parts.push(partLabel);
    else if (to - from === 1) parts.push(fill(hints.at, { time: clock(from) }));
    else if (to >= 24 * 60) parts.push(fill(hints.after, { time: clock(from) }));
    else if (from === 0) parts.push(fill(hints.before, { time: clock(to) }));
    else parts.push(`${clock(from)}–${clock(to)}`);
  }
  const said = parts.join(' ');
  return window.zone === 'Europe/London' ? said : fill(hints.yourTime, { window: said, zone: window.zone });
}
