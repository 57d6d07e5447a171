import { QUESTION_ORDER, type Answers, type QuestionId } from '../scoping/questions';
import type { CheckReason } from './interpret';
import { vocabulary } from './interpret';
import { LEXICON } from './lexicon';
import { MAX_ANSWER_CHARS, normalise } from './normalise';
import { matchLexicon } from './rules';

/** Only the start of a very long message is searched for facts. */
export const MAX_FACT_CHARS = MAX_ANSWER_CHARS * 2;

/** A fact a message states, with how sure the reader is and whether to confirm it first. */
export type FactReading = { question: QuestionId; value: string; confidence: number; check: CheckReason | null };

/**
 * Every fact a message states, for any question, each with a confidence and a
 * check reason when it must be confirmed before recording:
 *
 *   "we're an NHS trust and already 27001 certified"
 *     → [{ question: 'certification', value: 'certified', … }, { question: 'sector', value: 'health', … }]
 */
export function readFacts(text: string): FactReading[] {
  const readings: FactReading[] = [];
  if (typeof text !== 'string') return readings;
  const normalised = vocabulary().repair(normalise(text.slice(0, MAX_FACT_CHARS)));
  if (normalised === '') return readings;
  for (const question of QUESTION_ORDER) {
    const result = matchLexicon(LEXICON[question], normalised, 'fact');
    if (result.ok && result.value !== 'unsure') readings.push({ question, value: result.value, confidence: 0.8, check: null });
  }
  return readings;
}

/**
 * The answers a message states outright, confidently and with nothing to
 * confirm, so those questions need not be asked. Conservative by design.
 */
export function extractFacts(text: string): Answers {
  const facts: Record<string, string> = {};
  for (const reading of readFacts(text)) if (reading.check === null) facts[reading.question] = reading.value;
  return facts as Answers;
}
