/**
 * Start-up and per-reading cost of the answer reader (src/answers), for
 * `npm run bench` or on its own: `npx tsx bench/understanding.ts`.
 * Targets: training of all questions well under 2 s (it happens question by
 * question on each one's first reading, not at start-up), a reading well under
 * 5 ms (the whole turn budget). The first reading of each question also pays
 * that question's training, reported separately.
 *
 * The texts are the content's own example answers, lightly varied so no cache
 * could answer them, each read as an answer to its question and for facts.
 */
import { loadAnswerExamples } from '../src/answers/examples';
import { readFacts } from '../src/answers/facts';
import { interpretAnswer, warmUpReader } from '../src/answers/interpret';
import { createReader, TRAINING_STEPS } from '../src/answers/reader';
import { QUESTION_ORDER, type QuestionId } from '../src/scoping/questions';

export type UnderstandingCost = { trainMs: number; slowestFirstReadingMs: number; perReadingMs: number; perFactsMs: number; readings: number };

export function measureUnderstanding(): UnderstandingCost {
  const trainStart = performance.now();
  const fresh = createReader();
  let slowestFirstReadingMs = 0;
  for (const step of TRAINING_STEPS) {
    const stepStart = performance.now();
    fresh.train(step);
    slowestFirstReadingMs = Math.max(slowestFirstReadingMs, performance.now() - stepStart);
  }
  const trainMs = performance.now() - trainStart;

  const loaded = loadAnswerExamples();
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const texts: [QuestionId, string][] = QUESTION_ORDER.flatMap((question) =>
    Object.values<string[]>(loaded.examples.byQuestion[question]).flatMap((examples) =>
      examples.map((text, i) => [question, `${text}${i % 2 === 0 ? ' really' : ', i think'}`] as [QuestionId, string]),
    ),
  );
  warmUpReader();
  interpretAnswer('sector', 'warm up');

  const start = performance.now();
  for (const [question, text] of texts) interpretAnswer(question, text);
  const perReadingMs = (performance.now() - start) / texts.length;
  const factsStart = performance.now();
  for (const [, text] of texts) readFacts(text);
  const perFactsMs = (performance.now() - factsStart) / texts.length;
  return { trainMs: round(trainMs), slowestFirstReadingMs: round(slowestFirstReadingMs), perReadingMs: round(perReadingMs), perFactsMs: round(perFactsMs), readings: texts.length };
}

/** Prints the figures beside their targets; nothing is asserted. */
export function reportUnderstanding(): void {
  const cost = measureUnderstanding();
  const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER');
  console.log('\nAnswer reader (bench/understanding.ts)');
  console.log(`  train, all questions  ${cost.trainMs.toFixed(0)} ms   target < 2 s: ${verdict(cost.trainMs < 2000)}`);
  console.log(`  slowest first reading ${cost.slowestFirstReadingMs.toFixed(0)} ms (one question's training, once per process)`);
  console.log(`  per reading           ${cost.perReadingMs.toFixed(3)} ms over ${cost.readings}   target < 5 ms: ${verdict(cost.perReadingMs < 5)}`);
  console.log(`  facts per message     ${cost.perFactsMs.toFixed(3)} ms   target < 5 ms: ${verdict(cost.perFactsMs < 5)}`);
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

if (require.main === module) reportUnderstanding();
