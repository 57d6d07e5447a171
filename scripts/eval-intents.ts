/**
 * `npm run eval:intents [file.tsv] [--misses]`: scores the recogniser on the
 * development set (never training data). Prints figures, the most confused
 * pairs and, with --misses, every miss.
 */
import path from 'node:path';
import { loadIntentContent } from '../src/intents/content';
import { DEFAULT_EVAL_SET, evaluate, readLabelledTexts } from '../src/intents/evaluate';
import { createRecogniser } from '../src/intents/recogniser';
import { runMain } from './run-main';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = path.resolve(args.find((a) => !a.startsWith('--')) ?? DEFAULT_EVAL_SET);
  const content = loadIntentContent();
  if (!content.ok) {
    content.errors.forEach((e) => console.error(e));
    return 1;
  }
  const set = readLabelledTexts(file);
  if (!set.ok) {
    set.errors.forEach((e) => console.error(e));
    return 1;
  }
  const recogniser = await createRecogniser(content.content);
  const result = await evaluate(recogniser, set.rows);

  console.log(`eval set:               ${path.relative(process.cwd(), file)}`);
  console.log(`utterances:             ${result.count} (${result.inScope.count} in scope, ${result.outOfScope.count} out of scope)`);
  console.log(`in-scope accuracy:      ${pct(result.inScope.accuracy)} (${result.inScope.correct}/${result.inScope.count})`);
  console.log(`out-of-scope recall:    ${pct(result.outOfScope.recall)}`);
  console.log(`out-of-scope precision: ${pct(result.outOfScope.precision)}`);
  console.log(`threshold:              ${recogniser.threshold}`);
  console.log('most confused (expected → got):');
  if (result.confusions.length === 0) console.log('  none');
  for (const c of result.confusions.slice(0, 5)) console.log(`  ${c.count} × ${c.expected ?? '-'} → ${c.got ?? '-'}`);
  if (args.includes('--misses')) {
    for (const m of result.misses) console.log(`  miss: ${JSON.stringify(m.text)} expected ${m.expected ?? '-'} got ${m.got ?? '-'} (${m.confidence})`);
  }
  return 0;
}

runMain(main);
