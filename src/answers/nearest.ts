import { features, type FeatureOptions } from './features';
import type { Ranked } from './classifier';

/**
 * Nearest examples by TF-IDF cosine similarity over the same features the
 * classifier uses. Where the network weighs every word of a rare example a
 * little, this lets one rare, telling word decide ("hospices" in the industry
 * titles and "we run a hospice"), and it says how close the nearest example
 * is, which is a plain measure of how well the examples cover a message.
 */

type Vector = Map<string, number>;

export class NearestExamples {
  private readonly idf = new Map<string, number>();
  private readonly vectors: { label: string; vector: Vector; norm: number }[] = [];
  private readonly index = new Map<string, number[]>();

  constructor(
    examples: ReadonlyMap<string, readonly string[]>,
    prepare: (text: string) => string,
    private readonly options: FeatureOptions = {},
  ) {
    const documents: { label: string; keys: string[] }[] = [];
    const frequency = new Map<string, number>();
    for (const [label, texts] of examples) {
      for (const text of texts) {
        const keys = Object.keys(features(prepare(text), options));
        if (keys.length === 0) continue;
        documents.push({ label, keys });
        for (const key of keys) frequency.set(key, (frequency.get(key) ?? 0) + 1);
      }
    }
    for (const [key, count] of frequency) this.idf.set(key, Math.log(1 + documents.length / count));
    documents.forEach(({ label, keys }, i) => {
      const vector: Vector = new Map(keys.map((key) => [key, this.idf.get(key) ?? 0]));
      this.vectors.push({ label, vector, norm: norm(vector) });
      for (const key of keys) {
        const postings = this.index.get(key) ?? [];
        postings.push(i);
        this.index.set(key, postings);
      }
    });
  }

  /** Share (0..1) of the message's words (not word pairs) that some example has. */
  coverage(normalised: string): number {
    const words = Object.keys(features(normalised, this.options)).filter((key) => !key.includes('+'));
    if (words.length === 0) return 0;
    return words.filter((key) => this.idf.has(key)).length / words.length;
  }

  /** Labels by their nearest example's similarity (0..1), best first; empty when nothing is shared. */
  rank(normalised: string): Ranked {
    const query: Vector = new Map();
    for (const key of Object.keys(features(normalised, this.options))) {
      const idf = this.idf.get(key);
      if (idf !== undefined) query.set(key, idf);
    }
    if (query.size === 0) return [];
    const queryNorm = norm(query);
    const dots = new Map<number, number>();
    for (const [key, weight] of query) {
      for (const i of this.index.get(key) ?? []) dots.set(i, (dots.get(i) ?? 0) + weight * (this.vectors[i].vector.get(key) ?? 0));
    }
    const best = new Map<string, number>();
    for (const [i, dot] of dots) {
      const { label, norm: n } = this.vectors[i];
      const similarity = dot / (queryNorm * n);
      if (similarity > (best.get(label) ?? 0)) best.set(label, similarity);
    }
    return [...best.entries()].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
  }
}

function norm(vector: Vector): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}
