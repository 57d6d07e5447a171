import { containerBootstrap } from '@nlpjs/core-loader';
import { LangEn } from '@nlpjs/lang-en';
import { Nlp } from '@nlpjs/nlp';
import { forgetEvery } from './bounded-nlp';

/**
 * nlp.js's caches are internal fields; this specifies that forgetEvery finds
 * and empties them, so an nlp.js upgrade that moves them fails here instead
 * of silently growing the server's heap again.
 */

type Internals = {
  container: { get(name: string): { cache?: Record<string, unknown> & { normalized?: object } } };
  nluManager: { domainManagers: Record<string, { domains: Record<string, { cache?: { results?: Record<string, object> } }> }> };
  process(locale: string, text: string): Promise<unknown>;
};

async function trainedNlp(): Promise<Internals> {
  const container = await containerBootstrap();
  container.registerConfiguration('nlp', { autoSave: false, autoLoad: false, log: false, modelFileName: 'unused.nlp' });
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp');
  nlp.addLanguage('en');
  for (const phrase of ['hello there', 'hi', 'good morning', 'hey you']) nlp.addDocument('en', phrase, 'greet');
  for (const phrase of ['how long does it take', 'what is the timeline', 'how many weeks', 'duration']) nlp.addDocument('en', phrase, 'timeline');
  await nlp.train();
  return nlp as unknown as Internals;
}

const sizes = (nlp: Internals) => ({
  stems: Object.keys(nlp.container.get('stemmer-en').cache ?? {}).length,
  tokenized: Object.keys(nlp.container.get('tokenizer-en').cache?.normalized ?? {}).length,
  results: Object.values(nlp.nluManager.domainManagers.en.domains).reduce((n, nlu) => n + Object.keys(nlu.cache?.results?.en ?? {}).length, 0),
});

describe("forgetEvery bounds nlp.js's caches", () => {
  it('without it, every distinct text stays in the stemmer, tokenizer and NLU caches', async () => {
    const nlp = await trainedNlp();
    for (let i = 0; i < 60; i += 1) await nlp.process('en', `how long for company number${i}`);
    const grown = sizes(nlp);
    expect(grown.stems).toBeGreaterThanOrEqual(60);
    expect(grown.tokenized).toBeGreaterThanOrEqual(60);
    expect(grown.results).toBeGreaterThanOrEqual(60);
  });

  it('with it, they never hold more than the readings since the last forget', async () => {
    const nlp = await trainedNlp();
    const caches = forgetEvery(nlp, 'en', 10);
    for (let i = 0; i < 60; i += 1) {
      caches.tick();
      await nlp.process('en', `how long for company number${i}`);
      const now = sizes(nlp);
      // A reading may leave two entries (nlp.js prepares the text in more than one step).
      expect(now.tokenized).toBeLessThanOrEqual(10 * 2);
      expect(now.results).toBeLessThanOrEqual(10 * 2);
      // Each text adds its distinct words: "company", "number<i>", …
      expect(now.stems).toBeLessThanOrEqual(10 * 6);
    }
  });

  it('still classifies the same after forgetting', async () => {
    const nlp = await trainedNlp();
    const caches = forgetEvery(nlp, 'en', 1000);
    const before = await nlp.process('en', 'how many weeks does it take');
    caches.forget();
    expect(sizes(nlp)).toEqual({ stems: 0, tokenized: 0, results: 0 });
    expect(await nlp.process('en', 'how many weeks does it take')).toEqual(before);
  });
});
