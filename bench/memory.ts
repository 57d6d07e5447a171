import { loadIntentContent } from '../src/intents/content';
import { createRecogniser } from '../src/intents/recogniser';
import { figure, note, section, under } from './report';

/**
 * Issue 12, goal 4: the recogniser reads rounds of distinct utterances (none
 * repeats, so every cache sees something new each time); the heap is measured
 * after a full GC before and after each round. Needs `node --expose-gc`
 * (`npm run bench` passes it).
 *
 * The recogniser is used again after the last measurement on purpose: V8
 * may otherwise collect it (and its caches) early, and the growth would read
 * as nothing whatever the caches did.
 */

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** A distinct, plausible utterance for each n: words from the domain plus an organisation name made of n. */
function utterance(n: number): string {
  const openers = ['how long does certification take for', 'do we need 42001 at', 'what would an audit cost', 'which standard suits', 'can you book a call for'];
  return `${openers[n % openers.length]} ${'org' + n.toString(36)} ${(n * 7919).toString(36)}`;
}

export async function benchMemory(options: { utterances: number; rounds: number }): Promise<void> {
  section(`Memory (goal 4): the recogniser reads ${options.rounds} rounds of ${options.utterances.toLocaleString('en-GB')} distinct utterances; heap after a full GC`);
  if (!gc) {
    note('not measured: run with node --expose-gc (npm run bench does)');
    return;
  }
  const loaded = loadIntentContent();
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const recogniser = await createRecogniser(loaded.content);
  for (let i = 0; i < 500; i += 1) await recogniser.recognise(utterance(-1 - i)); // warm: JIT, first caches
  const growth: number[] = [];
  const before = heapAfterGc();
  let last = before;
  let n = 0;
  for (let r = 0; r < options.rounds; r += 1) {
    for (let i = 0; i < options.utterances; i += 1) await recogniser.recognise(utterance((n += 1)));
    const now = heapAfterGc();
    growth.push((now - last) / 1024 / 1024);
    last = now;
  }
  await recogniser.recognise('keep the recogniser alive until here');
  note(`heap before: ${(before / 1024 / 1024).toFixed(1)} MB; after each round: ${growth.map((g, r) => ((before + growth.slice(0, r + 1).reduce((a, b) => a + b, 0) * 1048576) / 1048576).toFixed(1)).join(', ')} MB`);
  figure(`heap growth per ${options.utterances.toLocaleString('en-GB')} distinct utterances`, growth, 'MB', { digits: 1, goal: under(20, ' MB') });
}
