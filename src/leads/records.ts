import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../booking/store';
import { parseRow } from '../booking/store';
import type { Answers } from '../scoping/questions';
import type { Assessment } from '../scoping/recommendation';
import { AnswersSchema, AssessmentSchema, emptyNotes, Lead, LeadNotes, LeadNotesSchema, LeadSchema } from './lead';
import { Brief, BriefSchema } from './brief';

/** Lead, consent and brief rows. Callers own the transaction. */

const LeadRow = z.object({
  id: z.string(),
  conversation_id: z.string(),
  channel_id: z.string(),
  name: z.string(),
  email: z.string(),
  organisation: z.string(),
  role: z.string().nullable(),
  phone: z.string().nullable(),
  answers_json: z.string(),
  assessment_json: z.string().nullable(),
  notes_json: z.string().nullable().default(null),
  created_at: z.string(),
  updated_at: z.string(),
  given_at: z.string(),
  notice_version: z.string(),
});

const SELECT_LEAD = `SELECT l.*, c.given_at, c.notice_version FROM leads l JOIN consents c ON c.id = l.consent_id`;

function toLead(row: unknown): Lead {
  const r = parseRow(LeadRow, row, 'leads');
  return parseRow(
    LeadSchema,
    {
      id: r.id,
      conversationId: r.conversation_id,
      channelId: r.channel_id,
      contact: {
        name: r.name,
        email: r.email,
        organisation: r.organisation,
        ...(r.role !== null ? { role: r.role } : {}),
        ...(r.phone !== null ? { phone: r.phone } : {}),
      },
      consent: { givenAt: r.given_at, noticeVersion: r.notice_version },
      answers: JSON.parse(r.answers_json),
      assessment: r.assessment_json === null ? null : JSON.parse(r.assessment_json),
      notes: r.notes_json === null ? emptyNotes() : JSON.parse(r.notes_json),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    },
    'leads',
  );
}

export type NewLead = Pick<Lead, 'conversationId' | 'channelId' | 'contact' | 'consent' | 'answers' | 'assessment'> & {
  notes?: LeadNotes;
  now: string;
};

/** The consent record and the lead, written together: there is no other way in. */
export function insertLead(db: Db, lead: NewLead): string {
  const id = `lead-${randomUUID()}`;
  const consentId = `consent-${randomUUID()}`;
  const answers = parseRow(AnswersSchema, lead.answers, 'leads');
  const assessment = lead.assessment === null ? null : parseRow(AssessmentSchema, lead.assessment, 'leads');
  const notes = parseRow(LeadNotesSchema, lead.notes ?? emptyNotes(), 'leads');
  db.prepare(`INSERT INTO consents (id, given_at, notice_version) VALUES (?, ?, ?)`).run(
    consentId,
    lead.consent.givenAt,
    lead.consent.noticeVersion,
  );
  db.prepare(
    `INSERT INTO leads (id, consent_id, conversation_id, channel_id, name, email, organisation, role, phone,
       answers_json, assessment_json, notes_json, created_at, updated_at)
     VALUES (@id, @consentId, @conversationId, @channelId, @name, @email, @organisation, @role, @phone,
       @answers, @assessment, @notes, @now, @now)`,
  ).run({
    id,
    consentId,
    conversationId: lead.conversationId,
    channelId: lead.channelId,
    name: lead.contact.name,
    email: lead.contact.email,
    organisation: lead.contact.organisation,
    role: lead.contact.role ?? null,
    phone: lead.contact.phone ?? null,
    answers: JSON.stringify(answers),
    assessment: assessment === null ? null : JSON.stringify(assessment),
    notes: JSON.stringify(notes),
    now: lead.now,
  });
  return id;
}

/** The lead a conversation already registered, if any (registering twice returns the first). */
export function leadIdOfConversation(db: Db, conversationId: string): string | null {
  const row = db.prepare('SELECT id FROM leads WHERE conversation_id = ? ORDER BY created_at LIMIT 1').get(conversationId) as { id: string } | undefined;
  return row?.id ?? null;
}

export function getLead(db: Db, leadId: string): Lead | null {
  const row = db.prepare(`${SELECT_LEAD} WHERE l.id = ?`).get(leadId);
  return row === undefined ? null : toLead(row);
}

/** A lead row that could not be read: listed by id so a practitioner can look at it, never fatal for the rest. */
export type SkippedLead = (leadId: string, reason: string) => void;

export function allLeads(db: Db, onSkipped: SkippedLead = () => undefined): Lead[] {
  return db
    .prepare(`${SELECT_LEAD} ORDER BY l.created_at, l.rowid`)
    .all()
    .flatMap((row) => {
      try {
        return [toLead(row)];
      } catch (error) {
        onSkipped(String((row as { id?: unknown }).id ?? '(no id)'), (error as Error).message.split('\n')[0]);
        return [];
      }
    });
}

export function leadIdsCreatedBefore(db: Db, cutoff: string): string[] {
  return (db.prepare(`SELECT id FROM leads WHERE created_at < ?`).all(cutoff) as { id: string }[]).map((r) => r.id);
}

export function setAssessment(db: Db, leadId: string, answers: Answers, assessment: Assessment | null, now: string, notes?: LeadNotes): boolean {
  const a = parseRow(AnswersSchema, answers, 'leads');
  const s = assessment === null ? null : parseRow(AssessmentSchema, assessment, 'leads');
  const n = notes === undefined ? null : JSON.stringify(parseRow(LeadNotesSchema, notes, 'leads'));
  const info = db
    .prepare(`UPDATE leads SET answers_json = ?, assessment_json = ?, notes_json = COALESCE(?, notes_json), updated_at = ? WHERE id = ?`)
    .run(JSON.stringify(a), s === null ? null : JSON.stringify(s), n, now, leadId);
  return info.changes > 0;
}

/** Erases the lead, its consent record and its brief. Bookings must have been detached first. */
export function eraseLead(db: Db, leadId: string): { briefs: number; consents: number; leads: number } {
  const row = db.prepare(`SELECT consent_id FROM leads WHERE id = ?`).get(leadId) as { consent_id: string } | undefined;
  if (!row) return { briefs: 0, consents: 0, leads: 0 };
  const briefs = db.prepare(`DELETE FROM briefs WHERE lead_id = ?`).run(leadId).changes;
  const leads = db.prepare(`DELETE FROM leads WHERE id = ?`).run(leadId).changes;
  const consents = db.prepare(`DELETE FROM consents WHERE id = ?`).run(row.consent_id).changes;
  return { briefs, consents, leads };
}

export function saveBrief(db: Db, brief: Brief, now: string): void {
  db.prepare(
    `INSERT INTO briefs (lead_id, body_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (lead_id) DO UPDATE SET body_json = excluded.body_json, updated_at = excluded.updated_at`,
  ).run(brief.leadId, JSON.stringify(brief), now);
}

export function getBrief(db: Db, leadId: string): Brief | null {
  const row = db.prepare(`SELECT body_json FROM briefs WHERE lead_id = ?`).get(leadId) as { body_json: string } | undefined;
  return row === undefined ? null : parseRow(BriefSchema, JSON.parse(row.body_json), 'briefs');
}
