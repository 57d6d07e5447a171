import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteBookingRows } from '../booking/store/sqlite';
import { SqliteLeadRows } from '../leads/store/sqlite';
import { AttachedSqliteOutbox, createOutboxTable, SqliteOutbox } from '../outbox/sqlite';
import { ensureWal, openDataFile, prepareDataFile } from '../storage/files';
import { Serial } from './serial';
import type { Records, RecordsTx } from './types';

/**
 * The records on SQLite, `<dataDir>/records.sqlite`. WAL mode with a busy
 * timeout so several processes on one machine can share the file; a write
 * transaction is BEGIN IMMEDIATE, which serialises writers across processes,
 * so the booking check and insert see a consistent view. Within a process one
 * connection serves async callers one at a time (`Serial`).
 *
 * The schema is versioned with `PRAGMA user_version`: each step runs once,
 * in order, inside the transaction that bumps the version.
 */

export type Db = Database.Database;

const MIGRATIONS: ((db: Db) => void)[] = [
  // 1: the schema as first shipped.
  (db) =>
    db.exec(`
CREATE TABLE IF NOT EXISTS consents (
  id             TEXT PRIMARY KEY,
  given_at       TEXT NOT NULL,
  notice_version TEXT NOT NULL
);
-- A lead cannot exist without its consent record: consent_id is NOT NULL and must point at one.
CREATE TABLE IF NOT EXISTS leads (
  id              TEXT PRIMARY KEY,
  consent_id      TEXT NOT NULL UNIQUE REFERENCES consents(id),
  conversation_id TEXT NOT NULL,
  channel_id      TEXT NOT NULL,
  name            TEXT NOT NULL,
  email           TEXT NOT NULL,
  organisation    TEXT NOT NULL,
  role            TEXT,
  phone           TEXT,
  answers_json    TEXT NOT NULL,
  assessment_json TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
-- lead_id is NULL once the lead is erased: the row then only serves the iCalendar cancel.
CREATE TABLE IF NOT EXISTS bookings (
  id           TEXT PRIMARY KEY,
  lead_id      TEXT REFERENCES leads(id),
  practitioner TEXT NOT NULL,
  start_at     TEXT NOT NULL,
  end_at       TEXT NOT NULL CHECK (end_at > start_at),
  status       TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  sequence     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
-- The last line of defence against a double booking: one active call per practitioner per start.
CREATE UNIQUE INDEX IF NOT EXISTS bookings_one_active_per_start ON bookings (practitioner, start_at) WHERE status = 'confirmed';
CREATE INDEX IF NOT EXISTS bookings_by_lead ON bookings (lead_id);
CREATE INDEX IF NOT EXISTS bookings_active_by_time ON bookings (start_at) WHERE status = 'confirmed';
-- Calendar links carry a random token; only its SHA-256 is kept.
CREATE TABLE IF NOT EXISTS calendar_tokens (
  token_hash TEXT PRIMARY KEY,
  booking_id TEXT NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS briefs (
  lead_id    TEXT PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
  body_json  TEXT NOT NULL,
  updated_at TEXT NOT NULL
);`),
  // 2: one active booking per lead (a second confirm reschedules the first).
  // A file from before may hold two: the newest stays (it is the one the
  // visitor last saw confirmed), older ones are cancelled.
  (db) =>
    db.exec(`
UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE status = 'confirmed' AND lead_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM bookings newer WHERE newer.lead_id = bookings.lead_id AND newer.status = 'confirmed'
      AND (newer.created_at > bookings.created_at OR (newer.created_at = bookings.created_at AND newer.rowid > bookings.rowid)));
CREATE UNIQUE INDEX bookings_one_active_per_lead ON bookings (lead_id) WHERE status = 'confirmed' AND lead_id IS NOT NULL;
-- Registration looks a conversation up; retention looks for old leads.
CREATE INDEX leads_by_conversation ON leads (conversation_id);
CREATE INDEX leads_by_created ON leads (created_at);
-- The brief is built from the lead and its booking when read: no second copy of the contact details.
DROP TABLE briefs;`),
  // 3: what the practitioner prepares from beyond the answers (src/leads/lead.ts LeadProfile), and a returning email finds its lead.
  (db) =>
    db.exec(`
ALTER TABLE leads ADD COLUMN profile_json TEXT;
CREATE INDEX leads_by_email ON leads (lower(email));
CREATE INDEX leads_by_updated ON leads (updated_at);`),
];

export class SqliteRecords implements Records {
  readonly backend = 'sqlite' as const;
  private readonly db: Db;
  private readonly serial: Serial;
  private readonly rows: RecordsTx;

  constructor(file: string) {
    this.serial = Serial.forFile(path.resolve(file));
    this.db = openDataFile(file, { busyTimeoutMs: 10000, synchronousNormal: true });
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    // The outbox file, beside this one, is attached so an erasure deletes the lead's queued messages in the same transaction.
    const outboxFile = SqliteOutbox.fileIn(path.dirname(file));
    prepareDataFile(outboxFile);
    this.db.prepare('ATTACH DATABASE ? AS outbox').run(outboxFile);
    ensureWal(this.db, 'outbox', 10000);
    this.db.pragma('outbox.secure_delete = ON');
    createOutboxTable(this.db, 'outbox');
    this.rows = { bookings: new SqliteBookingRows(this.db), leads: new SqliteLeadRows(this.db), outbox: new AttachedSqliteOutbox(this.db, 'outbox') };
  }

  static fileIn(dataDir: string): string {
    return path.join(dataDir, 'records.sqlite');
  }

  transaction<T>(work: (tx: RecordsTx) => Promise<T>): Promise<T> {
    return this.serial.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.rows);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  read<T>(work: (tx: RecordsTx) => Promise<T>): Promise<T> {
    return this.serial.run(() => work(this.rows));
  }

  /** The log still holds the pages as they were before the erasure: copy it into the file and cut it to nothing. */
  scrub(): Promise<void> {
    return this.serial.run(() => {
      this.db.pragma('main.wal_checkpoint(TRUNCATE)');
      this.db.pragma('outbox.wal_checkpoint(TRUNCATE)');
    });
  }

  async close(): Promise<void> {
    await this.serial.run(() => {
      if (this.db.open) this.db.close();
    });
  }
}

function migrate(db: Db): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    // A file from before versioning has the tables already: step 1 is idempotent.
    for (let step = version; step < MIGRATIONS.length; step += 1) MIGRATIONS[step](db);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
