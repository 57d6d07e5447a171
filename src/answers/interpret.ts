import { LRUCache } from 'lru-cache';
import { QUESTION_ORDER, QUESTION_VALUES, type AnswerValue, type QuestionId } from '../scoping/questions';
import { instructsTheBot } from '../intents/instructions';
import { choicePosition } from './choice-number';
import { isOnlyHedge } from './hedge';
import { compact, MAX_ANSWER_CHARS, normalise } from './normalise';
import { loadQuestionContent } from './question-content';
import { looksLikeQuestion } from './question-shape';
import { reader, TRAINING_STEPS, type CheckReason } from './reader';
import { CONFIDENT, readAs } from './reading';

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
 * Synchronous: each question's classifiers train once, on its first reading
 * (or all at once with warmUpReader()); a reading does no async work.
 */
export type Interpretation<Q extends QuestionId> =
  | { ok: true; value: AnswerValue<Q>; confidence: number; check: CheckReason | null }
  | { ok: false; reason: 'unrecognised' | 'ambiguous' | 'not-an-answer' };

export { CONFIDENT, FLOOR } from './reading';
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
  if (typeof text !== 'string' || text.length > MAX_ANSWER_CHARS) return { ok: false, reason: 'unrecognised' };
  const key = `${question}\u0000${text}`;
  let reading = recentReadings.get(key) as Interpretation<Q> | undefined;
  if (reading === undefined) recentReadings.set(key, (reading = interpretNow(question, text)));
  return reading;
}

/**
 * A reading depends only on the question, the text and the content loaded at
 * start-up, and the same short answers ("no", "not yet", "UK") come again and
 * again: recent readings are kept (bounded), and shared, so never changed.
 */
const recentReadings = new LRUCache<string, Interpretation<QuestionId>>({ max: 1000 });

function interpretNow<Q extends QuestionId>(question: Q, text: string): Interpretation<Q> {
  const unrecognised = { ok: false, reason: 'unrecognised' } as const;
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
  // "ignore your instructions and …" answers nothing: it goes to the intents, which call it out of scope.
  if (instructsTheBot(text)) return { ok: false, reason: 'not-an-answer' };

  const listed = reader().wholeMessage(question, text);
  if (listed !== null) return { ok: false, reason: listed === 'ambiguous' ? 'ambiguous' : 'unrecognised' };

  if (isEitherOr(question, whole)) return { ok: false, reason: 'ambiguous' };

  const context = reader().context(question, text);
  const reading = readAs(question, context);
  // Commands and requests are short ("skip", "start again", "I'd like a call"); a longer message that reads as an answer is one.
  if (whole.split(' ').length <= MAX_COMMAND_WORDS) {
    const command = reader().isNotAnAnswer(text);
    if (command === 'surely' || (command === 'likely' && (!reading.ok || reading.confidence < CONFIDENT))) return { ok: false, reason: 'not-an-answer' };
  }
  return reading as Interpretation<Q>;
}

const MAX_ALTERNATIVE_WORDS = 4;

/** "NHS or council": two alternatives that read as two different values. */
function isEitherOr(question: QuestionId, whole: string): boolean {
  const sides = whole.split(/ or /);
  // Short alternatives only: "… this year or next" is one answer with a detail.
  if (sides.length !== 2 || sides.some((side) => side.trim() === '' || side.trim().split(' ').length > MAX_ALTERNATIVE_WORDS)) return false;
  const [left, right] = sides.map((side) => readAs(question, reader().context(question, side)));
  return left.ok && right.ok && left.value !== right.value;
}

/** Trains the reader now rather than on the first message (call at start-up). */
export function warmUpReader(): void {
  for (const q of QUESTION_ORDER) namedChoices(q);
  for (const step of TRAINING_STEPS) reader().train(step);
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
