import { QUESTION_ORDER, QUESTION_VALUES, type AnswerValue, type QuestionId } from '../scoping/questions';
import { choicePosition } from './choice-number';
import { LEXICON } from './lexicon';
import { compact, MAX_ANSWER_CHARS, normalise } from './normalise';
import { loadQuestionContent } from './question-content';
import { looksLikeQuestion } from './question-shape';
import { lexiconWords, matchLexicon, type MatchResult } from './rules';
import { Vocabulary } from './typos';

/**
 * Why a reading must be confirmed in one line ("Just to check: … — right?",
 * with Yes / Change) before it is recorded:
 * - 'low-confidence': the reader is not sure enough;
 * - 'negation': the sentence denies something, and the reading depends on its scope;
 * - 'contrast': "X, but Y" — the reading weighed one clause against another;
 * - 'in-passing': a fact volunteered while answering something else.
 */
export type CheckReason = 'low-confidence' | 'negation' | 'contrast' | 'in-passing';

/**
 * The reading of a typed answer to one question.
 * - ok with check null: record it.
 * - ok with a check: confirm it first (shared/spec/scoping.md "On the wire").
 * - 'not-an-answer': a question, a command ("go back", "stop", "skip"), a request
 *   ("can I just book a call") or whole-message small talk: route it as an intent.
 * - 'unrecognised' / 'ambiguous': an answer the reader could not place: re-ask.
 *
 * Synchronous by design: the classifiers are trained once, on first use (or
 * eagerly with warmUpReader()), and a reading runs no async work.
 */
export type Interpretation<Q extends QuestionId> =
  | { ok: true; value: AnswerValue<Q>; confidence: number; check: CheckReason | null }
  | { ok: false; reason: 'unrecognised' | 'ambiguous' | 'not-an-answer' };

/**
 * Reads a typed answer to `question`. Never throws on odd input: empty, emoji,
 * markup or more than MAX_ANSWER_CHARS characters give 'unrecognised'.
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
    return position >= 1 && position <= values.length
      ? { ok: true, value: values[position - 1], confidence: 1, check: null }
      : unrecognised;
  }

  const named = namedChoices(question).get(whole);
  if (named !== undefined) return { ok: true, value: named, confidence: 1, check: null };

  if (looksLikeQuestion(text)) return { ok: false, reason: 'not-an-answer' };

  const lexicon = LEXICON[question];
  const result = matchLexicon(lexicon, vocabulary().repair(normalised), 'answer') as MatchResult<AnswerValue<Q>>;
  return result.ok ? { ok: true, value: result.value, confidence: 0.8, check: null } : result;
}

/** Trains the reader now rather than on the first message (call at start-up). */
export function warmUpReader(): void {
  vocabulary();
  for (const q of QUESTION_ORDER) namedChoices(q);
}

let cachedNames: Map<QuestionId, Map<string, string>> | undefined;
let cachedVocabulary: Vocabulary | undefined;

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

/** Every word the lexicons know, for spelling repair. */
export function vocabulary(): Vocabulary {
  if (cachedVocabulary === undefined) {
    const words = QUESTION_ORDER.flatMap((q) => lexiconWords(LEXICON[q]));
    cachedVocabulary = new Vocabulary(words);
  }
  return cachedVocabulary;
}
