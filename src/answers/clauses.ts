import { isNegator } from './features';
import { normalise } from './normalise';

/**
 * A message cut into clauses, at clause punctuation and at words of contrast,
 * each knowing where it sits in the text, whether it is negated and whether it
 * follows a contrast:
 *
 *   "clients send security questionnaires, nobody asked about AI yet"
 *     → [{ words: [clients, send, security, questionnaires], negated: false, … },
 *        { words: [nobody, asked, about, ai, yet], negated: true, … }]
 *
 * Negation here is by clause: "AI hasn't come up" denies AI although the
 * denial comes after it.
 */

export type Clause = { words: string[]; negated: boolean; afterContrast: boolean; start: number; end: number };

/** Clause punctuation (not the colon of "27001:2022" or the point of "2.5"), or a word of contrast. */
const BOUNDARY = /[.,;!?]+(?=\s|$)|:(?=\s)|\s[-–—]+\s|\b(but|though|although|however|whereas|except|apart from)\b/gi;
/** "not just", "not only", "no doubt": a negator that denies nothing. */
const NOT_DENYING = new Set(['only', 'just', 'doubt', 'problem', 'worries']);

export function clauses(text: string, prepare: (text: string) => string = normalise): Clause[] {
  const result: Clause[] = [];
  let start = 0;
  let afterContrast = false;
  const push = (end: number, nextAfterContrast: boolean) => {
    const words = prepare(text.slice(start, end)).split(' ').filter((w) => w !== '' && w !== '.');
    if (words.length > 0) result.push({ words, negated: isNegated(words), afterContrast, start, end });
    afterContrast = nextAfterContrast || (words.length === 0 && afterContrast);
  };
  for (const match of text.matchAll(BOUNDARY)) {
    const at = match.index ?? 0;
    push(at, match[1] !== undefined);
    start = at + match[0].length;
  }
  push(text.length, false);
  return result;
}

function isNegated(words: string[]): boolean {
  return words.some((word, i) => isNegator(word) && !NOT_DENYING.has(words[i + 1] ?? ''));
}

/** Whether the message weighs one clause against another ("X, but Y"). */
export function hasContrast(parts: readonly Clause[]): boolean {
  return parts.some((c) => c.afterContrast);
}
