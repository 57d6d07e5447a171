import { QUESTION_VALUES, type QuestionId } from '../scoping/questions';
import { isNegator } from './features';
import { terms } from './entities/terms';
import { isOnlyHedge } from './hedge';
import type { CheckReason, Context } from './reader';
import { rulesFor } from './rules';

/**
 * The decision for one question, once a message has been read into a Context:
 * a hedge where the question has an unsure value, then the question's
 * high-precision rules, then its classifier and nearest examples, with a
 * confidence and the reason, if any, to confirm before recording.
 */

/** At or above this, a reading is recorded without a confirm line. */
export const CONFIDENT = 0.8;
/** Below this, a reading is not offered at all: the question is asked again. */
export const FLOOR = 0.35;

export type Reading = { ok: true; value: string; confidence: number; check: CheckReason | null } | { ok: false; reason: 'unrecognised' };

/** The value that denies the question's subject: a negated sentence reading as this needs no confirm line. */
const DENIAL: Partial<Record<QuestionId, string>> = {
  ai_use: 'none',
  certification: 'none',
  ai_materiality: 'low',
  eu_exposure: 'no',
  procurement: 'none',
};

export type ReadOptions = {
  /** Only the high-precision rules may answer (facts about places come from places, never from a bare "yes"). */
  rulesOnly?: boolean;
};

export function readAs(question: QuestionId, context: Context, options: ReadOptions = {}): Reading {
  const values = QUESTION_VALUES[question] as readonly string[];
  const hasUnsure = values.includes('unsure');
  if (hasUnsure && (context.hedged || (context.tentative && context.parts.length <= 2))) {
    // "good but not sure": unsure, but they said something else too.
    return { ok: true, value: 'unsure', confidence: 0.85, check: context.contrast ? 'contrast' : null };
  }
  // "not sure" to a question without an unsure choice answers nothing: ask again, with the choices.
  if (!hasUnsure && isOnlyHedge(context.normalised)) return { ok: false, reason: 'unrecognised' };
  const rule = rulesFor(question)?.(context) ?? null;
  if (rule === 'unrecognised') return { ok: false, reason: 'unrecognised' };
  if (rule) {
    const check = rule.check ?? (rule.confidence < CONFIDENT ? 'low-confidence' : null);
    return { ok: true, value: rule.value, confidence: rule.confidence, check };
  }
  if (options.rulesOnly) return { ok: false, reason: 'unrecognised' };
  const [top] = context.ranked;
  const near = context.nearest[0];
  if (!top && !near) return { ok: false, reason: 'unrecognised' };
  const label = top?.label ?? near.label;
  const score = top?.score ?? 0;
  const similarity = near?.score ?? 0;
  const agree = near?.label === label;
  // Sure only when the network and the nearest examples agree, the network clearly, on a message whose words the examples mostly know.
  const strong = agree && score >= 0.7 && similarity >= 0.3 && context.coverage >= 0.5;
  const blend = (score + Math.min(1, similarity / 0.6) + context.coverage) / 3;
  const confidence = round(strong ? 0.8 + 0.2 * blend : agree ? 0.45 + 0.3 * blend : 0.25 + 0.3 * blend);
  if (confidence < FLOOR) return { ok: false, reason: 'unrecognised' };
  return { ok: true, value: label, confidence, check: checkFor(question, label, confidence, context) };
}

/**
 * Whether a classifier's reading must be confirmed first. A negated sentence
 * is confirmed unless it reads as the question's own denial ("no AI at all" →
 * none) with a single negation; contrast is always confirmed; so is anything
 * below CONFIDENT.
 */
function checkFor(question: QuestionId, value: string, confidence: number, context: Context): CheckReason | null {
  if (context.contrast) return 'contrast';
  if (context.negated) {
    const doubled = context.parts.some((p) => p.words.filter(isNegator).length > 1);
    if (doubled || DENIAL[question] !== value) return 'negation';
  }
  if (context.hedged && !(QUESTION_VALUES[question] as readonly string[]).includes('unsure')) return 'low-confidence';
  // Heavy reliance means decisions about people, a large estate or something critical; "leans on it heavily" alone may not.
  if (question === 'ai_materiality' && value === 'high' && !terms().names('impact', context.normalised.split(' '))) return 'low-confidence';
  return confidence < CONFIDENT ? 'low-confidence' : null;
}

const round = (n: number) => Math.round(n * 100) / 100;
