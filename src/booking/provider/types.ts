import { addMinutes } from 'date-fns/addMinutes';

/**
 * A calendar provider: where practitioners' other commitments come from, and
 * where a booking is mirrored once our store holds it. `none` has neither
 * (our own records are the whole truth); `graph` reads and writes Microsoft 365
 * calendars. Chosen by CALENDAR_PROVIDER.
 */

/** A span a practitioner is not free, in UTC ISO instants. */
export interface BusySpan {
  start: string;
  end: string;
}

/** Busy spans by practitioner id; a practitioner absent from the map has none we know of. */
export type BusyTimes = ReadonlyMap<string, readonly BusySpan[]>;

/** `unavailable`: the calendar could not be read (offers then rest on our own records). */
export type BusyResult = { ok: true; busy: BusyTimes } | { ok: false; reason: 'unavailable' };

export interface CalendarProvider {
  readonly kind: 'none' | 'graph';
  /**
   * Busy times over the booking horizon. From a brief cache unless `fresh`
   * (the check just before a booking is committed).
   */
  busy(options?: { fresh?: boolean }): Promise<BusyResult>;
  /** Our store changed this booking (booked, moved, cancelled): mirror it, durably, after the commit. */
  changed(booking: { id: string; end: string }): Promise<void>;
  /** The online-meeting link the calendar made for the booking, if any. */
  joinUrl?(bookingId: string): Promise<string | null>;
  /** Checks credentials and warms the cache; a refusal is an error at start-up, not mid-turn. */
  start(): Promise<void>;
  /** Delivers what is due (the retry loop calls it; tests call it directly). */
  flush(): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Does `span` keep the practitioner from `slot`? The buffer is kept on both
 * sides, as between two of our own calls.
 * Example, buffer 15: busy 09:00–10:00 → 10:00–10:30 clashes (10:00 < 10:15),
 * 10:30 is free; 08:30–08:45 clashes too (08:45 + 15 > 09:00 − 0).
 */
export function clashes(slot: BusySpan, span: BusySpan, bufferMinutes: number): boolean {
  const slotEnd = addMinutes(new Date(slot.end), bufferMinutes).getTime();
  const spanEnd = addMinutes(new Date(span.end), bufferMinutes).getTime();
  return Date.parse(span.start) < slotEnd && Date.parse(slot.start) < spanEnd;
}

/** The embedded default: no other calendar; our records are the whole truth. */
export const noCalendar: CalendarProvider = {
  kind: 'none',
  busy: async () => ({ ok: true, busy: new Map() }),
  changed: async () => undefined,
  start: async () => undefined,
  flush: async () => null,
  stop: async () => undefined,
};
