import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Spoken, regional and shorthand forms ("nowt", "dunno", "govt", "at the mo"),
 * rewritten to one plain spelling from content/answers/spoken.json.
 */

export const DEFAULT_SPOKEN_FILE = path.resolve(__dirname, '../../content/answers/spoken.json');
const SpokenSchema = z.strictObject({
  about: z.string(),
  forms: z.record(z.string().regex(/^[a-z0-9 ]+$/, 'lower case words only'), z.string().regex(/^[a-z0-9 ]*$/, 'lower case words only')),
});

export type Rewrite = (text: string) => string;

export function loadSpokenForms(file: string = DEFAULT_SPOKEN_FILE): Rewrite {
  const { forms } = SpokenSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const keys = Object.keys(forms).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return (text) => text;
  const pattern = new RegExp(`\\b(?:${keys.map((k) => k.replace(/ /g, '\\s+')).join('|')})\\b`, 'g');
  return (text) => text.replace(pattern, (found) => forms[found.replace(/\s+/g, ' ')] ?? found);
}
