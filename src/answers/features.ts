import { StemmerEn, StopwordsEn } from '@nlpjs/lang-en-min';

/**
 * The features a classifier sees for one normalised text (see normalise.ts):
 * word stems, pairs of neighbouring stems, and negation marked on every word
 * in its scope, so "nobody asked about AI" gives `not_ai`, a different feature
 * from the `ai` of "they asked about AI". A negation's scope runs from the
 * negating word to the end of its clause (a clause mark, or a joining word
 * such as "but" or "and").
 *
 *   "we do not use ai . it is banned" → do, not, not_use, not_ai, it, is, ban, …
 */

const NEGATORS = new Set([
  'not', 'no', 'never', 'nobody', 'none', 'nothing', 'neither', 'nor', 'without', 'hardly', 'barely',
  'nah', 'nope', 'zero', 'zilch', 'nowt', 'nil', 'noone', 'nowhere',
]);
/** Words that end a negation's scope: a new clause starts after them. */
const SCOPE_ENDS = new Set(['.', 'but', 'and', 'so', 'though', 'although', 'however', 'except', 'yet', 'because', 'as', 'while', 'whereas']);
/** "not only", "no doubt", "not just": negators that do not deny what follows. */
const NOT_DENYING = new Set(['only', 'just', 'doubt', 'longer', 'less', 'more', 'problem']);

const stemmer = new StemmerEn();
const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^[a-z]+$/.test(word) && word.length > 3 ? (stemmer.stem(word) as string) : word;
    if (stemCache.size < 20000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

export function isNegator(word: string): boolean {
  return NEGATORS.has(word);
}

/** Stems with negation marked, in order, clause marks kept as ".". */
export function markedStems(normalised: string): string[] {
  const out: string[] = [];
  let negated = false;
  const words = normalised.split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (SCOPE_ENDS.has(word) && !(word === 'yet' && negated && words[i - 1] === 'not')) {
      negated = false;
      out.push(word);
      continue;
    }
    if (NEGATORS.has(word)) {
      out.push(word);
      negated = !NOT_DENYING.has(words[i + 1] ?? '');
      continue;
    }
    const stemmed = stem(word);
    out.push(negated ? `not_${stemmed}` : stemmed);
  }
  return out;
}

const stopwords = new StopwordsEn();
/** Stop words that still carry an answer: having ("we have it"), degree ("very", "only"), quantity ("all", "some") and denial ("never"). */
const MEANINGFUL = new Set(['have', 'has', 'had', 'do', 'does', 'did', 'never', 'very', 'only', 'all', 'some', 'few', 'more', 'most', 'much', 'too', 'any', 'same', 'other', 'own', 'well', 'still', 'now', 'before', 'after', 'further', 'over', 'under', 'until', 'since', 'again', 'out', 'up', 'can', 'cannot', 'could', 'would', 'should', 'might', 'must', 'but', 'so', 'because', 'if']);

/** Whether a word carries little meaning of its own ("we", "the", "our"), from nlp.js's English list. */
export function isStopword(word: string): boolean {
  return stopwords.isStopword(word) && !MEANINGFUL.has(word);
}

export type FeatureOptions = {
  /**
   * Leave out stop words ("we run a hospice" is about the hospice, not "we"),
   * except the few that carry an answer (MEANINGFUL: "very", "only", "never").
   * Commands keep them all ("what can you do").
   */
  dropStopwords?: boolean;
};

/** The feature set: marked stems and neighbouring pairs within a clause. */
export function features(normalised: string, options: FeatureOptions = {}): Record<string, 1> {
  const feats: Record<string, 1> = {};
  const source = options.dropStopwords ? normalised.split(' ').filter((w) => !isStopword(w)).join(' ') : normalised;
  const marked = markedStems(source);
  let previous: string | null = null;
  for (const token of marked) {
    if (token === '.') {
      previous = null;
      continue;
    }
    feats[token] = 1;
    if (previous !== null) feats[`${previous}+${token}`] = 1;
    previous = token;
  }
  return feats;
}
