import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';

/**
 * The records file, `<dataDir>/records.sqlite`: leads, consent records,
 * bookings, calendar tokens and briefs. Opened in WAL mode with a busy timeout
 * so several processes can share it; writers that must see a consistent view
 * (booking) run inside BEGIN IMMEDIATE, which serialises them across processes.
 */

export type Db = Database.Database;

const SCHEMA = `
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
  notes_json      TEXT,
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
CREATE UNIQUE INDEX IF NOT EXISTS bookings_one_active_per_start
  ON bookings (practitioner, start_at) WHERE status = 'confirmed';
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
);
`;

export function openRecords(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.transaction(() => {
    db.exec(SCHEMA);
    // Files made before notes existed gain the column (NULL reads as no notes).
    const columns = db.prepare(`PRAGMA table_info(leads)`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'notes_json')) db.exec(`ALTER TABLE leads ADD COLUMN notes_json TEXT`);
  }).immediate();
  return db;
}

export function recordsFile(dataDir: string): string {
  return path.join(dataDir, 'records.sqlite');
}

export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' || (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO instant');

export const BookingRowSchema = z
  .object({
    id: z.string().min(1),
    lead_id: z.string().nullable(),
    practitioner: z.string().min(1),
    start_at: iso,
    end_at: iso,
    status: z.enum(['confirmed', 'cancelled']),
    sequence: z.number().int().min(0),
    created_at: iso,
    updated_at: iso,
  })
  .transform((r) => ({
    id: r.id,
    leadId: r.lead_id,
    practitioner: r.practitioner,
    start: r.start_at,
    end: r.end_at,
    status: r.status,
    sequence: r.sequence,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));

export type BookingRecord = z.output<typeof BookingRowSchema>;

export type StoredRowError = Error & { table: string };

/** Parses a stored row; a row that does not match is corruption, a bug, so it throws with the table named. */
export function parseRow<T>(schema: z.ZodType<T>, row: unknown, table: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw Object.assign(new Error(`Stored ${table} row is invalid: ${detail}`), { table });
  }
  return parsed.data;
}
