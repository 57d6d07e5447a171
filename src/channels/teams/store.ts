import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';

/**
 * `<dataDir>/teams.sqlite`: where briefs go (the practitioners' channel, as a
 * conversation reference), the outbox of briefs still to post, and who marked
 * a lead contacted. The outbox holds lead ids only: the brief itself stays
 * with the lead in records.sqlite, so erasing a lead leaves nothing personal here.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS destinations (
  name           TEXT PRIMARY KEY,
  reference_json TEXT NOT NULL,
  registered_by  TEXT NOT NULL,
  registered_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS brief_outbox (
  lead_id         TEXT PRIMARY KEY,
  booking_id      TEXT NOT NULL,
  enqueued_at     TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_failure    TEXT
);
CREATE TABLE IF NOT EXISTS lead_contacts (
  lead_id      TEXT PRIMARY KEY,
  contacted_by TEXT NOT NULL,
  by_name      TEXT NOT NULL,
  contacted_at TEXT NOT NULL
);
`;

export const BRIEFS_DESTINATION = 'briefs';

export interface OutboxEntry {
  leadId: string;
  bookingId: string;
  enqueuedAt: string;
  attempts: number;
  nextAttemptAt: string;
}

export interface ContactMark {
  leadId: string;
  contactedBy: string;
  byName: string;
  contactedAt: string;
}

const ReferenceSchema = z
  .object({
    conversation: z.object({ id: z.string().min(1) }).loose(),
    serviceUrl: z.string().min(1),
    channelId: z.string().min(1),
  })
  .loose();

export class TeamsStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  static fileIn(dataDir: string): string {
    return path.join(dataDir, 'teams.sqlite');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  setDestination(reference: Partial<ConversationReference>, registeredBy: string, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO destinations (name, reference_json, registered_by, registered_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET reference_json = excluded.reference_json,
           registered_by = excluded.registered_by, registered_at = excluded.registered_at`,
      )
      .run(BRIEFS_DESTINATION, JSON.stringify(reference), registeredBy, now.toISOString());
  }

  destination(): Partial<ConversationReference> | null {
    const row = this.db.prepare(`SELECT reference_json FROM destinations WHERE name = ?`).get(BRIEFS_DESTINATION) as
      | { reference_json: string }
      | undefined;
    if (!row) return null;
    const parsed = ReferenceSchema.safeParse(JSON.parse(row.reference_json));
    return parsed.success ? (parsed.data as unknown as Partial<ConversationReference>) : null;
  }

  clearDestination(): void {
    this.db.prepare(`DELETE FROM destinations WHERE name = ?`).run(BRIEFS_DESTINATION);
  }

  /** A second booking for the same lead (a reschedule) before the first post replaces it: one brief per lead, the newest. */
  enqueue(leadId: string, bookingId: string, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO brief_outbox (lead_id, booking_id, enqueued_at, attempts, next_attempt_at) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (lead_id) DO UPDATE SET booking_id = excluded.booking_id, next_attempt_at = excluded.next_attempt_at`,
      )
      .run(leadId, bookingId, now.toISOString(), now.toISOString());
  }

  due(now: Date, limit = 20): OutboxEntry[] {
    return (
      this.db
        .prepare(
          `SELECT lead_id, booking_id, enqueued_at, attempts, next_attempt_at FROM brief_outbox
           WHERE next_attempt_at <= ? ORDER BY enqueued_at, lead_id LIMIT ?`,
        )
        .all(now.toISOString(), limit) as { lead_id: string; booking_id: string; enqueued_at: string; attempts: number; next_attempt_at: string }[]
    ).map((r) => ({ leadId: r.lead_id, bookingId: r.booking_id, enqueuedAt: r.enqueued_at, attempts: r.attempts, nextAttemptAt: r.next_attempt_at }));
  }

  /**
   * Takes a due entry for one posting attempt: its next attempt moves to
   * `leaseUntil`, so another process sharing this file skips it. Only the
   * caller that moved it may post; if that process dies mid-post, the entry
   * falls due again when the lease ends (at least once, never lost).
   */
  claim(leadId: string, now: Date, leaseUntil: Date): boolean {
    return (
      this.db
        .prepare(`UPDATE brief_outbox SET next_attempt_at = ? WHERE lead_id = ? AND next_attempt_at <= ?`)
        .run(leaseUntil.toISOString(), leadId, now.toISOString()).changes === 1
    );
  }

  pending(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM brief_outbox`).get() as { n: number }).n;
  }

  posted(leadId: string): void {
    this.db.prepare(`DELETE FROM brief_outbox WHERE lead_id = ?`).run(leadId);
  }

  /** `failure` is a code or status, never a message body. */
  failed(leadId: string, nextAttemptAt: Date, failure: string): void {
    this.db
      .prepare(`UPDATE brief_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_failure = ? WHERE lead_id = ?`)
      .run(nextAttemptAt.toISOString(), failure, leadId);
  }

  /** First mark wins; returns the mark that stands. */
  markContacted(mark: ContactMark): ContactMark {
    this.db
      .prepare(`INSERT OR IGNORE INTO lead_contacts (lead_id, contacted_by, by_name, contacted_at) VALUES (?, ?, ?, ?)`)
      .run(mark.leadId, mark.contactedBy, mark.byName, mark.contactedAt);
    return this.contactOf(mark.leadId)!;
  }

  contactOf(leadId: string): ContactMark | null {
    const row = this.db.prepare(`SELECT * FROM lead_contacts WHERE lead_id = ?`).get(leadId) as
      | { lead_id: string; contacted_by: string; by_name: string; contacted_at: string }
      | undefined;
    return row ? { leadId: row.lead_id, contactedBy: row.contacted_by, byName: row.by_name, contactedAt: row.contacted_at } : null;
  }
}
