import type Database from 'better-sqlite3';
import { hashCalendarToken, newCalendarToken } from '../calendar';
import { Statements } from '../../records/statements';
import { newRowId } from '../../records/ids';
import { BookingConflict, type BookingRecord, type BookingRows, type NewBooking } from './types';

/** Booking rows in records.sqlite. Overlaps are checked by the service inside BEGIN IMMEDIATE; unique indexes back it up. */

interface Row {
  id: string;
  lead_id: string | null;
  practitioner: string;
  start_at: string;
  end_at: string;
  status: 'confirmed' | 'cancelled';
  sequence: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, lead_id, practitioner, start_at, end_at, status, sequence, created_at, updated_at';

export const toBooking = (r: Row): BookingRecord => ({
  id: r.id,
  leadId: r.lead_id,
  practitioner: r.practitioner,
  start: r.start_at,
  end: r.end_at,
  status: r.status,
  sequence: r.sequence,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The unique index that refused a write says which conflict it was. */
function conflictOf(error: unknown): BookingConflict | null {
  const code = (error as { code?: string } | null)?.code;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
  return new BookingConflict(/bookings\.lead_id/.test((error as Error).message) ? 'lead' : 'slot');
}

export class SqliteBookingRows implements BookingRows {
  private readonly sql: Statements;

  constructor(db: Database.Database) {
    this.sql = new Statements(db);
  }

  async get(id: string): Promise<BookingRecord | null> {
    const row = this.sql.get(`SELECT ${COLUMNS} FROM bookings WHERE id = ?`).get(id) as Row | undefined;
    return row ? toBooking(row) : null;
  }

  async ofLead(leadId: string): Promise<BookingRecord[]> {
    return (this.sql.get(`SELECT ${COLUMNS} FROM bookings WHERE lead_id = ? ORDER BY start_at`).all(leadId) as Row[]).map(toBooking);
  }

  /**
   * Both bounds use the index on start_at: a booking touching [from, until)
   * starts before `until` and, being one slot long (at most a day), after
   * `from` minus a day. Without the lower bound every past booking is visited.
   */
  async activeBetween(from: string, until: string): Promise<BookingRecord[]> {
    const earliestStart = new Date(Date.parse(from) - 86_400_000).toISOString();
    return (
      this.sql
        .get(`SELECT ${COLUMNS} FROM bookings WHERE status = 'confirmed' AND start_at >= ? AND start_at < ? AND end_at > ? ORDER BY start_at`)
        .all(earliestStart, until, from) as Row[]
    ).map(toBooking);
  }

  async insert(b: NewBooking): Promise<string> {
    const id = newRowId('booking');
    try {
      this.sql
        .get(
          `INSERT INTO bookings (id, lead_id, practitioner, start_at, end_at, status, sequence, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'confirmed', 0, ?, ?)`,
        )
        .run(id, b.leadId, b.practitioner, b.slot.start, b.slot.end, b.now, b.now);
    } catch (error) {
      throw conflictOf(error) ?? error;
    }
    return id;
  }

  async move(id: string, change: { practitioner: string; slot: { start: string; end: string }; now: string }): Promise<void> {
    try {
      this.sql
        .get(`UPDATE bookings SET practitioner = ?, start_at = ?, end_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`)
        .run(change.practitioner, change.slot.start, change.slot.end, change.now, id);
    } catch (error) {
      throw conflictOf(error) ?? error;
    }
  }

  async cancel(id: string, now: string): Promise<void> {
    this.sql.get(`UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = ? WHERE id = ? AND status = 'confirmed'`).run(now, id);
  }

  async detachFromLead(leadId: string): Promise<void> {
    this.sql.get(`UPDATE bookings SET lead_id = NULL WHERE lead_id = ?`).run(leadId);
  }

  async deleteOfLead(leadId: string): Promise<number> {
    return this.sql.get(`DELETE FROM bookings WHERE lead_id = ?`).run(leadId).changes;
  }

  async deleteDetachedBefore(cutoff: string): Promise<number> {
    return this.sql.get(`DELETE FROM bookings WHERE lead_id IS NULL AND updated_at < ?`).run(cutoff).changes;
  }

  async issueToken(bookingId: string, now: string): Promise<string> {
    const token = newCalendarToken();
    this.sql.get(`INSERT INTO calendar_tokens (token_hash, booking_id, created_at) VALUES (?, ?, ?)`).run(hashCalendarToken(token), bookingId, now);
    return token;
  }

  async tokenMatches(bookingId: string, token: string): Promise<boolean> {
    return this.sql.get(`SELECT 1 FROM calendar_tokens WHERE token_hash = ? AND booking_id = ?`).get(hashCalendarToken(token), bookingId) !== undefined;
  }
}
