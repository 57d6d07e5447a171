import { QUESTION_ORDER, type Answers } from '../scoping/questions';
import { vocabulary } from './interpret';
import { LEXICON } from './lexicon';
import { MAX_ANSWER_CHARS, normalise } from './normalise';
import { matchLexicon } from './rules';

/** Only the start of a very long message is searched for facts. */
export const MAX_FACT_CHARS = MAX_ANSWER_CHARS * 2;

/**
 * The answers a message states outright, for any question, so those questions
 * need not be asked:
 *
 *   "we're an NHS trust and already 27001 certified" → { sector: 'health', certification: 'certified' }
 *
 * Conservative by design. Only rules marked as facts count (phrases that name
 * their subject: "27001 certified", "using AI in production", "we are a law
 * firm"); never a bare yes or no, a number, a hedge or an unsure value; and a
 * question whose phrases disagree is left out.
 */
export function extractFacts(text: string): Answers {
  const facts: Record<string, string> = {};
  if (typeof text !== 'string') return facts;
  const normalised = vocabulary().repair(normalise(text.slice(0, MAX_FACT_CHARS)));
  if (normalised === '') return facts;
  for (const question of QUESTION_ORDER) {
    const result = matchLexicon(LEXICON[question], normalised, 'fact');
    if (result.ok && result.value !== 'unsure') facts[question] = result.value;
  }
  return facts as Answers;
}
