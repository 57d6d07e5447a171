import { isApplicable, QUESTION_ORDER, QuestionId } from '../../src/scoping/questions';
import type { ScopingContext } from './types';

export interface Progress {
  step: number;
  of: number;
}

/**
 * "Question N of M" (defined in the README): N is the question's place among
 * the questions this conversation asks, in the order they were first asked;
 * M is how many it asks, as far as the answers so far tell. Facts volunteered
 * are never asked, so they count in neither; a question made moot by a later
 * answer drops out of both.
 * Example: asked ai_use and certification (certified), pending ai_materiality →
 * step 3, of 6 (infosec_maturity skipped; sector, eu_exposure, procurement open).
 * A question asked again after "change my answer to the first question" keeps
 * its place: step 1, and M is unchanged.
 */
export function progressOf(context: ScopingContext, pending: QuestionId): Progress {
  const { answers } = context;
  const asked = context.asked.filter((q) => isApplicable(q, answers) && (answers[q] !== undefined || q === pending));
  const open = QUESTION_ORDER.filter((q) => isApplicable(q, answers) && answers[q] === undefined && !asked.includes(q)).length;
  const place = asked.indexOf(pending);
  return { step: place >= 0 ? place + 1 : asked.length + 1, of: asked.length + Math.max(open, place >= 0 ? 0 : 1) };
}

/** The question waiting for an answer, read from the state value. */
export function pendingQuestion(value: unknown): QuestionId | null {
  if (value && typeof value === 'object' && 'main' in value) {
    const main = (value as { main: unknown }).main;
    if (main && typeof main === 'object' && 'scoping' in main) {
      const q = (main as { scoping: string }).scoping;
      return QUESTION_ORDER.includes(q as QuestionId) ? (q as QuestionId) : null;
    }
  }
  return null;
}
