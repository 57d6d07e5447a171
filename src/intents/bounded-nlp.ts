/**
 * nlp.js memoises as it goes and never lets go: its stemmer keeps every word
 * it has stemmed, and its tokenizer and NLU keep every text they have seen
 * until the first call more than an hour after the cache was made. On a
 * server that reads every visitor's message that is about 1 KB per distinct
 * utterance, without bound (10k messages ≈ 10 MB, a busy year gigabytes).
 *
 * `forgetEvery` empties those caches after a fixed number of readings, so
 * they hold at most that many utterances' worth. They only save recomputing a
 * text seen before, which the recogniser's own LRU of results (recogniser.ts)
 * already does for the texts that really repeat (button labels, "yes").
 */

/** The parts of an nlp.js container that carry these caches (untyped in nlp.js). */
interface NlpWithCaches {
  container: { get(name: string): unknown };
  nluManager?: { domainManagers?: Record<string, { domains?: Record<string, unknown> }> };
}

export interface CacheForgetter {
  /** Call once per reading; empties the caches every `every` readings. */
  tick(): void;
  /** Empties them now. */
  forget(): void;
}

export function forgetEvery(nlp: unknown, locale: string, every: number): CacheForgetter {
  const target = nlp as NlpWithCaches;
  let readings = 0;
  const forget = () => {
    readings = 0;
    const stemmer = target.container.get(`stemmer-${locale}`) as { cache?: object } | undefined;
    if (stemmer?.cache) stemmer.cache = {};
    // The tokenizer rebuilds its cache object when it finds none.
    const tokenizer = target.container.get(`tokenizer-${locale}`) as { cache?: object } | undefined;
    if (tokenizer?.cache) tokenizer.cache = undefined;
    const domains = target.nluManager?.domainManagers?.[locale]?.domains ?? {};
    for (const nlu of Object.values(domains) as { cache?: { results?: object } }[]) {
      if (nlu.cache?.results) nlu.cache.results = {};
    }
  };
  return {
    tick() {
      readings += 1;
      if (readings >= every) forget();
    },
    forget,
  };
}
