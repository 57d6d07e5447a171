import { loadQuestionContent, type QuestionContent } from '../answers/question-content';
import { latestOf } from '../booking/view';
import type { BookingConfig } from '../config/config';
import { labelOf, loadIntentContent, type IntentContent } from '../intents/content';
import { isIntentId } from '../intents/ids';
import type { RecordsTx } from '../records/types';
import { isApplicable, type QuestionId } from '../scoping/questions';
import { type Brief, buildBrief, type BriefSources } from './brief';
import type { Lead } from './lead';
import { practitionerName } from './practitioner-name';

/**
 * The practitioner's brief, built from the lead and its latest booking when
 * read, so there is no second copy of the contact details to keep in step or
 * to erase. Every lead has one, booked or not. `builtAt` is when either last
 * changed.
 */
export async function briefOf(tx: RecordsTx, leadId: string, booking: Pick<BookingConfig, 'timeZone' | 'roster'>): Promise<Brief | null> {
  const lead = await tx.leads.get(leadId);
  if (!lead) return null;
  const b = latestOf(await tx.bookings.ofLead(leadId));
  const builtAt = new Date(Math.max(Date.parse(lead.updatedAt), b ? Date.parse(b.updatedAt) : 0));
  return buildBrief(
    lead,
    b && { id: b.id, start: b.start, end: b.end, status: b.status, practitioner: b.practitioner, practitionerName: practitionerName(booking.roster, b.practitioner) },
    briefSources(lead, builtAt, booking.timeZone),
  );
}

let questions: QuestionContent | undefined;
let intents: IntentContent | undefined;

/** Labels from content/, read once per process (the same files the bot shows). */
export function briefSources(lead: Pick<Lead, 'answers'>, now: Date, timeZone: string): BriefSources {
  questions ??= loadQuestionContent();
  if (!intents) {
    const loaded = loadIntentContent();
    if (!loaded.ok) throw new Error(`Content is invalid:\n${loaded.errors.join('\n')}`);
    intents = loaded.content;
  }
  const q = questions;
  const i = intents;
  return {
    now,
    timeZone,
    answerLabel: (question: QuestionId, value: string) => (q[question].choices as Record<string, { label: string }>)[value]?.label ?? value,
    faqText: (id: string) => (isIntentId(id) ? labelOf(i, id) : id),
    applicable: (question: QuestionId) => isApplicable(question, lead.answers),
  };
}
