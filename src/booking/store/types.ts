import type { Slot } from '../slots';

/**
 * Booking rows as every backend stores them. Methods run inside a records
 * transaction (src/records): the caller decides what is atomic.
 */

export interface BookingRecord {
  id: string;
  /** Null once the lead is erased: the row then only serves the calendar cancel. */
  leadId: string | null;
  practitioner: string;
  start: string;
  end: string;
  status: 'confirmed' | 'cancelled';
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewBooking {
  leadId: string;
  practitioner: string;
  slot: Slot;
  /**
   * The end of the slot plus the buffer kept free after it. Backends that
   * enforce "no overlap" in the database (Postgres: an exclusion constraint on
   * [start, busyUntil)) need it stored; SQLite checks it inside BEGIN IMMEDIATE.
   */
  busyUntil: string;
  now: string;
}

export interface BookingRows {
  get(id: string): Promise<BookingRecord | null>;
  ofLead(leadId: string): Promise<BookingRecord[]>;
  /** Confirmed bookings whose span can touch [from, until), oldest first. */
  activeBetween(from: string, until: string): Promise<BookingRecord[]>;
  /** Throws `BookingConflict` when the database refuses it (slot or lead already held). */
  insert(booking: NewBooking): Promise<string>;
  /** Throws `BookingConflict` as `insert` does. */
  move(id: string, change: { practitioner: string; slot: Slot; busyUntil: string; now: string }): Promise<void>;
  cancel(id: string, now: string): Promise<void>;
  /** Keeps the rows for the calendar cancel, with nothing that points at a person. */
  detachFromLead(leadId: string): Promise<void>;
  deleteOfLead(leadId: string): Promise<number>;
  /** Anonymised bookings last changed before the cutoff. */
  deleteDetachedBefore(cutoff: string): Promise<number>;
  /** A fresh calendar-link token (shown once); only its hash is stored. */
  issueToken(bookingId: string, now: string): Promise<string>;
  tokenMatches(bookingId: string, token: string): Promise<boolean>;
}

/**
 * The database refused a booking write: the slot is held by someone else
 * (`slot`), or the lead already holds an active booking (`lead`). The service
 * re-runs its transaction, which then sees why.
 */
export class BookingConflict extends Error {
  constructor(readonly kind: 'slot' | 'lead') {
    super(`booking conflict: ${kind} already held`);
    this.name = 'BookingConflict';
  }
}
