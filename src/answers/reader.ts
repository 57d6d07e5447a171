import { LRUCache } from 'lru-cache';
import { QUESTION_ORDER, type QuestionId } from '../scoping/questions';
import type { ModelCache } from '../intents/model-cache';
import { readerModels } from './reader-models';
import { trainClassifier, type Ranked, type TextClassifier } from './classifier';
import { clauses, hasContrast, type Clause } from './clauses';
import { loadIntentContent } from '../intents/content';
import { industryExamples } from './entities/industries';
import { loadAnswerExamples, type AnswerExamples } from './examples';
import { isStopword, stem } from './features';
import { isHedged, isTentative } from './hedge';
import { NearestExamples } from './nearest';
import { compact, normalise } from './normalise';
import { maskCustomers, maskOtherStandards, type Masked } from './rules/masks';
import { Vocabulary } from './typos';

/**
 * The trained parts of the reader: a classifier per question, trained from
 * content/answers/<question>.json, and one that tells an answer from anything
 * else (a command, a request, small talk), trained from every answer example
 * against content/answers/not-an-answer.json. Built once, synchronously.
 */

/** Thresholds for isNotAnAnswer: the network's score for "not an answer", and the nearest such example's similarity. */
const NOT_AN_ANSWER_SCORE = 0.7;
const NOT_AN_ANSWER_SIMILARITY = 0.45;
/** Share of its words a command must share with the examples: a message with news in it is more likely an answer. */
const NOT_AN_ANSWER_COVERAGE = 0.8;
const SURELY_A_COMMAND = 0.9;
const SURELY_A_COMMAND_MARGIN = 0.3;

export type CheckReason = 'low-confidence' | 'negation' | 'contrast' | 'in-passing';

/** What a message says, worked out once and shared by the layers. */
export type Context = {
  /** The message as read for this question, after masks.ts took out what is about something else. */
  text: string;
  /** Whether masks.ts took anything out. */
  masked: boolean;
  normalised: string;
  parts: Clause[];
  contrast: boolean;
  negated: boolean;
  hedged: boolean;
  tentative: boolean;
  /** The question's classifier's labels, best first. */
  ranked: Ranked;
  /** The labels of the nearest examples, by similarity, best first. */
  nearest: Ranked;
  /** Share (0..1) of the message's content words the question's classifier has seen. */
  coverage: number;
};


type QuestionReader = { classifier: TextClassifier; nearest: NearestExamples; known: Set<string> };
type AnswerOrNot = { classifier: TextClassifier; nearest: NearestExamples };

/** What trains, in order, when the reader warms up (the answer-or-not readers first: every message asks). */
export type TrainingStep = 'answer-or-not' | QuestionId;
export const TRAINING_STEPS: readonly TrainingStep[] = ['answer-or-not', ...QUESTION_ORDER];

export class Reader {
  private readonly byQuestion = new Map<QuestionId, QuestionReader>();
  private answerOrNotReaders: AnswerOrNot | undefined;
  readonly vocabulary: Vocabulary;
  private readonly wholeMessages: Record<QuestionId, { ambiguous: Set<string>; unanswered: Set<string> }>;
  private readonly prepared = new Map<string, string>();
  /** Messages as prepared (pure): each layer of a turn prepares the same message and its clauses again. */
  private readonly recentlyPrepared = new LRUCache<string, string>({ max: 1000 });
  /** Readings of recent messages (pure once trained, and never changed by their readers): a turn reads one several times. */
  private readonly recentContexts = new LRUCache<string, Context>({ max: 1000 });
  private readonly recentlyJudged = new LRUCache<string, { judged: 'surely' | 'likely' | null }>({ max: 1000 });

