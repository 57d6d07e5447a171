import fs from 'node:fs';
import path from 'node:path';
import { isIntentId } from './ids';
import type { IntentId } from './ids';
import type { Recogniser } from './recogniser';

/** The development set of shared/spec/intents.md: `text<TAB>intent`, `-` for out of scope. */
export const DEFAULT_EVAL_SET = path.resolve(__dirname, '../../../shared/eval/intents-dev.tsv');

export type LabelledText = { text: string; expected: IntentId | null };
export type Confusion = { expected: IntentId | null; got: IntentId | null; count: number };
export type Evaluation = {
  count: number;
  inScope: { count: number; correct: number; accuracy: number };
  outOfScope: { count: number; recall: number; precision: number };
  confusions: Confusion[];
  misses: { text: string; expected: IntentId | null; got: IntentId | null; confidence: number }[];
};

export type ReadResult = { ok: true; rows: LabelledText[] } | { ok: false; errors: string[] };

/** Reads the TSV; a header line `text<TAB>intent` is skipped, an unknown intent id is an error. */
export function readLabelledTexts(file: string): ReadResult {
  const errors: string[] = [];
  const rows: LabelledText[] = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '' || (i === 0 && /^text\tintent$/i.test(line.trim()))) return;
    const [text, label] = line.split('\t').map((cell) => cell?.trim());
    if (!text || !label) return void errors.push(`${file}:${i + 1}: expected text<TAB>intent`);
    if (label !== '-' && !isIntentId(label)) return void errors.push(`${file}:${i + 1}: unknown intent ${label}`);
    rows.push({ text, expected: label === '-' ? null : (label as IntentId) });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

export async function evaluate(recogniser: Recogniser, rows: LabelledText[]): Promise<Evaluation> {
  let inScope = 0;
  let correct = 0;
  let outOfScope = 0;
  let nullWhenOutOfScope = 0;
  let predictedNull = 0;
  const confusions = new Map<string, Confusion>();
  const misses: Evaluation['misses'] = [];
  for (const { text, expected } of rows) {
    const recognised = await recogniser.recognise(text);
    // Scored on the contract ids of intents.md: an added FAQ id counts as the id it refines.
    const match = { ...recognised, intent: recognised.contract };
    if (match.intent === null) predictedNull += 1;
    if (expected === null) {
      outOfScope += 1;
      if (match.intent === null) nullWhenOutOfScope += 1;
    } else {
      inScope += 1;
      if (match.intent === expected) correct += 1;
    }
    if (match.intent !== expected) {
      misses.push({ text, expected, got: match.intent, confidence: match.confidence });
      const key = `${expected ?? '-'}→${match.intent ?? '-'}`;
      const entry = confusions.get(key) ?? { expected, got: match.intent, count: 0 };
      entry.count += 1;
      confusions.set(key, entry);
    }
  }
  return {
    count: rows.length,
    inScope: { count: inScope, correct, accuracy: ratio(correct, inScope) },
    outOfScope: {
      count: outOfScope,
      recall: ratio(nullWhenOutOfScope, outOfScope),
      precision: ratio(nullWhenOutOfScope, predictedNull),
    },
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
    misses,
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
