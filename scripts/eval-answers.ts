/**
 * `npm run eval:answers [file.tsv] [--misses]`: scores the answer reader on the
 * development set of typed answers (for measuring and error analysis, never
 * training data). Prints accuracy per question and overall, and the counts of
 * wrong answers recorded silently, wrong but confirmed first, not understood,
 * and right but confirmed first. --misses lists every line not plainly right.
 */
import path from 'node:path';
import { DEFAULT_ANSWERS_SET, evaluateAnswers, readLabelledAnswers, type Tally } from '../src/answers/evaluate';
import { warmUpReader } from '../src/answers/interpret';
import { runMain } from './run-main';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);
const row = (name: string, t: Tally) =>
  `${name.padEnd(18)} ${pct(t.accuracy)}  ${String(t.count).padStart(5)} ${String(t.correct).padStart(8)} ${String(t.confirmed).padStart(10)} ${String(t.wrong).padStart(7)} ${String(t.flagged).padStart(8)} ${String(t.missed).padStart(7)}`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = path.resolve(args.find((a) => !a.startsWith('--')) ?? DEFAULT_ANSWERS_SET);
  const set = readLabelledAnswers(file);
  if (!set.ok) {
    set.errors.forEach((e) => console.error(e));
    return 1;
  }
  warmUpReader();
  const result = evaluateAnswers(set.rows);
  console.log(`eval set: ${path.relative(process.cwd(), file)}`);
  console.log(`${'question'.padEnd(18)} ${'correct'.padStart(6)}  lines  records  confirmed  WRONG  flagged  missed`);
  for (const [question, tally] of Object.entries(result.byQuestion)) console.log(row(question, tally));
  console.log(row('overall', result.overall));
  console.log('');
  console.log(`correct (right, recorded or confirmed first): ${pct(result.overall.accuracy).trim()}`);
  console.log(`wrong, recorded without a confirm line:       ${result.overall.wrong}`);
  console.log(`wrong, but confirmed first:                   ${result.overall.flagged}`);
  console.log(`not understood:                               ${result.overall.missed}`);
  console.log(`right, confirmed first:                       ${result.overall.confirmed}`);
  if (args.includes('--misses')) {
    for (const line of result.lines) {
      if (line.bucket === 'correct') continue;
      console.log(`  ${line.bucket.padEnd(9)} ${line.row.question} ${JSON.stringify(line.row.text)} expected ${line.row.expected ?? '-'} got ${line.got}`);
    }
  }
  return 0;
}

runMain(main);
