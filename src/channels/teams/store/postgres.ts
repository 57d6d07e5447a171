import type { ConversationReference } from 'botbuilder';
import { iso, type Pool } from '../../../db/postgres';
import { BRIEFS_DESTINATION, type ContactMark, type MarkRow, ReferenceSchema, type TeamsStore, toMark } from './types';

/** Teams' destinations and contacted marks in PostgreSQL, shared by every instance. */

export class PostgresTeamsStore implements TeamsStore {
  constructor(private readonly pool: Pool) {}

  async setDestination(reference: Partial<ConversationReference>, registeredBy: string, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO teams_destinations (name, reference, registered_by, registered_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET reference = excluded.reference, registered_by = excluded.registered_by, registered_at = excluded.registered_at`,
      [BRIEFS_DESTINATION, JSON.stringify(reference), registeredBy, iso(now)],
    );
  }

  async destination(): Promise<Partial<ConversationReference> | null> {
    const { rows } = await this.pool.query<{ reference: unknown }>(`SELECT reference FROM teams_destinations WHERE name = $1`, [BRIEFS_DESTINATION]);
    if (!rows[0]) return null;
    const parsed = ReferenceSchema.safeParse(rows[0].reference);
    return parsed.success ? (parsed.data as unknown as Partial<ConversationReference>) : null;
  }

  async clearDestination(): Promise<void> {
    await this.pool.query(`DELETE FROM teams_destinations WHERE name = $1`, [BRIEFS_DESTINATION]);
  }

  async markContacted(mark: ContactMark): Promise<ContactMark> {
    await this.pool.query(
      `INSERT INTO teams_lead_contacts (lead_id, contacted_by, by_name, contacted_at) VALUES ($1, $2, $3, $4) ON CONFLICT (lead_id) DO NOTHING`,
      [mark.leadId, mark.contactedBy, mark.byName, mark.contactedAt],
    );
    return (await this.contactOf(mark.leadId))!;
  }

  async contactOf(leadId: string): Promise<ContactMark | null> {
    const { rows } = await this.pool.query<MarkRow>(`SELECT * FROM teams_lead_contacts WHERE lead_id = $1`, [leadId]);
    return rows[0] ? toMark(rows[0]) : null;
  }

  async contactMarks(): Promise<Map<string, ContactMark>> {
    const { rows } = await this.pool.query<MarkRow>(`SELECT * FROM teams_lead_contacts`);
    return new Map(rows.map((r) => [r.lead_id, toMark(r)]));
  }

  async close(): Promise<void> {}
}
