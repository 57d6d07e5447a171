import { isApplicable, QUESTION_ORDER, QuestionId } from '../../src/scoping/questions';
import type { ScopingContext } from './types';

export interface Progress {
  step: number;
  of: number;
}

/**
 * "Question 3 of 6": asked-and-still-relevant questions, plus the pending one,
 * out of those asked plus those still open. Facts the user volunteered are
 * never asked, so they count in neither.
 * Example: asked ai_use and certification (certified), pending ai_materiality →
 * step 3, of 6 (infosec_maturity skipped; sector, eu_exposure, procurement open).
 */
export function progressOf(context: ScopingContext, pending: QuestionId): Progress {
  const { answers } = context;
  const asked = context.asked.filter((q) => q !== pending && answers[q] !== undefined && isApplicable(q, answers)).length;
  const open = QUESTION_ORDER.filter((q) => isApplicable(q, answers) && answers[q] === undefined).length;
  return { step: asked + 1, of: asked + Math.max(open, 1) };
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
