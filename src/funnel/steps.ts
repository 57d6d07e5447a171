import type { ScopingSnapshot } from '../../machines/scoping/persistence';
import { pendingQuestion } from '../../machines/scoping/progress';
import type { ScopingEvent } from '../../machines/scoping/types';
import { QUESTION_ORDER } from '../scoping/questions';
import { assess } from '../scoping/recommendation';

/**
 * What one turn moved in the funnel, read from the conversation before and
 * after it and the machine events in between. Pure: counts, never words.
 *
 * Example: a new conversation whose first message answers "AI in production"
 * while the first question is pending → ['started', 'answered:ai_use',
 * 'reached:certification'].
 */

export interface TurnFacts {
  /** The conversation had no stored state before this turn. */
  isNew: boolean;
  before: ScopingSnapshot;
  after: ScopingSnapshot;
  events: ScopingEvent[];
}

export function funnelSteps({ isNew, before, after, events }: TurnFacts): string[] {
  const steps: string[] = [];
  if (isNew) steps.push('started');
  for (const q of QUESTION_ORDER) {
    if (before.context.answers[q] === undefined && after.context.answers[q] !== undefined) steps.push(`answered:${q}`);
  }
  const pendingAfter = pendingQuestion(after.value);
  if (pendingAfter && pendingAfter !== pendingQuestion(before.value)) steps.push(`reached:${pendingAfter}`);
  // Counted when an answer brings it, not when a cancelled booking returns the visitor to it.
  const answeredNow = steps.some((s) => s.startsWith('answered:'));
  if (answeredNow && !before.matches('main.recommended' as never) && after.matches('main.recommended' as never)) {
    steps.push(`recommended:${assess(after.context.answers).recommendation.pathway}`);
  }
  if (before.context.booking.consentAt === null && after.context.booking.consentAt !== null) steps.push('consent');
  let rescheduling = before.context.booking.rescheduling;
  for (const e of events) {
    if (e.type === 'FAQ_ASKED') steps.push(`faq:${e.faq}`);
    else if (e.type === 'UNMAPPED' || e.type === 'OFF_TOPIC') steps.push('misunderstood');
    else if (e.type === 'RESCHEDULE') rescheduling = true;
    else if (e.type === 'BOOKED') steps.push(rescheduling ? 'rescheduled' : 'booked');
    else if (e.type === 'BOOKING_CANCELLED') steps.push('cancelled');
  }
  return steps;
}
