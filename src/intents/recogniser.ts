// The parts of nlp.js, not @nlpjs/basic: that one also loads a logger that
// prints a deprecation warning at start-up and is never used here.
import { containerBootstrap } from '@nlpjs/core-loader';
import { LangEn } from '@nlpjs/lang-en';
import { Nlp } from '@nlpjs/nlp';
import { LRUCache } from 'lru-cache';
import { forgetEvery } from './bounded-nlp';
import { contractOf, phrasesByIntent } from './content';
import type { IntentContent } from './content';
import { isIntentId } from './ids';
import { modelKey, type ModelCache } from './model-cache';
import type { IntentId } from './ids';
import { normaliseUtterance } from './normalise';
import { instructsTheBot } from './instructions';
import { isNotOurs } from './not-ours';

/**
 * The offline recogniser: nlp.js trained at start-up from content/, with the
 * out-of-scope phrases as its `None` class. Given a model cache, a model
 * trained from exactly the same documents is loaded instead of trained again.
 */

/**
 * Below this score the best in-scope intent is not trusted: the text is out of
 * scope, with "did you mean …?" from SUGGESTION_FLOOR up. 0.5 was tried on a
 * held-out set written without seeing the content (110 messages): two more
 * right answers, but two more wrong ones where "did you mean" had been offered,
 * so it stays at 0.6.
 */
export const DEFAULT_THRESHOLD = 0.6;
/** Candidates at or above this score are worth offering as "did you mean …?". */
export const SUGGESTION_FLOOR = 0.15;

const NONE = 'None';
const LOCALE = 'en';
const MAX_CANDIDATES = 3;
/** Readings kept for texts that repeat (button labels, "yes", "book a call"). */
const REMEMBERED_READINGS = 2_000;
/** nlp.js's own caches are emptied this often, so memory stays flat however many distinct texts arrive. */
const FORGET_NLP_CACHES_EVERY = 2_000;

export type IntentMatch = {
  /** The recognised intent, or null when the text is out of scope or too uncertain. */
  intent: IntentId | null;
  /** The id of intents.md it stands for (an added FAQ id reports the id it refines): what classify and the evaluation report. */
  contract: IntentId | null;
  /** Score (0..1) of the best in-scope intent, whether or not it cleared the threshold. */
  confidence: number;
  /** Up to three in-scope intents with a non-zero score, best first (for "did you mean …?"). */
  candidates: { intent: IntentId; score: number }[];
};

export interface Recogniser {
  readonly threshold: number;
  recognise(text: string): Promise<IntentMatch>;
}

export type RecogniserOptions = {
  threshold?: number;
  /** Where trained models are kept (see model-cache.ts); without one the recogniser always trains. */
  models?: ModelCache;
};

export async function createRecogniser(content: IntentContent, options: RecogniserOptions = {}): Promise<Recogniser> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const nlp = await trainedNlp(content, options.models);
  const nlpCaches = forgetEvery(nlp, LOCALE, FORGET_NLP_CACHES_EVERY);
  const remembered = new LRUCache<string, IntentMatch>({ max: REMEMBERED_READINGS });

  const read = async (utterance: string): Promise<IntentMatch> => {
    nlpCaches.tick();
    const result = await nlp.process(LOCALE, utterance);
    const ranked = [...(result.classifications ?? [])].sort((a, b) => b.score - a.score);
    const candidates = ranked
      .filter((c): c is { intent: IntentId; score: number } => isIntentId(c.intent) && c.score > 0)
      .slice(0, MAX_CANDIDATES)
      .map((c) => ({ intent: c.intent, score: round(c.score) }));
    const best = candidates[0];
    const top = ranked[0];
    const inScope = best !== undefined && top?.intent !== NONE && best.score >= threshold;
    const intent = inScope && !isNotOurs(best.intent, utterance) && !instructsTheBot(utterance) ? best.intent : null;
    return { intent, contract: intent && contractOf(content, intent), confidence: best?.score ?? 0, candidates };
  };

  return {
    threshold,
    async recognise(text: string): Promise<IntentMatch> {
      const utterance = normaliseUtterance(text);
      if (!/[\p{L}\p{N}]/u.test(utterance)) return { intent: null, contract: null, confidence: 0, candidates: [] };
      let match = remembered.get(utterance);
      if (!match) remembered.set(utterance, (match = await read(utterance)));
      // A copy: callers own what they are given.
      return { ...match, candidates: match.candidates.map((c) => ({ ...c })) };
    },
  };
}

const NLU_SETTINGS = {
  keepStopwords: true,
  nonefeatureValue: 1,
  nonedeltaMultiplier: 1.2,
  spellCheck: true,
  spellCheckDistance: 1,
  filterZeros: true,
  log: false,
};

async function trainedNlp(content: IntentContent, models: ModelCache | undefined) {
  const container = await containerBootstrap();
  // Registered before nlp.js registers its own defaults, which then do not overwrite these.
  container.registerConfiguration('nlp', {
    autoSave: false,
    autoLoad: false,
    log: false,
    threshold: 0,
    calculateSentiment: false,
    modelFileName: 'unused.nlp',
  });
  container.registerConfiguration('nlu-??', { ...NLU_SETTINGS });
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp');
  nlp.addLanguage(LOCALE);
  const documents: [string, string][] = [
    ...phrasesByIntent(content).flatMap(({ intent, phrases }) => phrases.map((phrase): [string, string] => [normaliseUtterance(phrase), intent])),
    ...content.outOfScope.phrases.map((phrase): [string, string] => [normaliseUtterance(phrase), NONE]),
  ];
  const key = modelKey('intents', { documents, settings: NLU_SETTINGS });
  const saved = models?.read(key);
  if (saved !== undefined) {
    nlp.fromJSON(saved);
    return nlp;
  }
  for (const [utterance, intent] of documents) nlp.addDocument(LOCALE, utterance, intent);
  await nlp.train();
  models?.write(key, nlp.toJSON());
  return nlp;
}

const round = (score: number) => Math.round(score * 1000) / 1000;
