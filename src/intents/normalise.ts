/**
 * Rewrites shorthand before the classifier sees a text, so that the few
 * tokens that carry most meaning (the standard numbers) are spelt one way.
 *
 *   "42k1 vs 27k"          → "42001 vs 27001"
 *   "ISO/IEC 42001:2023"   → "iso 42001"
 *   "iso42001 v. 27001"    → "iso 42001 vs 27001"
 *
 * Misspelt ordinary words ("certifcation") are left to nlp.js's spell check,
 * which corrects against the vocabulary it was trained on.
 */
const SHORTHAND: [RegExp, string][] = [
  [/\biso\s*\/\s*iec\b/g, 'iso'],
  [/\b(27|42|47)\s*k\s*1?\b/g, '$1001'],
  [/\biso[-\s]?(\d{4,5})\b/g, 'iso $1'],
  [/\b(\d{4,5}):\d{4}\b/g, '$1'],
  [/\b(v|v\.|vs\.?|versus)(?=\s)/g, 'vs'],
  [/\s+/g, ' '],
];

export function normaliseUtterance(text: string): string {
  let result = text.toLowerCase();
  for (const [pattern, replacement] of SHORTHAND) result = result.replace(pattern, replacement);
  return result.trim();
}