  /**
   * `extraSector`: industry titles that train the sector readers only, not the
   * answer-or-not classifier. Each question's readers train on first use, or
   * all at once with train(); see warmUpReader and warmUpReaderInBackground.
   */
  constructor(
    private readonly examples: AnswerExamples,
    private readonly extraSector: Partial<Record<string, string[]>> = {},
    /** Where trained networks are loaded from and kept (see classifier.ts); without it each one trains. */
    private readonly models?: ModelCache,
  ) {
    const allWords = new Set<string>();
    const collect = (text: string) => normalise(text).split(' ').forEach((w) => allWords.add(w));
    for (const q of QUESTION_ORDER) for (const texts of Object.values<string[]>(examples.byQuestion[q])) texts.forEach(collect);
    examples.notAnAnswer.forEach(collect);
    this.vocabulary = new Vocabulary(allWords);
    // Industry titles are spelt right, and their words are not the examples' words: normalised only, never "repaired".
    for (const texts of Object.values(extraSector)) for (const text of texts ?? []) this.prepared.set(text, normalise(text));
    const whole = (texts: string[]) => new Set(texts.map((t) => compact(this.prepare(t))));
    this.wholeMessages = Object.fromEntries(
      QUESTION_ORDER.map((q) => [q, { ambiguous: whole(examples.wholeMessages[q].ambiguous), unanswered: whole(examples.wholeMessages[q].unanswered) }]),
    ) as Reader['wholeMessages'];
  }

  /** Trains one step now if it has not trained yet. */
  train(step: TrainingStep): void {
    if (step === 'answer-or-not') void this.answerOrNot();
    else void this.readersFor(step);
  }

  /** Each example is prepared once, though several readers learn from it. */
  private prepareExample = (text: string): string => {
    let result = this.prepared.get(text);
    if (result === undefined) this.prepared.set(text, (result = this.prepare(text)));
    return result;
  };

  private readersFor(q: QuestionId): QuestionReader {
    let readers = this.byQuestion.get(q);
    if (readers === undefined) {
      const own = this.examples.byQuestion[q] as Record<string, string[]>;
      const byValue = q === 'sector' ? Object.fromEntries(Object.entries(own).map(([v, texts]) => [v, [...texts, ...(this.extraSector[v] ?? [])]])) : own;
      // Measured on the answers: without stop words (but with the few that carry an answer) the readings are surer and more often right.
      const options = { dropStopwords: true };
      const known = new Set<string>();
      for (const texts of Object.values(byValue)) for (const t of texts) for (const w of contentWords(this.prepareExample(t))) known.add(stem(w));
      readers = {
        classifier: trainClassifier(new Map(Object.entries(byValue)), this.prepareExample, options, this.savedAs(q)),
        nearest: new NearestExamples(new Map(Object.entries(byValue)), this.prepareExample, options),
        known,
      };
      this.byQuestion.set(q, readers);
    }
    return readers;
  }

  private answerOrNot(): AnswerOrNot {
    if (this.answerOrNotReaders === undefined) {
      const answers = QUESTION_ORDER.flatMap((q) => Object.values<string[]>(this.examples.byQuestion[q]).flat());
      const examples = new Map([
        ['answer', answers],
        ['other', this.examples.notAnAnswer],
      ]);
      this.answerOrNotReaders = {
        classifier: trainClassifier(examples, this.prepareExample, {}, this.savedAs('answer-or-not')),
        nearest: new NearestExamples(examples, this.prepareExample),
      };
    }
    return this.answerOrNotReaders;
  }

  private savedAs(step: TrainingStep) {
    return this.models ? { models: this.models, name: `answers-${step}` } : undefined;
  }

  /** Normalised, with spelling repaired towards the words of the examples. */
  prepare(text: string): string {
    let result = this.recentlyPrepared.get(text);
    if (result === undefined) this.recentlyPrepared.set(text, (result = this.vocabulary.repair(normalise(text))));
    return result;
  }

  /** 'ambiguous' or 'unanswered' when the whole message is listed as such for the question (content/answers/<question>.json). */
  wholeMessage(question: QuestionId, text: string): 'ambiguous' | 'unanswered' | null {
    const key = compact(this.prepare(text));
    const lists = this.wholeMessages[question];
    return lists.ambiguous.has(key) ? 'ambiguous' : lists.unanswered.has(key) ? 'unanswered' : null;
  }

  private mask(question: QuestionId, text: string): Masked {
    if (question === 'certification') return maskOtherStandards(text);
    if (question === 'sector') return maskCustomers(text, (rest) => contentWords(this.prepare(rest)).some((w) => this.readersFor('sector').known.has(stem(w))));
    return { text, masked: false };
  }

