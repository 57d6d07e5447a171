import { hashCalendarToken, newCalendarToken } from '../calendar';
import { iso, type Queryable } from '../../db/postgres';
import { newRowId } from '../../records/ids';
import { BookingConflict, type BookingRecord, type BookingRows, type NewBooking } from './types';

/**
 * Booking rows in PostgreSQL. The database refuses overlaps itself: an
 * exclusion constraint on (practitioner, [start, busy_until)) among confirmed
 * bookings (error 23P01), and one confirmed booking per lead (23505). Both
 * surface as `BookingConflict`, which the service answers by re-running its
 * transaction on fresh data.
 */

interface Row {
  id: string;
  lead_id: string | null;
  practitioner: string;
  start_at: Date;
  end_at: Date;
  status: 'confirmed' | 'cancelled';
  sequence: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, lead_id, practitioner, start_at, end_at, status, sequence, created_at, updated_at';

const toBooking = (r: Row): BookingRecord => ({
  id: r.id,
  leadId: r.lead_id,
  practitioner: r.practitioner,
  start: iso(r.start_at),
  end: iso(r.end_at),
  status: r.status,
  sequence: r.sequence,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

function conflictOf(error: unknown): BookingConflict | null {
  const e = error as { code?: string; constraint?: string } | null;
  // 23P01: the exclusion constraint refused an overlap. 40P01: two racing inserts waited on each
  // other's rows and Postgres aborted one. Either way the service re-runs on fresh data.
  if (e?.code === '23P01' || e?.code === '40P01') return new BookingConflict('slot');
  if (e?.code === '23505' && e.constraint === 'bookings_one_active_per_lead') return new BookingConflict('lead');
  return null;
}

export class PostgresBookingRows implements BookingRows {
  constructor(private readonly db: Queryable) {}

  async get(id: string): Promise<BookingRecord | null> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM bookings WHERE id = $1`, [id]);
    return rows[0] ? toBooking(rows[0]) : null;
  }

  async ofLead(leadId: string): Promise<BookingRecord[]> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM bookings WHERE lead_id = $1 ORDER BY start_at, seq`, [leadId]);
    return rows.map(toBooking);
  }

  /** The lower bound on start_at keeps this an index range scan (a call is at most a day long). */
  async activeBetween(from: string, until: string): Promise<BookingRecord[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM bookings
       WHERE status = 'confirmed' AND start_at >= $1::timestamptz - interval '1 day' AND start_at < $2 AND end_at > $1
       ORDER BY start_at`,
      [from, until],
    );
    return rows.map(toBooking);
  }

  async insert(b: NewBooking): Promise<string> {
    const id = newRowId('booking');
    try {
      await this.db.query(
        `INSERT INTO bookings (id, lead_id, practitioner, start_at, end_at, busy_until, status, sequence, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'confirmed', 0, $7, $7)`,
        [id, b.leadId, b.practitioner, b.slot.start, b.slot.end, b.busyUntil, b.now],
      );
    } catch (error) {
      throw conflictOf(error) ?? error;
    }
    return id;
  }

  async move(id: string, change: { practitioner: string; slot: { start: string; end: string }; busyUntil: string; now: string }): Promise<void> {
    try {
      await this.db.query(
        `UPDATE bookings SET practitioner = $1, start_at = $2, end_at = $3, busy_until = $4, sequence = sequence + 1, updated_at = $5 WHERE id = $6`,
        [change.practitioner, change.slot.start, change.slot.end, change.busyUntil, change.now, id],
      );
    } catch (error) {
      throw conflictOf(error) ?? error;
    }
  }

  async cancel(id: string, now: string): Promise<void> {
    await this.db.query(`UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = $1 WHERE id = $2 AND status = 'confirmed'`, [now, id]);
  }

  async detachFromLead(leadId: string): Promise<void> {
    await this.db.query(`UPDATE bookings SET lead_id = NULL WHERE lead_id = $1`, [leadId]);
  }

  async deleteOfLead(leadId: string): Promise<number> {
    return (await this.db.query(`DELETE FROM bookings WHERE lead_id = $1`, [leadId])).rowCount ?? 0;
  }

  async deleteDetachedBefore(cutoff: string): Promise<number> {
    return (await this.db.query(`DELETE FROM bookings WHERE lead_id IS NULL AND updated_at < $1`, [cutoff])).rowCount ?? 0;
  }

  async issueToken(bookingId: string, now: string): Promise<string> {
    const token = newCalendarToken();
    await this.db.query(`INSERT INTO calendar_tokens (token_hash, booking_id, created_at) VALUES ($1, $2, $3)`, [hashCalendarToken(token), bookingId, now]);
    return token;
  }

  async tokenMatches(bookingId: string, token: string): Promise<boolean> {
    const { rowCount } = await this.db.query(`SELECT 1 FROM calendar_tokens WHERE token_hash = $1 AND booking_id = $2`, [hashCalendarToken(token), bookingId]);
    return (rowCount ?? 0) > 0;
  }
}
