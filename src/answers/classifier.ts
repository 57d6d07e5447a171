import { NeuralNetwork } from '@nlpjs/neural';
import { modelKey, type ModelCache } from '../intents/model-cache';
import { z } from 'zod';
import { features, type FeatureOptions } from './features';

/**
 * A text classifier trained from example texts, synchronously: nlp.js's
 * neural network (the one behind its NLU), driven directly so that training
 * and a reading need no async work. Inputs are the features of features.ts.
 */

export type Ranked = { label: string; score: number }[];

export interface TextClassifier {
  /** Labels by score (0..1, summing to 1), best first; empty when no feature of the text was seen in training. */
  classify(normalised: string): Ranked;
}

/** Fewer passes than nlp.js's default 20 000: measured on the dev set, 50 reads as well as 300 (25 does not) and trains six times faster. */
const SETTINGS = { iterations: 50, log: false };
/** Bumped when the way a classifier is saved or loaded changes (model-cache.ts keeps its own format number too). */
const FORMAT = 1;

/** Where trained networks are kept, and the name each one is kept under ("answers-sector"). */
export type SavedAs = { models: ModelCache; name: string };

export function trainClassifier(
  examples: ReadonlyMap<string, readonly string[]>,
  prepare: (text: string) => string,
  options: FeatureOptions = {},
  saved?: SavedAs,
): TextClassifier {
  const corpus: { input: Record<string, number>; output: Record<string, number> }[] = [];
  const vocabulary = new Set<string>();
  for (const [label, texts] of examples) {
    for (const text of texts) {
      const input = features(prepare(text), options);
      for (const key of Object.keys(input)) vocabulary.add(key);
      corpus.push({ input, output: { [label]: 1 } });
    }
  }
  // Keyed by exactly what training consumes (every example's features and label, in order), the settings and
  // the nlp.js versions: a change to content, preparation or features gives a new key, never a stale network.
  const key = saved ? modelKey(saved.name, { FORMAT, settings: SETTINGS, corpus }) : undefined;
  let network = saved && key ? restore(saved.models.read(key)) : null;
  if (network === null) {
    network = new NeuralNetwork(SETTINGS);
    network.train(corpus);
    if (saved && key) saved.models.write(key, network.toJSON());
  }
  const trained = network;
  const known = (input: Record<string, number>) => Object.keys(input).filter((key) => vocabulary.has(key));

  return {
    classify(normalised) {
      const input = features(normalised, options);
      if (known(input).length === 0) return [];
      const outputs = trained.run(input) ?? {};
      const positive = Object.entries(outputs).map(([label, score]) => ({ label, score: Math.max(0, score) }));
      const total = positive.reduce((sum, c) => sum + c.score, 0);
      if (total === 0) return [];
      return positive.map((c) => ({ label: c.label, score: c.score / total })).sort((a, b) => b.score - a.score);
    },
  };
}

/** A saved network as nlp.js's toJSON writes it: one row of weights per label, the bias last. */
const SavedNetwork = z
  .object({ settings: z.record(z.string(), z.unknown()), features: z.array(z.string()), intents: z.array(z.string()).min(1), perceptrons: z.array(z.array(z.number())) })
  .refine((n) => n.perceptrons.length === n.intents.length && n.perceptrons.every((row) => row.length === n.features.length + 1));

/** The network saved, or null (to train one) when nothing was saved or it is not a network. */
function restore(stored: unknown): NeuralNetwork | null {
  if (stored === undefined || !SavedNetwork.safeParse(stored).success) return null;
  const network = new NeuralNetwork(SETTINGS);
  network.fromJSON(stored);
  return network;
}
