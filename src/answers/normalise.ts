/**
 * Turns whatever a person typed into one plain form the reader works on:
 * lower case, no markup or emoji, contractions and spoken forms spelled out
 * (content/answers/spoken.json: "nowt" → "nothing"), hyphens
 * and slashes as spaces, clause punctuation kept as " . ", single spaces.
 *
 *   "We’re <b>NOT</b> ISO/IEC 27001:2022-certified 🙂" → "we are not 27001 certified"
 */

import { LRUCache } from 'lru-cache';
import { loadSpokenForms, type Rewrite } from './spoken';

/** Longer messages are not answers to a button question; they are not read further. */
export const MAX_ANSWER_CHARS = 1000;

const CONTRACTIONS: readonly (readonly [RegExp, string])[] = [
  [/\bcan'?t\b|\bcannot\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/\bain'?t\b/g, 'is not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|would|should|could|must|need)n'?t\b/g, '$1 not'],
  [/\b(we|they|you)'re\b/g, '$1 are'],
  [/\bi'?m\b/g, 'i am'],
  [/\b(i|we|they|you)'ve\b/g, '$1 have'],
  [/\b(it|that|there|what|who|how|here|where|which|nobody|nothing|noone|no one|everybody|everyone|everything|somebody|someone|something)'s\b/g, '$1 is'],
  [/\b(i|we|they|you|it|that)'ll\b/g, '$1 will'],
  [/\b(i|we|they|you)'d\b/g, '$1 would'],
];

let spoken: Rewrite | undefined;

/**
 * normalise is pure, and one message is normalised several times a turn (the
 * answer reader's layers, the facts reader, each clause): the results of
 * recent texts are kept.
 */
const recent = new LRUCache<string, string>({ max: 1000 });

export function normalise(text: string): string {
  let known = recent.get(text);
  if (known === undefined) recent.set(text, (known = normaliseNow(text)));
  return known;
}

function normaliseNow(text: string): string {
  let t = text.slice(0, MAX_ANSWER_CHARS * 2).toLowerCase();
  t = t
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/&(?:[a-z]{2,8}|#\d{1,6});/g, ' ')
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  for (const [pattern, replacement] of CONTRACTIONS) t = t.replace(pattern, replacement);
  spoken ??= loadSpokenForms();
  t = spoken(t);
  t = t
    // Spoken forms of yes and no, one spelling each: "yeah", "yep" → yes; "nope", "nah" → no.
    .replace(/\b(?:yeah|yeh|yep|yup|yea|ya|aye)\b/g, 'yes')
    .replace(/\b(?:nope|nah|naw|nay)\b/g, 'no')
    // "ISO/IEC 27001:2022", "iso27001", "27k" → "27001"
    .replace(/\biso\s*(?:\/\s*)?(?:iec\s*)?(\d{4,5})(?:\s*:\s*20\d\d)?/g, ' $1 ')
    .replace(/\b(\d{4,5})\s*:\s*20\d\d\b/g, '$1')
    .replace(/\b(?:iso\s*)?27k\b/g, '27001')
    .replace(/\b(?:iso\s*)?42k\b/g, '42001')
    .replace(/'/g, '')
    .replace(/[^a-z0-9#&+\s.,;:!?]/g, ' ')
    .replace(/[.,;:!?]+/g, ' . ')
    .replace(/\s+/g, ' ')
    .trim();
  return t;
}

/** The normalised text without clause marks, for whole-message comparisons. */
export function compact(normalised: string): string {
  return normalised.replace(/ ?\. ?/g, ' ').trim();
}
