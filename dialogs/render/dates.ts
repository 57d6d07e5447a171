import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/**
 * Dates as people write them in prose: "Thursday 3 December". Buttons keep
 * the short form of src/booking/slots (`formatSlot`: "Thu 3 Dec, 09:00–09:30").
 */

/** A calendar day, "2026-12-03" → "Thursday 3 December" (the day as named, in no zone). */
export function dayInWords(isoDay: string): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  return format(new Date(year, month - 1, day), 'EEEE d MMMM');
}

/** A slot in a zone: 2026-12-03T09:00Z–09:30Z in Europe/London → "Thursday 3 December, 09:00–09:30". */
export function slotInWords(slot: { start: string; end: string }, timeZone: string): string {
  const start = new TZDate(new Date(slot.start), timeZone);
  const end = new TZDate(new Date(slot.end), timeZone);
  return `${format(start, 'EEEE d MMMM, HH:mm')}–${format(end, 'HH:mm')}`;
}
