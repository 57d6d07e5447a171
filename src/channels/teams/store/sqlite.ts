import path from 'node:path';
import Database from 'better-sqlite3';
import type { ConversationReference } from 'botbuilder';
import { openDataFile } from '../../../storage/files';
import type { OutboxStore } from '../../../outbox/types';
import { BRIEFS_DESTINATION, type ContactMark, type MarkRow, referenceFrom, type TeamsStore, toMark } from './types';

/** `<dataDir>/teams.sqlite`: the practitioners' channel and the contacted marks. */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS destinations (
  name           TEXT PRIMARY KEY,
  reference_json TEXT NOT NULL,
  registered_by  TEXT NOT NULL,
  registered_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lead_contacts (
  lead_id      TEXT PRIMARY KEY,
  contacted_by TEXT NOT NULL,
  by_name      TEXT NOT NULL,
  contacted_at TEXT NOT NULL
);
`;

export class SqliteTeamsStore implements TeamsStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDataFile(file);
    this.db.exec(SCHEMA);
  }

  static fileIn(dataDir: string): string {
    return path.join(dataDir, 'teams.sqlite');
  }

  /**
   * Briefs queued before the generic outbox (teams.sqlite's own brief_outbox)
   * move into it once, keeping their retry time.
   */
  async moveLegacyOutbox(outbox: OutboxStore, topic: string, now: Date, expiresAt: Date): Promise<number> {
    const table = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'brief_outbox'`).get();
    if (!table) return 0;
    const rows = this.db.prepare(`SELECT lead_id, booking_id FROM brief_outbox`).all() as { lead_id: string; booking_id: string }[];
    for (const r of rows) await outbox.enqueue({ topic, key: r.lead_id, payload: { leadId: r.lead_id, bookingId: r.booking_id }, now, expiresAt });
    this.db.exec(`DROP TABLE brief_outbox`);
    return rows.length;
  }

  async setDestination(reference: Partial<ConversationReference>, registeredBy: string, now: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO destinations (name, reference_json, registered_by, registered_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET reference_json = excluded.reference_json,
           registered_by = excluded.registered_by, registered_at = excluded.registered_at`,
      )
      .run(BRIEFS_DESTINATION, JSON.stringify(reference), registeredBy, now.toISOString());
  }

  async destination(): Promise<Partial<ConversationReference> | null> {
    const row = this.db.prepare(`SELECT reference_json FROM destinations WHERE name = ?`).get(BRIEFS_DESTINATION) as { reference_json: string } | undefined;
    return row ? referenceFrom(row.reference_json) : null;
  }

  async clearDestination(): Promise<void> {
    this.db.prepare(`DELETE FROM destinations WHERE name = ?`).run(BRIEFS_DESTINATION);
  }

  async markContacted(mark: ContactMark): Promise<ContactMark> {
    this.db
      .prepare(`INSERT OR IGNORE INTO lead_contacts (lead_id, contacted_by, by_name, contacted_at) VALUES (?, ?, ?, ?)`)
      .run(mark.leadId, mark.contactedBy, mark.byName, mark.contactedAt);
    return (await this.contactOf(mark.leadId))!;
  }

  async contactOf(leadId: string): Promise<ContactMark | null> {
    const row = this.db.prepare(`SELECT * FROM lead_contacts WHERE lead_id = ?`).get(leadId) as MarkRow | undefined;
    return row ? toMark(row) : null;
  }

  async contactMarks(): Promise<Map<string, ContactMark>> {
    const rows = this.db.prepare(`SELECT * FROM lead_contacts`).all() as MarkRow[];
    return new Map(rows.map((r) => [r.lead_id, toMark(r)]));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
