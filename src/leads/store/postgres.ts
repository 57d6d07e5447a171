import type { Answers } from '../../scoping/questions';
import type { Assessment } from '../../scoping/recommendation';
import { iso, type Queryable } from '../../db/postgres';
import { parseRow } from '../../records/parse';
import { newRowId } from '../../records/ids';
import { AnswersSchema, AssessmentSchema, type Lead, LeadSchema } from '../lead';
import { leadFromColumns, type LeadColumns, leadValues } from './columns';
import type { LatestBooking, LeadListing, LeadRows, LeadUpdate, NewLead, UnreadableLead } from './types';

/** Lead and consent rows in PostgreSQL. */

const LEAD_COLUMNS = `l.id, l.conversation_id, l.channel_id, l.name, l.email, l.organisation, l.role, l.phone,
  l.answers::text AS answers_json, l.assessment::text AS assessment_json, l.profile::text AS profile_json, l.created_at, l.updated_at, c.given_at, c.notice_version`;

/** Each lead's active booking, else its latest by start. */
const LATEST_BOOKING = `LEFT JOIN LATERAL (
  SELECT id AS b_id, start_at AS b_start, end_at AS b_end, status AS b_status, practitioner AS b_practitioner
  FROM bookings WHERE lead_id = l.id ORDER BY status = 'confirmed' DESC, start_at DESC, seq DESC LIMIT 1
) b ON true`;

type PgLeadColumns = Omit<LeadColumns, 'created_at' | 'updated_at'> & { created_at: Date; updated_at: Date };

interface BookingColumns {
  b_id: string | null;
  b_start: Date;
  b_end: Date;
  b_status: 'confirmed' | 'cancelled';
  b_practitioner: string;
}

const columns = (r: PgLeadColumns): LeadColumns => ({ ...r, created_at: iso(r.created_at), updated_at: iso(r.updated_at) });
const latestOf = (r: BookingColumns): LatestBooking | null =>
  r.b_id === null ? null : { id: r.b_id, start: iso(r.b_start), end: iso(r.b_end), status: r.b_status, practitioner: r.b_practitioner };

export class PostgresLeadRows implements LeadRows {
  constructor(private readonly db: Queryable) {}

  async insert(lead: NewLead): Promise<string> {
    const id = newRowId('lead');
    const consentId = newRowId('consent');
    const values = leadValues(lead);
    await this.db.query(`INSERT INTO consents (id, given_at, notice_version) VALUES ($1, $2, $3)`, [consentId, lead.consent.givenAt, lead.consent.noticeVersion]);
    await this.db.query(
      `INSERT INTO leads (id, consent_id, conversation_id, channel_id, name, email, organisation, role, phone, answers, assessment, profile, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
      [id, consentId, lead.conversationId, lead.channelId, ...values, lead.now],
    );
    return id;
  }

  async idOfEmail(email: string): Promise<string | null> {
    // Two instances registering the same returning email at once: the second waits and finds the first.
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended('lead-email:' || lower($1), 0))`, [email.trim()]);
    const { rows } = await this.db.query<{ id: string }>(`SELECT id FROM leads WHERE lower(email) = lower($1) ORDER BY created_at, seq LIMIT 1`, [email.trim()]);
    return rows[0]?.id ?? null;
  }

  async update(leadId: string, u: LeadUpdate): Promise<boolean> {
    const values = leadValues(u);
    const { rows } = await this.db.query<{ consent_id: string }>(
      `UPDATE leads SET name = $1, email = $2, organisation = $3, role = $4, phone = $5, answers = $6, assessment = $7, profile = $8, updated_at = $9
       WHERE id = $10 RETURNING consent_id`,
      [...values, u.now, leadId],
    );
    if (rows.length === 0) return false;
    await this.db.query(`UPDATE consents SET given_at = $1, notice_version = $2 WHERE id = $3`, [u.consent.givenAt, u.consent.noticeVersion, rows[0].consent_id]);
    return true;
  }

