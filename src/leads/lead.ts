import { z } from 'zod';
import { QUESTION_VALUES, QuestionId, Answers } from '../scoping/questions';
import type { Assessment } from '../scoping/recommendation';
import type { Contact } from '../contact/contact';

/** A lead: a person who agreed to be contacted, their answers and the assessment. */

export type { Contact };

/** Consent to be contacted and to have answers stored, with the privacy-notice version shown. */
export interface ConsentRecord {
  givenAt: string; // ISO instant
  noticeVersion: string;
}

/**
 * What the practitioner should know about how the answers were given: the
 * visitor's own words beside each typed answer, and whether the email is a
 * personal mailbox (accepted after one question; a sole trader may have no other).
 */
export interface LeadNotes {
  words: Partial<Record<QuestionId, string>>;
  personalEmail: boolean;
}

export const emptyNotes = (): LeadNotes => ({ words: {}, personalEmail: false });

export interface Lead {
  id: string;
  conversationId: string;
  channelId: string;
  contact: Contact;
  consent: ConsentRecord;
  answers: Answers;
  assessment: Assessment | null;
  notes: LeadNotes;
  createdAt: string;
  updatedAt: string;
}

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO instant');

export const ContactSchema = z.object({
  name: z.string().trim().min(1),
  email: z.string().trim().email(),
  organisation: z.string().trim().min(1),
  role: z.string().trim().min(1).optional(),
  phone: z.string().trim().min(1).optional(),
});

export const AnswersSchema = z
  .object(
    Object.fromEntries(
      (Object.keys(QUESTION_VALUES) as QuestionId[]).map((q) => [q, z.enum(QUESTION_VALUES[q] as unknown as [string, ...string[]]).optional()]),
    ),
  )
  .strict() as unknown as z.ZodType<Answers>;

export const AssessmentSchema = z.object({
  recommendation: z.object({
    pathway: z.enum(['not-yet', '42001-next', '27001-first', '42001-first', 'integrated']),
    urgency: z.enum(['high', 'medium', 'low']).nullable(),
    timeline: z.object({ minMonths: z.number(), maxMonths: z.number() }).nullable(),
    regulators: z.array(z.enum(['ICO', 'FCA', 'Ofcom'])),
    euAiAct: z.enum(QUESTION_VALUES.eu_exposure).nullable(),
    tier: z.enum(['hot', 'warm', 'nurture']),
    answers: AnswersSchema,
  }),
  reasons: z.array(
    z.object({
      code: z.enum([
        'no-ai',
        'already-certified',
        'weak-security',
        'ai-more-material',
        'balanced',
        'high-materiality',
        'regulated-sector',
        'eu-exposure',
        'ai-procurement',
        'eu-unsure',
      ]),
      drivenBy: z.array(z.enum(Object.keys(QUESTION_VALUES) as [QuestionId, ...QuestionId[]])),
    }),
  ),
}) as unknown as z.ZodType<Assessment>;

export const LeadNotesSchema = z.object({
  words: z.partialRecord(z.enum(Object.keys(QUESTION_VALUES) as [QuestionId, ...QuestionId[]]), z.string().max(2000)).default({}),
  personalEmail: z.boolean().default(false),
}) as unknown as z.ZodType<LeadNotes>;

export const ConsentSchema = z.object({ givenAt: iso, noticeVersion: z.string().min(1) });

export const LeadSchema: z.ZodType<Lead> = z.object({
  id: z.string().min(1),
  conversationId: z.string(),
  channelId: z.string(),
  contact: ContactSchema,
  consent: ConsentSchema,
  answers: AnswersSchema,
  assessment: AssessmentSchema.nullable(),
  notes: LeadNotesSchema,
  createdAt: iso,
  updatedAt: iso,
}) as unknown as z.ZodType<Lead>;
