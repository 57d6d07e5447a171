import { randomUUID } from 'node:crypto';
import { addMinutes } from 'date-fns/addMinutes';
import type { Slot } from './slots';
import { BookingRecord, BookingRowSchema, Db, parseRow } from './store';
import { hashCalendarToken, newCalendarToken } from './calendar';

/** Booking rows and the availability question. Callers own the transaction. */

const toBooking = (row: unknown) => parseRow(BookingRowSchema, row, 'bookings');

export function getBooking(db: Db, id: string): BookingRecord | null {
  const row = db.prepare(`SELECT * FROM bookings WHERE id = ?`).get(id);
  return row === undefined ? null : toBooking(row);
}

export function bookingsOfLead(db: Db, leadId: string): BookingRecord[] {
  return db.prepare(`SELECT * FROM bookings WHERE lead_id = ? ORDER BY start_at`).all(leadId).map(toBooking);
}

export function allBookings(db: Db): BookingRecord[] {
  return db.prepare(`SELECT * FROM bookings ORDER BY start_at`).all().map(toBooking);
}

/** Active bookings whose buffered span can touch [from, until). */
export function activeBookingsBetween(db: Db, from: string, until: string): BookingRecord[] {
  return db
    .prepare(`SELECT * FROM bookings WHERE status = 'confirmed' AND start_at < ? AND end_at > ? ORDER BY start_at`)
    .all(until, from)
    .map(toBooking);
}

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

/** The first practitioner (in configuration order) free for the slot, or null. */
export function freePractitioner(
  db: Db,
  slot: Slot,
  practitioners: readonly string[],
  bufferMinutes: number,
  ignoreBookingId?: string,
): string | null {
  const from = addMinutes(new Date(slot.start), -bufferMinutes).toISOString();
  const until = addMinutes(new Date(slot.end), bufferMinutes).toISOString();
  const nearby = activeBookingsBetween(db, from, until);
  return practitioners.find((p) => isFree(slot, p, nearby, bufferMinutes, ignoreBookingId)) ?? null;
}

export function insertBooking(db: Db, b: { leadId: string; practitioner: string; slot: Slot; now: string }): string {
  const id = `booking-${randomUUID()}`;
  db.prepare(
    `INSERT INTO bookings (id, lead_id, practitioner, start_at, end_at, status, sequence, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'confirmed', 0, ?, ?)`,
  ).run(id, b.leadId, b.practitioner, b.slot.start, b.slot.end, b.now, b.now);
  return id;
}

export function moveBooking(db: Db, id: string, practitioner: string, slot: Slot, now: string): void {
  db.prepare(
    `UPDATE bookings SET practitioner = ?, start_at = ?, end_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`,
  ).run(practitioner, slot.start, slot.end, now, id);
}

export function cancelBooking(db: Db, id: string, now: string): void {
  db.prepare(`UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = ? WHERE id = ? AND status = 'confirmed'`).run(
    now,
    id,
  );
}

/** Keeps the row for the iCalendar cancel, with nothing that points at a person. */
export function detachFromLead(db: Db, leadId: string): void {
  db.prepare(`UPDATE bookings SET lead_id = NULL WHERE lead_id = ?`).run(leadId);
}

export function deleteBookingsOfLead(db: Db, leadId: string): number {
  return db.prepare(`DELETE FROM bookings WHERE lead_id = ?`).run(leadId).changes;
}

/** A fresh link token for the booking; returns the token (shown once), stores its hash. */
export function issueToken(db: Db, bookingId: string, now: string): string {
  const token = newCalendarToken();
  db.prepare(`INSERT INTO calendar_tokens (token_hash, booking_id, created_at) VALUES (?, ?, ?)`).run(hashCalendarToken(token), bookingId, now);
  return token;
}

export function tokenMatches(db: Db, bookingId: string, token: string): boolean {
  return db.prepare(`SELECT 1 FROM calendar_tokens WHERE token_hash = ? AND booking_id = ?`).get(hashCalendarToken(token), bookingId) !== undefined;
}
