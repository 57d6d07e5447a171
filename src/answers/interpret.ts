import { QUESTION_ORDER, QUESTION_VALUES, type AnswerValue, type QuestionId } from '../scoping/questions';
import { choicePosition } from './choice-number';
import { LEXICON } from './lexicon';
import { compact, MAX_ANSWER_CHARS, normalise } from './normalise';
import { loadQuestionContent } from './question-content';
import { lexiconWords, matchLexicon, type MatchResult } from './rules';
import { Vocabulary } from './typos';

export type Interpretation<Q extends QuestionId> =
  | { ok: true; value: AnswerValue<Q> }
  | { ok: false; reason: 'unrecognised' | 'ambiguous' };

/**
 * Reads a typed answer to `question`. In order:
 * 1. a choice by position, in QUESTION_VALUES order ("2", "option 2", "the second one", "#3");
 * 2. the value id or the button label, whole ("in progress", "Working towards it");
 * 3. the person's own words, through the question's lexicon (see rules.ts),
 *    after light spelling repair: "we got certified last year" → certified,
 *    "not certified" → none, "no idea" → unsure where the question has it.
 *
 * Never throws on odd input: empty, emoji, markup or more than
 * MAX_ANSWER_CHARS characters give { ok: false, reason: 'unrecognised' }.
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
    return position >= 1 && position <= values.length ? { ok: true, value: values[position - 1] } : unrecognised;
  }

  const named = namedChoices(question).get(whole);
  if (named !== undefined) return { ok: true, value: named };

  const lexicon = LEXICON[question];
  const result = matchLexicon(lexicon, vocabulary().repair(normalised), 'answer') as MatchResult<AnswerValue<Q>>;
  return result;
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
