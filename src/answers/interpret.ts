import { QUESTION_ORDER, QUESTION_VALUES, type AnswerValue, type QuestionId } from '../scoping/questions';
import { choicePosition } from './choice-number';
import { isNegator } from './features';
import { isOnlyHedge } from './hedge';
import { compact, MAX_ANSWER_CHARS, normalise } from './normalise';
import { loadQuestionContent } from './question-content';
import { looksLikeQuestion } from './question-shape';
import { reader, type CheckReason, type Context } from './reader';
import { rulesFor } from './rules';

export type { CheckReason } from './reader';

/**
 * The reading of a typed answer to one question.
 * - ok with check null: record it.
 * - ok with a check: confirm it in one line first ("Just to check: … — right?"
 *   with Yes / Change; shared/spec/scoping.md "On the wire"). The reasons:
 *   'low-confidence' (not sure enough), 'negation' (the sentence denies
 *   something and the reading depends on its scope), 'contrast' ("X, but Y":
 *   one clause weighed against another), 'in-passing' (a fact volunteered
 *   while answering something else; see facts.ts).
 * - 'not-an-answer': a question, a command ("go back", "stop", "skip"), a
 *   request ("can I just book a call") or whole-message small talk: route it
 *   as an intent, keep the question pending.
 * - 'unrecognised' / 'ambiguous': an answer the reader could not place: re-ask.
 *
 * Synchronous: the classifiers are trained once, on first use or with
 * warmUpReader() at start-up, and a reading does no async work.
 */
export type Interpretation<Q extends QuestionId> =
  | { ok: true; value: AnswerValue<Q>; confidence: number; check: CheckReason | null }
  | { ok: false; reason: 'unrecognised' | 'ambiguous' | 'not-an-answer' };

/** At or above this, a reading is recorded without a confirm line. */
export const CONFIDENT = 0.8;
/** Below this, a reading is not offered at all: the question is asked again. */
export const FLOOR = 0.35;
const MAX_COMMAND_WORDS = 8;

/**
 * Reads a typed answer to `question`, in layers:
 * 1. exact rules: a choice by position ("2", "the second one") or by its label;
 * 2. is it an answer at all (question shape, commands, requests, small talk);
 * 3. the question's high-precision rules (numbers, places, dates, AI vs
 *    security, negation and contrast by clause; see rules/);
 * 4. the question's classifier, trained from content/answers/<question>.json,
 *    with a confidence from its score and from how many of the message's
 *    words it knows.
 * Never throws on odd input: empty, emoji, markup or more than
 * MAX_ANSWER_CHARS characters give 'unrecognised'.
 */
export function interpretAnswer<Q extends QuestionId>(question: Q, text: string): Interpretation<Q> {
  const unrecognised = { ok: false, reason: 'unrecognised' } as const;
  if (typeof text !== 'string' || text.length > MAX_ANSWER_CHARS) return unrecognised;
  const normalised = normalise(text);
  if (normalised.replace(/[ .]/g, '') === '') return unrecognised;
  const values = QUESTION_VALUES[question] as readonly AnswerValue<Q>[];
  const whole = compact(normalised);

  const position = choicePosition(whole, values.length);
  if (position !== null) {
    return position >= 1 && position <= values.length ? { ok: true, value: values[position - 1], confidence: 1, check: null } : unrecognised;
  }
  const named = namedChoices(question).get(whole);
  if (named !== undefined) return { ok: true, value: named, confidence: 1, check: null };

  if (!isOnlyHedge(normalised) && looksLikeQuestion(text)) return { ok: false, reason: 'not-an-answer' };

  const context = reader().context(question, text);
  const reading = read(question, context);
  // Commands and requests are short ("skip", "start again", "I'd like a call"); a longer message that reads as an answer is one.
  if (whole.split(' ').length <= MAX_COMMAND_WORDS && (!reading.ok || reading.confidence < CONFIDENT)) {
    if (reader().isNotAnAnswer(text)) return { ok: false, reason: 'not-an-answer' };
  }
  return reading as Interpretation<Q>;
}

/** The value that denies the question's subject: a negated sentence reading as this needs no confirm line. */
const DENIAL: Partial<Record<QuestionId, string>> = {
  ai_use: 'none',
  certification: 'none',
  ai_materiality: 'low',
  eu_exposure: 'no',
  procurement: 'none',
};

function read(question: QuestionId, context: Context): Interpretation<QuestionId> {
  const values = QUESTION_VALUES[question] as readonly string[];
  const hasUnsure = values.includes('unsure');
  if (hasUnsure && (context.hedged || (context.tentative && context.parts.length <= 2))) {
    return { ok: true, value: 'unsure' as never, confidence: 0.85, check: null };
  }
  const rule = rulesFor(question)?.(context) ?? null;
  if (rule) {
    const check = rule.check ?? (rule.confidence < CONFIDENT ? 'low-confidence' : null);
    return { ok: true, value: rule.value as never, confidence: rule.confidence, check };
  }
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
  return { ok: true, value: label as never, confidence, check: checkFor(question, label, confidence, context) };
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
  return confidence < CONFIDENT ? 'low-confidence' : null;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Trains the reader now rather than on the first message (call at start-up). */
export function warmUpReader(): void {
  reader();
  for (const q of QUESTION_ORDER) namedChoices(q);
}

let cachedNames: Map<QuestionId, Map<string, string>> | undefined;

/** Value ids and button labels, normalised, for each question. */
function namedChoices<Q extends QuestionId>(question: Q): Map<string, AnswerValue<Q>> {
  if (cachedNames === undefined) {
    const content = loadQuestionContent();
    cachedNames = new Map();
    for (const q of QUESTION_ORDER) {
      const names = new Map<string, string>();
      const choices = content[q].choices as Record<string, { label: string }>;
      for (const value of QUESTION_VALUES[q]) {
        names.set(compact(normalise(value)), value);
        names.set(compact(normalise(choices[value].label)), value);
      }
      cachedNames.set(q, names);
    }
  }
  return cachedNames.get(question) as Map<string, AnswerValue<Q>>;
}
