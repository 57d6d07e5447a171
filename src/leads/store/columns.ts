import { parseRow } from '../../records/parse';
import { AnswersSchema, AssessmentSchema, emptyProfile, type Lead, LeadProfileSchema } from '../lead';

/** A lead row joined with its consent, as both backends select it (JSON columns as text). */
export interface LeadColumns {
  id: string;
  conversation_id: string;
  channel_id: string;
  name: string;
  email: string;
  organisation: string;
  role: string | null;
  phone: string | null;
  answers_json: string;
  assessment_json: string | null;
  profile_json: string | null;
  created_at: string;
  updated_at: string;
  given_at: string;
  notice_version: string;
}

/** Builds the lead; JSON that does not parse throws (the caller skips the row or reports it). */
export function leadFromColumns(r: LeadColumns): Lead {
  return {
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
    // Leads registered before profiles were kept have none.
    profile: r.profile_json === null ? emptyProfile() : { ...emptyProfile(), ...JSON.parse(r.profile_json) },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The lead's own columns as both backends write them, in this order: name, email, organisation,
 * role, phone, answers, assessment, profile. Answers, assessment and profile are checked here, so a
 * wrong shape never reaches either store.
 */
export function leadValues(lead: Pick<Lead, 'contact' | 'answers' | 'assessment' | 'profile'>): (string | null)[] {
  const answers = parseRow(AnswersSchema, lead.answers, 'leads');
  const assessment = lead.assessment === null ? null : parseRow(AssessmentSchema, lead.assessment, 'leads');
  const profile = parseRow(LeadProfileSchema, lead.profile, 'leads');
  return [
    lead.contact.name,
    lead.contact.email,
    lead.contact.organisation,
    lead.contact.role ?? null,
    lead.contact.phone ?? null,
    JSON.stringify(answers),
    assessment === null ? null : JSON.stringify(assessment),
    JSON.stringify(profile),
  ];
}
