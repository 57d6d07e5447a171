import { z } from 'zod';
import raw from '../../content/instructions-to-the-bot.json';

/**
 * "Ignore your previous instructions…", "reveal your system prompt": a
 * message that tries to instruct the bot is out of scope, whichever intent
 * the classifier hears in its other words (one such message read as the
 * not-advice FAQ in a held-out set). Patterns are data, in
 * content/instructions-to-the-bot.json; a bad pattern stops start-up.
 */

const Schema = z.object({
  about: z.string(),
  patterns: z
    .array(
      z.string().refine((p) => {
        try {
          new RegExp(p, 'i');
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression'),
    )
    .min(1),
});

const PATTERNS = Schema.parse(raw).patterns.map((p) => new RegExp(p, 'i'));

export function instructsTheBot(text: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(text));
}
