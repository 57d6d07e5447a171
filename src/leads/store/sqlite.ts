import type Database from 'better-sqlite3';
import type { Answers } from '../../scoping/questions';
import type { Assessment } from '../../scoping/recommendation';
import { parseRow } from '../../records/parse';
import { Statements } from '../../records/statements';
import { newRowId } from '../../records/ids';
import { AnswersSchema, AssessmentSchema, type Lead, LeadSchema } from '../lead';
import type { LatestBooking, LeadListing, LeadRows, LeadUpdate, NewLead, UnreadableLead } from './types';
import { leadFromColumns, type LeadColumns, leadValues } from './columns';

/** Lead and consent rows in records.sqlite. */

const LEAD_COLUMNS = `l.id, l.conversation_id, l.channel_id, l.name, l.email, l.organisation, l.role, l.phone,
  l.answers_json, l.assessment_json, l.profile_json, l.created_at, l.updated_at, c.given_at, c.notice_version`;
const SELECT_LEAD = `SELECT ${LEAD_COLUMNS} FROM leads l JOIN consents c ON c.id = l.consent_id`;

/** Each lead's active booking, else its latest by start: one row per lead, picked by a window. */
const LATEST_BOOKING = `LEFT JOIN (
  SELECT lead_id, id AS b_id, start_at AS b_start, end_at AS b_end, status AS b_status, practitioner AS b_practitioner,
    ROW_NUMBER() OVER (PARTITION BY lead_id ORDER BY status = 'confirmed' DESC, start_at DESC, rowid DESC) AS rank
  FROM bookings WHERE lead_id IS NOT NULL
) b ON b.lead_id = l.id AND b.rank = 1`;

interface BookingColumns {
  b_id: string | null;
  b_start: string;
  b_end: string;
  b_status: 'confirmed' | 'cancelled';
  b_practitioner: string;
}

const latestOf = (r: BookingColumns): LatestBooking | null =>
  r.b_id === null ? null : { id: r.b_id, start: r.b_start, end: r.b_end, status: r.b_status, practitioner: r.b_practitioner };

const listedOf = (r: BookingColumns): LeadListing['booking'] => (r.b_id === null ? null : { id: r.b_id, start: r.b_start, end: r.b_end, status: r.b_status });

export class SqliteLeadRows implements LeadRows {
  private readonly sql: Statements;

  constructor(db: Database.Database) {
    this.sql = new Statements(db);
  }

