import type { CheckReason, Context } from '../reader';
import type { Clause } from '../clauses';
import { terms } from '../entities/terms';

/** What a high-precision rule concludes: a value, how sure, and whether to confirm it first. */
export type Verdict = { value: string; confidence: number; check?: CheckReason | null };
/** A rule's conclusion: a verdict, 'unrecognised' when the message is surely not an answer to this question, or null to let the classifier read it. */
export type Rule = (context: Context) => Verdict | 'unrecognised' | null;

/** A count written in figures or words: "40", "40-odd", "a dozen", "hundreds". */
export const COUNT = '(?:\\d[\\d,]*(?: odd)?|a dozen|dozens(?: of)?|scores of|hundreds(?: of)?|thousands(?: of)?|tens(?: of)?|loads of|lots of)';

export function countOf(phrase: string): number {
  if (/hundred/.test(phrase)) return 100;
  if (/thousand/.test(phrase)) return 1000;
  if (/dozens|scores|tens|loads|lots/.test(phrase)) return 24;
  if (/dozen/.test(phrase)) return 12;
  const figure = /\d[\d,]*/.exec(phrase);
  return figure ? Number(figure[0].replace(/,/g, '')) : 0;
}

/**
 * Whether every clause naming AI has someone else as its subject ("nobody asked
 * about AI", "our clients don't care about AI"): the negation there denies
 * their interest, and says nothing of the organisation's own AI. A clause
 * that names the AI as the organisation's own ("customers talk to our LLM
 * assistant") is about it, whoever the subject.
 */
export function speaksOnlyOfOthers(parts: readonly Clause[]): boolean {
  const naming = parts.filter((part) => terms().names('ai', part.words));
  return naming.length > 0 && naming.every((part) => terms().speaksOfOthers(part.words) && !terms().namesOwnAiUse(part.words));
}
