import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Pool } from '../../db/postgres';
import { openDataFile } from '../../storage/files';

/**
 * Which Microsoft 365 event mirrors which booking: the mailbox it is in,
 * Graph's event id (to update or cancel it) and the Teams link Graph made
 * (for the reminder email). Written only after Graph created the event.
 */

export interface EventLink {
  bookingId: string;
  mailbox: string;
  eventId: string;
  joinUrl: string | null;
}

export interface EventLinks {
  get(bookingId: string): Promise<EventLink | null>;
  put(link: EventLink): Promise<void>;
  remove(bookingId: string): Promise<void>;
  close(): Promise<void>;
}

export class SqliteEventLinks implements EventLinks {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDataFile(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS calendar_events (
      booking_id TEXT PRIMARY KEY, mailbox TEXT NOT NULL, event_id TEXT NOT NULL, join_url TEXT)`);
  }

  static fileIn(dataDir: string): string {
    return path.join(dataDir, 'calendar.sqlite');
  }

  async get(bookingId: string): Promise<EventLink | null> {
    const row = this.db.prepare(`SELECT booking_id, mailbox, event_id, join_url FROM calendar_events WHERE booking_id = ?`).get(bookingId) as
      | { booking_id: string; mailbox: string; event_id: string; join_url: string | null }
      | undefined;
    return row ? { bookingId: row.booking_id, mailbox: row.mailbox, eventId: row.event_id, joinUrl: row.join_url } : null;
  }

  async put(l: EventLink): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO calendar_events (booking_id, mailbox, event_id, join_url) VALUES (?, ?, ?, ?)
         ON CONFLICT (booking_id) DO UPDATE SET mailbox = excluded.mailbox, event_id = excluded.event_id, join_url = excluded.join_url`,
      )
      .run(l.bookingId, l.mailbox, l.eventId, l.joinUrl);
  }

  async remove(bookingId: string): Promise<void> {
    this.db.prepare(`DELETE FROM calendar_events WHERE booking_id = ?`).run(bookingId);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** The table comes from migrations/postgres/014_calendar_events.sql. */
export class PostgresEventLinks implements EventLinks {
  constructor(private readonly pool: Pool) {}

  async get(bookingId: string): Promise<EventLink | null> {
    const { rows } = await this.pool.query<{ booking_id: string; mailbox: string; event_id: string; join_url: string | null }>(
      `SELECT booking_id, mailbox, event_id, join_url FROM calendar_events WHERE booking_id = $1`,
      [bookingId],
    );
    const row = rows[0];
    return row ? { bookingId: row.booking_id, mailbox: row.mailbox, eventId: row.event_id, joinUrl: row.join_url } : null;
  }

  async put(l: EventLink): Promise<void> {
    await this.pool.query(
      `INSERT INTO calendar_events (booking_id, mailbox, event_id, join_url) VALUES ($1, $2, $3, $4)
       ON CONFLICT (booking_id) DO UPDATE SET mailbox = excluded.mailbox, event_id = excluded.event_id, join_url = excluded.join_url`,
      [l.bookingId, l.mailbox, l.eventId, l.joinUrl],
    );
  }

  async remove(bookingId: string): Promise<void> {
    await this.pool.query(`DELETE FROM calendar_events WHERE booking_id = $1`, [bookingId]);
  }

  async close(): Promise<void> {
    // The pool belongs to the backend.
  }
}
