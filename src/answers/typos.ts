/**
 * Light spelling repair against the vocabulary of the reader's examples, so
 * "certifed" and "goverment" still read. Only words of six letters or more are
 * touched (measured: at five, real words were "repaired" into others, "leans"
 * into "loans"), only towards a single nearest vocabulary word, and never a
 * word that merely extends a known stem ("certifying" stays as typed).
 *
 *   vocabulary { certified, government } : "certifed" → "certified"; "goverment" → "government"
 */
const MIN_LENGTH = 6;

/** Common words that sit one letter from a vocabulary word and must stay as typed. */
const KEEP = new Set([
  'about', 'their', 'there', 'these', 'those', 'which', 'where', 'would', 'could', 'should', 'using', 'users',
  'years', 'trusts', 'loans', 'plans', 'tested', 'rested', 'later', 'early', 'clear', 'still', 'might',
  'basis', 'based', 'close', 'doing', 'being', 'things', 'thing', 'think', 'right', 'light', 'asked', 'asking',
  'works', 'worked', 'lives', 'lived', 'tries', 'tried', 'media', 'medic', 'state', 'store', 'stores',
]);

export class Vocabulary {
  private readonly words: Set<string>;
  private readonly stems: string[];
  private readonly cache = new Map<string, string>();

  constructor(words: Iterable<string>) {
    this.words = new Set([...words].filter((word) => /^[a-z]+$/.test(word) && word.length >= MIN_LENGTH - 1));
    this.stems = [...this.words];
  }

  /** Repairs each word of an already normalised text. */
  repair(normalised: string): string {
    return normalised
      .split(' ')
      .map((word) => this.repairWord(word))
      .join(' ');
  }

  private repairWord(word: string): string {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word) || this.words.has(word) || KEEP.has(word)) return word;
    const known = this.cache.get(word);
    if (known !== undefined) return known;
    let best = word;
    if (!this.stems.some((stem) => word.startsWith(stem))) {
      const limit = word.length >= 9 ? 2 : 1;
      let bestDistance = limit + 1;
      let tie = false;
      for (const candidate of this.stems) {
        if (Math.abs(candidate.length - word.length) > limit) continue;
        if (candidate[0] !== word[0] && candidate[0] !== word[1]) continue;
        const distance = editDistance(word, candidate, limit);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = candidate;
          tie = false;
        } else if (distance === bestDistance && candidate !== best) {
          tie = true;
        }
      }
      if (tie || bestDistance > limit) best = word;
    }
    if (this.cache.size < 5000) this.cache.set(word, best);
    return best;
  }
}

/**
 * Optimal string alignment distance (edits, with adjacent swaps counting one),
 * giving up early once every path exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previousPrevious[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length];
}
