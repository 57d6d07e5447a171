import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalise } from '../normalise';

/**
 * Subjects a clause can name, from content/answers/terms.json: AI, and
 * security evidence. Terms are matched whole-word on normalised text.
 */

export type Subject = 'ai' | 'security';

const TermsSchema = z.strictObject({ about: z.string(), ai: z.array(z.string().min(1)).min(1), security: z.array(z.string().min(1)).min(1) });
export const DEFAULT_TERMS_FILE = path.resolve(__dirname, '../../../content/answers/terms.json');

export class Terms {
  private readonly terms: Record<Subject, string[]>;

  constructor(file: string = DEFAULT_TERMS_FILE) {
    const content = TermsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const prepare = (list: string[]) => [...new Set(list.map((t) => ` ${normalise(t)} `))];
    this.terms = { ai: prepare(content.ai), security: prepare(content.security) };
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
