import { QUESTION_ORDER, type Answers, type QuestionId } from '../scoping/questions';
import type { CheckReason } from './reader';
import { MAX_ANSWER_CHARS } from './normalise';

/** Only the start of a very long message is searched for facts. */
export const MAX_FACT_CHARS = MAX_ANSWER_CHARS * 2;

/** A fact a message states, with how sure the reader is and whether to confirm it first. */
export type FactReading = { question: QuestionId; value: string; confidence: number; check: CheckReason | null };

export function readFacts(text: string): FactReading[] {
  void text;
  void QUESTION_ORDER;
  return [];
}

export function extractFacts(text: string): Answers {
  const facts: Record<string, string> = {};
  for (const reading of readFacts(text)) if (reading.check === null) facts[reading.question] = reading.value;
  return facts as Answers;
}
