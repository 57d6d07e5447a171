import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalise } from '../normalise';

/**
 * Subjects a clause can name, from content/answers/terms.json: AI, security
 * evidence, certification, procurement, reliance on AI, security controls. Terms are matched whole-word on normalised text.
 */

export type Subject = 'ai' | 'security' | 'certification' | 'procurement' | 'reliance' | 'infosec' | 'impact' | 'judgement';
const SUBJECTS: readonly Subject[] = ['ai', 'security', 'certification', 'procurement', 'reliance', 'infosec', 'impact', 'judgement'];

const list = z.array(z.string().min(1)).min(1);
const TermsSchema = z.strictObject({ about: z.string(), ai: list, security: list, certification: list, procurement: list, reliance: list, infosec: list, impact: list, judgement: list, aiNotUse: list, others: list, othersModifiers: list });
/** Words that may open a clause before its subject. */
const FILLERS = ['and', 'so', 'yet', 'also', 'though', 'even', 'still', 'but', 'as yet', 'so far', 'actually', 'honestly'];
export const DEFAULT_TERMS_FILE = path.resolve(__dirname, '../../../content/answers/terms.json');

export class Terms {
  private readonly terms: Record<Subject, string[]>;

  constructor(file: string = DEFAULT_TERMS_FILE) {
    const content = TermsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const prepare = (list: string[]) => [...new Set(list.map((t) => ` ${normalise(t)} `))];
    this.aiNotUse = prepare(content.aiNotUse);
    const others = content.others.map((t) => normalise(t).replace(/ /g, '\\s'));
    const modifiers = content.othersModifiers.map((t) => normalise(t).replace(/ /g, '\\s'));
    this.othersSubject = new RegExp(`^(?:(?:${FILLERS.join('|')}) )*(?:(?:${modifiers.join('|')}) ){0,4}(?:${others.join('|')})(?: |$)`);
    this.terms = Object.fromEntries(SUBJECTS.map((subject) => [subject, prepare(content[subject])])) as Record<Subject, string[]>;
    const aiTerms = this.terms.ai.map((t) => t.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // Up to two words between: "our new LLM assistant"; never someone else ("our customers use AI" is theirs).
    this.ownAi = new RegExp(` (?:our|my) (?:(?!(?:${others.join('|')}) )\\S+ ){0,2}?(?:${aiTerms.join('|')}) `);
  }

  /** "our LLM assistant", "my AI tool": AI named as the speaker's own. */
  private readonly ownAi: RegExp;

  /**
   * Whether the words name AI as the organisation's own and in use: "customers
   * talk to our LLM assistant" is about its AI even though customers are the
   * subject. Topic phrases ("our AI policy") do not count.
   */
  namesOwnAiUse(words: readonly string[]): boolean {
    return this.ownAi.test(this.withoutTopicPhrases(words));
  }

  /** The words, padded, with AI named only as a topic ("our AI policy") cut out. */
  private withoutTopicPhrases(words: readonly string[]): string {
    let text = ` ${words.join(' ')} `;
    for (const phrase of this.aiNotUse) text = text.split(phrase).join(' | ');
    return text;
  }

  /** Phrases that name AI without saying anything about using it ("AI governance", "the AI Act"). */
  private readonly aiNotUse: string[];

  /** A clause opening on someone else as its subject: "nobody asked…", "none of our clients care…". */
  private readonly othersSubject: RegExp;

  /**
   * Whether the clause is about someone other than the speaker's organisation:
   * its subject is buyers, customers or nobody, so its negation ("nobody asked
   * about AI") denies their interest, not the organisation's AI. "Nobody here
   * uses AI" and "no one in the company…" speak of the organisation itself.
   */
  speaksOfOthers(words: readonly string[]): boolean {
    const text = words.join(' ');
    if (!this.othersSubject.test(text)) return false;
    return !/^(?:(?:and|so|yet|also) )*(?:nobody|no one|noone|none) (?:here|internally|of us|in (?:the|our|my) (?:company|team|business|organisation|organization|firm|office|practice))\b/.test(text);
  }

  /** Whether the words name AI as something used, not only as a topic. */
  namesAiUse(words: readonly string[]): boolean {
    const text = this.withoutTopicPhrases(words);
    return this.terms.ai.some((term) => text.includes(term));
  }

  /** Whether the words (normalised, as in a Clause) name the subject. */
  names(subject: Subject, words: readonly string[]): boolean {
    const text = ` ${words.join(' ')} `;
    return this.terms[subject].some((term) => text.includes(term));
  }
}

let shared: Terms | undefined;
export function terms(): Terms {
  shared ??= new Terms();
  return shared;
}