  /** Under a transaction-scoped lock on the conversation: two instances registering it at once register once. */
  async idOfConversation(conversationId: string): Promise<string | null> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended('lead:' || $1, 0))`, [conversationId]);
    const { rows } = await this.db.query<{ id: string }>(`SELECT id FROM leads WHERE conversation_id = $1 ORDER BY created_at, seq LIMIT 1`, [conversationId]);
    return rows[0]?.id ?? null;
  }

  async get(leadId: string): Promise<Lead | null> {
    const { rows } = await this.db.query<PgLeadColumns>(`SELECT ${LEAD_COLUMNS} FROM leads l JOIN consents c ON c.id = l.consent_id WHERE l.id = $1`, [leadId]);
    return rows[0] ? parseRow(LeadSchema, leadFromColumns(columns(rows[0])), 'leads') : null;
  }

  async setAssessment(leadId: string, answers: Answers, assessment: Assessment | null, now: string): Promise<boolean> {
    const a = parseRow(AnswersSchema, answers, 'leads');
    const s = assessment === null ? null : parseRow(AssessmentSchema, assessment, 'leads');
    const { rowCount } = await this.db.query(`UPDATE leads SET answers = $1, assessment = $2, updated_at = $3 WHERE id = $4`, [
      JSON.stringify(a),
      s === null ? null : JSON.stringify(s),
      now,
      leadId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async listing(_onUnreadable?: (row: UnreadableLead) => void): Promise<LeadListing[]> {
    // jsonb columns were checked on the way in: no row here can be unreadable.
    const { rows } = await this.db.query<
      BookingColumns & { id: string; created_at: Date; updated_at: Date; name: string; email: string; organisation: string; conversations: number; pathway: string | null; tier: string | null; urgency: string | null }
    >(
      `SELECT l.id, l.created_at, l.updated_at, l.name, l.email, l.organisation,
         COALESCE(jsonb_array_length(l.profile -> 'conversations'), 0)::int AS conversations,
         l.assessment #>> '{recommendation,pathway}' AS pathway,
         l.assessment #>> '{recommendation,tier}' AS tier,
         l.assessment #>> '{recommendation,urgency}' AS urgency,
         b.b_id, b.b_start, b.b_end, b.b_status, b.b_practitioner
       FROM leads l ${LATEST_BOOKING} ORDER BY l.updated_at DESC, l.seq DESC`,
    );
    return rows.map((r) => {
      const b = latestOf(r);
      return {
        id: r.id,
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
        name: r.name,
        email: r.email,
        organisation: r.organisation,
        conversations: Math.max(1, r.conversations),
        pathway: r.pathway,
        tier: r.tier,
        urgency: r.urgency,
        booking: b && { id: b.id, start: b.start, end: b.end, status: b.status },
      };
    });
  }

  async everything(onUnreadable?: (row: UnreadableLead) => void): Promise<{ lead: Lead; booking: LatestBooking | null }[]> {
    const { rows } = await this.db.query<PgLeadColumns & BookingColumns>(
      `SELECT ${LEAD_COLUMNS}, b.b_id, b.b_start, b.b_end, b.b_status, b.b_practitioner
       FROM leads l JOIN consents c ON c.id = l.consent_id ${LATEST_BOOKING} ORDER BY l.created_at, l.seq`,
    );
    const out: { lead: Lead; booking: LatestBooking | null }[] = [];
    for (const r of rows) {
      try {
        out.push({ lead: leadFromColumns(columns(r)), booking: latestOf(r) });
      } catch (error) {
        onUnreadable?.({ id: r.id, problem: (error as Error).message.split('\n')[0] });
      }
    }
    return out;
  }

  async idsCreatedBefore(cutoff: string): Promise<string[]> {
    return (await this.db.query<{ id: string }>(`SELECT id FROM leads WHERE created_at < $1`, [cutoff])).rows.map((r) => r.id);
  }

  async erase(leadId: string): Promise<{ leads: number; consents: number }> {
    const { rows } = await this.db.query<{ consent_id: string }>(`DELETE FROM leads WHERE id = $1 RETURNING consent_id`, [leadId]);
    if (rows.length === 0) return { leads: 0, consents: 0 };
    const consents = (await this.db.query(`DELETE FROM consents WHERE id = $1`, [rows[0].consent_id])).rowCount ?? 0;
    return { leads: rows.length, consents };
  }
}
