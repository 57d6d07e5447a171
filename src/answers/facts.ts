import { LRUCache } from 'lru-cache';
import { QUESTION_ORDER, type Answers, type QuestionId } from '../scoping/questions';
import type { Clause } from './clauses';
import { gazetteer } from './entities/places';
import { terms, type Subject } from './entities/terms';
import { MAX_ANSWER_CHARS } from './normalise';
import { reader, type CheckReason } from './reader';
import { CONFIDENT, readAs } from './reading';
import { looksLikeQuestion } from './question-shape';

/** Only the start of a very long message is searched for facts. */
export const MAX_FACT_CHARS = MAX_ANSWER_CHARS * 2;
/** A fact read less surely than this is not offered at all. */
const FACT_FLOOR = 0.6;

/** A fact a message states, with how sure the reader is and whether to confirm it first. */
export type FactReading = { question: QuestionId; value: string; confidence: number; check: CheckReason | null };

/**
 * Which clauses can state a fact for a question: those that name its subject
 * (content/answers/terms.json), or for the sector, those that describe the
 * speaker's own organisation ("we're a …", "I work for …"), up to where they
 * turn to whom it serves ("… selling to NHS trusts").
 */
const GATES: Record<QuestionId, (clause: Clause, text: string) => string[] | string | null> = {
  // AI asked about by buyers ("nobody's mentioned AI") says nothing of whether AI is used.
  // Nor does a clause about someone else ("none of our clients care about AI"), negated or not.
  ai_use: (c) =>
    terms().namesAiUse(c.words) && !ASKING.test(c.words.join(' ')) && !terms().names('procurement', c.words) && !terms().speaksOfOthers(c.words)
      ? c.words.join(' ')
      : null,
  certification: (c) => named(c, 'certification'),
  // Rated, not merely named: "our controls are weak", never "we have Cyber Essentials".
  infosec_maturity: (c) =>
    terms().names('infosec', c.words) && terms().names('judgement', c.words) && !terms().names('procurement', c.words) ? c.words.join(' ') : null,
  ai_materiality: (c) => (terms().namesAiUse(c.words) && terms().names('reliance', c.words) && !terms().speaksOfOthers(c.words) ? c.words.join(' ') : null),
  sector: (c) => selfDescriptions(c),
  // Only a clause naming a place: "it's all paper forms here" is no statement about the EU.
  eu_exposure: (c, text) => (gazetteer().find(text.slice(c.start, c.end)).length > 0 ? text.slice(c.start, c.end) : null),
  procurement: (c) => named(c, 'procurement'),
};

/**
 * Beside a clause about buyers, one where someone else denies or mentions AI
 * ("…questionnaires, nobody asked about AI yet") belongs to the same account of
 * what buyers ask: the procurement reading weighs it (and confirms a denial first).
 */
function procurementClauses(parts: Clause[]): string[] {
  const named = parts.filter((c) => terms().names('procurement', c.words));
  if (named.length === 0) return [];
  return parts.filter((c) => named.includes(c) || (terms().speaksOfOthers(c.words) && terms().names('ai', c.words))).map((c) => c.words.join(' '));
}

const ASKING = /\b(?:ask\w*|mention\w*|come up|came up|question\w*|want\w*|requir\w*|request\w*)\b/;

function aboutBuyers(parts: Clause[]): boolean {
  const asked = parts.some((c) => ASKING.test(c.words.join(' ')) || terms().names('procurement', c.words));
  const securityBesideDeniedAi = parts.some((c) => terms().names('security', c.words)) && parts.some((c) => c.negated && terms().names('ai', c.words));
  return asked || securityBesideDeniedAi || /\bai (?:no|never)\b/.test(parts.map((c) => c.words.join(' ')).join(' '));
}

function named(clause: Clause, subject: Subject): string | null {
  return terms().names(subject, clause.words) ? clause.words.join(' ') : null;
}

const SELF = /\b(?:we are|i am|i work (?:for|at|in)|we work in|our (?:company|organisation|organization|business|firm) is|we run|i am from|we are from)\b((?: (?!we |i )[a-z0-9&+]+)+)/g;
/** Where a self-description turns to customers or plans: "a SaaS company | selling to NHS trusts". */
const TURN = /\b(?:selling|sell|sells|supplying|supply|serving|serve|for|to|with|whose|that|who|which|and|using|working|trialling|looking|wanting)\b/;

function selfDescriptions(clause: Clause): string[] {
  if (clause.negated) return [];
  const text = clause.words.join(' ');
  return [...text.matchAll(SELF)].map((m) => m[1].split(TURN)[0].trim()).filter((d) => d !== '');
}

/**
 * Every fact a message states, for any question, each with a confidence and a
 * check reason: null when it may be recorded as it stands, 'in-passing' when
 * the reader is less sure and it must be confirmed first, or the reading's
 * own reason (negation, contrast). The dialog confirms any fact volunteered
 * beside an answer to another question as it sees fit.
 *
 *   "we're an NHS trust and already 27001 certified"
 *     → certification certified, sector health
 */
export function readFacts(text: string): readonly FactReading[] {
  if (typeof text !== 'string') return [];
  const head = text.slice(0, MAX_FACT_CHARS); // all that is read, so all that is kept
  let readings = recentFacts.get(head);
  if (readings === undefined) recentFacts.set(head, (readings = readFactsNow(head)));
  return readings;
}

/** Pure in the text (content is loaded at start-up): recent results are kept (bounded) and shared, so never changed. */
const recentFacts = new LRUCache<string, readonly FactReading[]>({ max: 1000 });

function readFactsNow(head: string): FactReading[] {
  const readings: FactReading[] = [];
  if (head.trim() === '') return readings;
  const parts = reader().clauses(head);
  for (const question of QUESTION_ORDER) {
    // A message about what buyers ask ("never anything on AI", "security yes, AI no") states nothing about using AI.
    if (question === 'ai_use' && aboutBuyers(parts)) continue;
    const gated = question === 'procurement' ? procurementClauses(parts) : parts.flatMap((c) => GATES[question](c, head) ?? []);
    // A clause that asks ("do we need 27001?") states nothing.
    const stated = gated.filter((t) => !looksLikeQuestion(t));
    if (stated.length === 0) continue;
    // Two self-descriptions are read one by one: "we're a law firm and we're a bank" states no one sector.
    const texts = question === 'sector' ? stated : [stated.join(', ')];
    const found = texts.map((t) => readAs(question, reader().context(question, t), { rulesOnly: question === 'eu_exposure' }));
    const values = new Set(found.map((r) => (r.ok ? r.value : null)));
    const reading = found[0];
    if (values.size !== 1 || !reading.ok || reading.value === 'unsure' || reading.confidence < FACT_FLOOR) continue;
    const confidence = Math.min(...found.map((r) => (r.ok ? r.confidence : 0)));
    // A fact is offered to be confirmed, not as an uncertain answer: 'low-confidence' becomes 'in-passing'.
    const check = reading.check === 'low-confidence' || confidence < CONFIDENT ? 'in-passing' : reading.check;
    readings.push({ question, value: reading.value, confidence, check });
  }
  return readings;
}

/**
 * The answers a message states outright, confidently and with nothing to
 * confirm, so those questions need not be asked. Conservative by design.
 */
export function extractFacts(text: string): Answers {
  const facts: Record<string, string> = {};
  for (const reading of readFacts(text)) if (reading.check === null) facts[reading.question] = reading.value;
  return facts as Answers;
}
