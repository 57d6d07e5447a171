import { addMinutes } from 'date-fns/addMinutes';
import type { Slot } from './slots';
import type { BookingRecord, BookingRows } from './store/types';

/** The availability question, asked of the booking rows inside a transaction. */

/**
 * Is `practitioner` free for `slot`, given their active bookings? Each call is
 * followed by `bufferMinutes`, the new one included, so two calls clash when
 * their buffered spans [start, end + buffer) overlap.
 * Example, buffer 15: booked 09:00–09:30 (busy to 09:45) → 09:30 is not free,
 * 10:00 is; 08:30–09:00 (busy to 09:15) is not free either.
 */
export function isFree(
  slot: Pick<Slot, 'start' | 'end'>,
  practitioner: string,
  bookings: readonly BookingRecord[],
  bufferMinutes: number,
  ignoreBookingId?: string,
): boolean {
  const start = Date.parse(slot.start);
  const bufferedEnd = addMinutes(new Date(slot.end), bufferMinutes).getTime();
  return !bookings.some(
    (b) =>
      b.practitioner === practitioner &&
      b.status === 'confirmed' &&
      b.id !== ignoreBookingId &&
      Date.parse(b.start) < bufferedEnd &&
      start < addMinutes(new Date(b.end), bufferMinutes).getTime(),
  );
}

/** The end of a slot plus the buffer after it: 09:00–09:30 with buffer 15 → 09:45. */
export function busyUntil(slot: Pick<Slot, 'end'>, bufferMinutes: number): string {
  return addMinutes(new Date(slot.end), bufferMinutes).toISOString();
}

/**
 * The first practitioner (in the order given) free for the slot, or null.
 * `elsewhere` says whether their own calendar keeps them (a calendar
 * provider's busy times); it sees our bookings nearby to tell ours apart.
 */
export async function freePractitioner(
  rows: BookingRows,
  slot: Slot,
  practitioners: readonly string[],
  bufferMinutes: number,
  ignoreBookingId?: string,
  elsewhere: (practitioner: string, ours: readonly BookingRecord[]) => boolean = () => false,
): Promise<string | null> {
  const from = addMinutes(new Date(slot.start), -bufferMinutes).toISOString();
  const until = addMinutes(new Date(slot.end), bufferMinutes).toISOString();
  const nearby = await rows.activeBetween(from, until);
  return practitioners.find((p) => isFree(slot, p, nearby, bufferMinutes, ignoreBookingId) && !elsewhere(p, nearby)) ?? null;
}