  async insert(lead: NewLead): Promise<string> {
    const id = newRowId('lead');
    const consentId = newRowId('consent');
    const values = leadValues(lead);
    this.sql.get(`INSERT INTO consents (id, given_at, notice_version) VALUES (?, ?, ?)`).run(consentId, lead.consent.givenAt, lead.consent.noticeVersion);
    this.sql
      .get(
        `INSERT INTO leads (id, consent_id, conversation_id, channel_id, name, email, organisation, role, phone,
           answers_json, assessment_json, profile_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, consentId, lead.conversationId, lead.channelId, ...values, lead.now, lead.now);
    return id;
  }

  async idOfEmail(email: string): Promise<string | null> {
    const row = this.sql.get('SELECT id FROM leads WHERE lower(email) = lower(?) ORDER BY created_at, rowid LIMIT 1').get(email.trim()) as { id: string } | undefined;
    return row?.id ?? null;
  }

  async update(leadId: string, u: LeadUpdate): Promise<boolean> {
    const values = leadValues(u);
    const row = this.sql.get(`SELECT consent_id FROM leads WHERE id = ?`).get(leadId) as { consent_id: string } | undefined;
    if (!row) return false;
    this.sql.get(`UPDATE consents SET given_at = ?, notice_version = ? WHERE id = ?`).run(u.consent.givenAt, u.consent.noticeVersion, row.consent_id);
    this.sql
      .get(
        `UPDATE leads SET name = ?, email = ?, organisation = ?, role = ?, phone = ?, answers_json = ?, assessment_json = ?, profile_json = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(...values, u.now, leadId);
    return true;
  }

  async idOfConversation(conversationId: string): Promise<string | null> {
    const row = this.sql.get('SELECT id FROM leads WHERE conversation_id = ? ORDER BY created_at, rowid LIMIT 1').get(conversationId) as
      | { id: string }
      | undefined;
    return row?.id ?? null;
  }

  async get(leadId: string): Promise<Lead | null> {
    const row = this.sql.get(`${SELECT_LEAD} WHERE l.id = ?`).get(leadId) as LeadColumns | undefined;
    return row === undefined ? null : parseRow(LeadSchema, leadFromColumns(row), 'leads');
  }

  async setAssessment(leadId: string, answers: Answers, assessment: Assessment | null, now: string): Promise<boolean> {
    const a = parseRow(AnswersSchema, answers, 'leads');
    const s = assessment === null ? null : parseRow(AssessmentSchema, assessment, 'leads');
    const info = this.sql
      .get(`UPDATE leads SET answers_json = ?, assessment_json = ?, updated_at = ? WHERE id = ?`)
      .run(JSON.stringify(a), s === null ? null : JSON.stringify(s), now, leadId);
    return info.changes > 0;
  }

  async listing(onUnreadable?: (row: UnreadableLead) => void): Promise<LeadListing[]> {
    const rows = this.sql
      .get(
        `SELECT l.id, l.created_at, l.updated_at, l.name, l.email, l.organisation,
           CASE WHEN json_valid(l.profile_json) THEN COALESCE(json_array_length(l.profile_json, '$.conversations'), 0) ELSE 0 END AS conversations,
           json_extract(l.assessment_json, '$.recommendation.pathway') AS pathway,
           json_extract(l.assessment_json, '$.recommendation.tier') AS tier,
           json_extract(l.assessment_json, '$.recommendation.urgency') AS urgency,
           json_valid(COALESCE(l.assessment_json, 'null')) AND json_valid(l.answers_json) AND json_valid(COALESCE(l.profile_json, 'null')) AS readable,
           b.b_id, b.b_start, b.b_end, b.b_status, b.b_practitioner
         FROM leads l ${LATEST_BOOKING} ORDER BY l.updated_at DESC, l.rowid DESC`,
      )
      .all() as (BookingColumns & {
      id: string;
      created_at: string;
      updated_at: string;
      name: string;
      email: string;
      organisation: string;
      conversations: number;
      pathway: string | null;
      tier: string | null;
      urgency: string | null;
      readable: number;
    })[];
    const out: LeadListing[] = [];
    for (const r of rows) {
      if (!r.readable) {
        onUnreadable?.({ id: r.id, problem: 'its answers, assessment or profile are not JSON' });
        continue;
      }
      out.push({ id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, name: r.name, email: r.email, organisation: r.organisation, conversations: Math.max(1, r.conversations), pathway: r.pathway, tier: r.tier, urgency: r.urgency, booking: listedOf(r) });
    }
    return out;
  }

  async everything(onUnreadable?: (row: UnreadableLead) => void): Promise<{ lead: Lead; booking: LatestBooking | null }[]> {
    const rows = this.sql.get(`SELECT ${LEAD_COLUMNS}, b.b_id, b.b_start, b.b_end, b.b_status, b.b_practitioner FROM leads l JOIN consents c ON c.id = l.consent_id ${LATEST_BOOKING} ORDER BY l.created_at, l.rowid`).all() as (LeadColumns & BookingColumns)[];
    const out: { lead: Lead; booking: LatestBooking | null }[] = [];
    for (const r of rows) {
      try {
        out.push({ lead: leadFromColumns(r), booking: latestOf(r) });
      } catch (error) {
        onUnreadable?.({ id: r.id, problem: (error as Error).message.split('\n')[0] });
      }
    }
    return out;
  }

  async idsCreatedBefore(cutoff: string): Promise<string[]> {
    return (this.sql.get(`SELECT id FROM leads WHERE created_at < ?`).all(cutoff) as { id: string }[]).map((r) => r.id);
  }

  async erase(leadId: string): Promise<{ leads: number; consents: number }> {
    const row = this.sql.get(`SELECT consent_id FROM leads WHERE id = ?`).get(leadId) as { consent_id: string } | undefined;
    if (!row) return { leads: 0, consents: 0 };
    const leads = this.sql.get(`DELETE FROM leads WHERE id = ?`).run(leadId).changes;
    const consents = this.sql.get(`DELETE FROM consents WHERE id = ?`).run(row.consent_id).changes;
    return { leads, consents };
  }
}
