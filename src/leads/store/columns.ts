import { emptyProfile, type Lead } from '../lead';

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