  /** The message's clauses, each with its words normalised and spelling repaired. */
  clauses(text: string): Clause[] {
    return clauses(text, (t) => this.prepare(t));
  }

  context(question: QuestionId, original: string): Context {
    const key = `${question}\u0000${original}`;
    let known = this.recentContexts.get(key);
    if (known === undefined) this.recentContexts.set(key, (known = this.readContext(question, original)));
    return known;
  }

  private readContext(question: QuestionId, original: string): Context {
    const { text, masked } = this.mask(question, original);
    const normalised = this.prepare(text);
    const parts = clauses(text, (t) => this.prepare(t));
    const words = contentWords(normalised);
    const readers = this.readersFor(question);
    const known = readers.known;
    const coverage = words.length === 0 ? 1 : words.filter((w) => known.has(stem(w))).length / words.length;
    return {
      text,
      masked,
      normalised,
      parts,
      contrast: hasContrast(parts),
      negated: parts.some((p) => p.negated),
      hedged: isHedged(normalised),
      tentative: isTentative(normalised),
      ranked: readers.classifier.classify(normalised),
      nearest: readers.nearest.rank(normalised),
      coverage,
    };
  }

  /**
   * Whether the message is a command, a request or small talk rather than an
   * answer: the network says so clearly, the nearest example is one of
   * those, and close, and nearly every word of it is known ("a Lloyd's managing
   * agent" shares "agent" with "talk to an agent", but "Lloyd's" is news:
   * more likely an answer in words the examples lack). 'surely' when it is
   * all but word for word a command; 'likely' when it is only close.
   */
  isNotAnAnswer(text: string): 'surely' | 'likely' | null {
    let known = this.recentlyJudged.get(text);
    if (known === undefined) this.recentlyJudged.set(text, (known = { judged: this.judgeNotAnAnswer(text) }));
    return known.judged;
  }

  private judgeNotAnAnswer(text: string): 'surely' | 'likely' | null {
    const prepared = this.prepare(text);
    const readers = this.answerOrNot();
    const score = readers.classifier.classify(prepared).find((r) => r.label === 'other')?.score ?? 0;
    const ranked = readers.nearest.rank(prepared);
    const other = ranked.find((r) => r.label === 'other')?.score ?? 0;
    const answer = ranked.find((r) => r.label === 'answer')?.score ?? 0;
    if (score < NOT_AN_ANSWER_SCORE || other <= answer || readers.nearest.coverage(prepared) < NOT_AN_ANSWER_COVERAGE) return null;
    // Next to word for word a command ("go back"), and no answer example comes close: a command, whatever a question's reader makes of it.
    if (other >= SURELY_A_COMMAND && other - answer >= SURELY_A_COMMAND_MARGIN) return 'surely';
    return other >= NOT_AN_ANSWER_SIMILARITY ? 'likely' : null;
  }
}

function contentWords(normalised: string): string[] {
  return normalised.split(' ').filter((w) => w !== '.' && /[a-z]/.test(w) && !isStopword(w));
}

let shared: Reader | undefined;

/** The reader trained from content/answers/, built on first use (its networks from reader-models.ts's cache). A broken content file throws with its name. */
export function reader(): Reader {
  shared ??= createReader({ models: readerModels() });
  return shared;
}

/**
 * Loads the content (content/answers, the commands of content/intents, the
 * industry data) and makes a new reader, whose networks are loaded from
 * `models` when trained from exactly the same examples, else trained there.
 */
export function createReader(options: { models?: ModelCache } = {}): Reader {
  const loaded = loadAnswerExamples();
  if (!loaded.ok) throw new Error(`content/answers is not valid:\n${loaded.errors.join('\n')}`);
  // Commands and small talk from the intents' content (content/intents) also teach what is not an answer.
  const intents = loadIntentContent();
  if (!intents.ok) throw new Error(`content/intents is not valid:\n${intents.errors.join('\n')}`);
  for (const entry of Object.values(intents.content.intents)) loaded.examples.notAnAnswer.push(...entry.phrases);
  return new Reader(loaded.examples, industryExamples(), options.models);
}
