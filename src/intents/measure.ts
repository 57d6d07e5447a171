import { loadIntentContent, phrasesByIntent } from './content';
import { createRecogniser } from './recogniser';

/**
 * Start-up and per-turn cost of the recogniser, for `npm run bench`
 * (targets: train < 1 s, < 2 ms per utterance). The utterances are the
 * content's own phrases, lightly varied so nlp.js's result cache is not hit.
 */
export async function measureRecogniser(): Promise<{ trainMs: number; perUtteranceMs: number; utterances: number }> {
  const loaded = loadIntentContent();
  if (!loaded.ok) throw new Error(`intent content is invalid:\n${loaded.errors.join('\n')}`);

  const trainStart = performance.now();
  const recogniser = await createRecogniser(loaded.content);
  const trainMs = performance.now() - trainStart;

  const texts = [
    ...phrasesByIntent(loaded.content).flatMap(({ phrases }) => phrases),
    ...loaded.content.outOfScope.phrases,
  ].map((phrase, i) => `${phrase} ${i % 2 === 0 ? 'please' : 'then'}`);
  await recogniser.recognise('warm up');

  const start = performance.now();
  for (const text of texts) await recogniser.recognise(text);
  const perUtteranceMs = (performance.now() - start) / texts.length;
  return { trainMs: round(trainMs), perUtteranceMs: round(perUtteranceMs), utterances: texts.length };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
