import { Conversation, promptIn, recommendationIn, type PromptValue, type Recommendation, type Reply } from './client';

/**
 * Whole conversations from shared/spec/scoping.md, written out by hand: the
 * answers a person gives, the questions the bot must ask (skip rules applied),
 * and the recommendation the rules prescribe. The expectations are worked out
 * from the spec here, not computed with src/scoping, so a rules bug shows.
 */

export type Answers = Record<string, string>;

export interface Scenario {
  name: string;
  answers: Answers;
  /** The questions asked, in order. */
  asked: string[];
  expected: Omit<Recommendation, 'answers'>;
}

export const SCENARIOS: Scenario[] = [
  {
    // Rule 1: no AI → not-yet; no urgency, no timeline; ai_materiality and eu_exposure skipped.
    name: 'no AI at all → not-yet (nurture)',
    answers: { ai_use: 'none', certification: 'none', infosec_maturity: 'weak', sector: 'professional', procurement: 'none' },
    asked: ['ai_use', 'certification', 'infosec_maturity', 'sector', 'procurement'],
    expected: { pathway: 'not-yet', urgency: null, timeline: null, regulators: ['ICO'], euAiAct: null, tier: 'nurture' },
  },
  {
    // Rule 2: certified → 42001-next; pressures: high materiality + regulated (financial, EU) + AI procurement = 3.
    name: 'certified bank with heavy AI use in the EU → 42001-next (hot)',
    answers: { ai_use: 'active', certification: 'certified', ai_materiality: 'high', sector: 'financial', eu_exposure: 'yes', procurement: 'ai-governance' },
    asked: ['ai_use', 'certification', 'ai_materiality', 'sector', 'eu_exposure', 'procurement'],
    expected: { pathway: '42001-next', urgency: 'high', timeline: { minMonths: 6, maxMonths: 9 }, regulators: ['ICO', 'FCA'], euAiAct: 'yes', tier: 'hot' },
  },
  {
    // Rule 3: weak security → 27001-first; pressures: regulated (telecoms-media) = 1.
    name: 'broadcaster with weak security → 27001-first (warm)',
    answers: {
      ai_use: 'exploring',
      certification: 'none',
      infosec_maturity: 'weak',
      ai_materiality: 'medium',
      sector: 'telecoms-media',
      eu_exposure: 'no',
      procurement: 'security-only',
    },
    asked: ['ai_use', 'certification', 'infosec_maturity', 'ai_materiality', 'sector', 'eu_exposure', 'procurement'],
    expected: { pathway: '27001-first', urgency: 'medium', timeline: { minMonths: 6, maxMonths: 9 }, regulators: ['ICO', 'Ofcom'], euAiAct: 'no', tier: 'warm' },
  },
  {
    // Rule 4 by materiality: reasonable + high → 42001-first; high materiality → longer end 12–15; pressures 1.
    name: 'SaaS firm, AI drives decisions → 42001-first, longer end (warm)',
    answers: {
      ai_use: 'active',
      certification: 'in-progress',
      infosec_maturity: 'reasonable',
      ai_materiality: 'high',
      sector: 'technology',
      eu_exposure: 'unsure',
      procurement: 'none',
    },
    asked: ['ai_use', 'certification', 'infosec_maturity', 'ai_materiality', 'sector', 'eu_exposure', 'procurement'],
    expected: { pathway: '42001-first', urgency: 'medium', timeline: { minMonths: 12, maxMonths: 15 }, regulators: ['ICO'], euAiAct: 'unsure', tier: 'warm' },
  },
  {
    // Rule 4 by procurement: reasonable + AI procurement → 42001-first; 9–15; pressures: regulated (health) + procurement = 2.
    name: 'NHS trust asked for AI governance → 42001-first (hot)',
    answers: {
      ai_use: 'exploring',
      certification: 'none',
      infosec_maturity: 'reasonable',
      ai_materiality: 'low',
      sector: 'health',
      eu_exposure: 'no',
      procurement: 'ai-governance',
    },
    asked: ['ai_use', 'certification', 'infosec_maturity', 'ai_materiality', 'sector', 'eu_exposure', 'procurement'],
    expected: { pathway: '42001-first', urgency: 'high', timeline: { minMonths: 9, maxMonths: 15 }, regulators: ['ICO'], euAiAct: 'no', tier: 'hot' },
  },
  {
    // Rule 5: unsure security → integrated, longer end 12–15; no pressures.
    name: 'unsure about security, no pressures → integrated, longer end (warm, low)',
    answers: {
      ai_use: 'exploring',
      certification: 'in-progress',
      infosec_maturity: 'unsure',
      ai_materiality: 'medium',
      sector: 'other',
      eu_exposure: 'no',
      procurement: 'security-only',
    },
    asked: ['ai_use', 'certification', 'infosec_maturity', 'ai_materiality', 'sector', 'eu_exposure', 'procurement'],
    expected: { pathway: 'integrated', urgency: 'low', timeline: { minMonths: 12, maxMonths: 15 }, regulators: ['ICO'], euAiAct: 'no', tier: 'warm' },
  },
  {
    // Rule 5: reasonable but neither high materiality nor AI procurement → integrated 9–15; pressures: regulated (public, EU) = 1.
    name: 'council with reasonable security → integrated (warm, medium)',
    answers: {
      ai_use: 'active',
      certification: 'none',
      infosec_maturity: 'reasonable',
      ai_materiality: 'medium',
      sector: 'public',
      eu_exposure: 'yes',
      procurement: 'none',
    },
    asked: ['ai_use', 'certification', 'infosec_maturity', 'ai_materiality', 'sector', 'eu_exposure', 'procurement'],
    expected: { pathway: 'integrated', urgency: 'medium', timeline: { minMonths: 9, maxMonths: 15 }, regulators: ['ICO'], euAiAct: 'yes', tier: 'warm' },
  },
];

/** What a person might type for each value (from the phrasings the interpreter is specified to read). */
export const TYPED: Record<string, Record<string, string>> = {
  ai_use: { none: "we don't use AI at all", exploring: 'just experimenting', active: 'we have AI in production' },
  certification: { certified: 'we got certified last year', 'in-progress': 'working towards it', none: "we're not certified" },
  infosec_maturity: { weak: 'pretty weak', reasonable: "they're in good shape", unsure: 'no idea' },
  ai_materiality: { low: 'only for internal productivity', medium: 'it supports important processes', high: 'it is critical to our business' },
  sector: {
    health: 'NHS trust',
    public: 'a district council',
    financial: "we're an insurer",
    professional: 'law firm',
    'telecoms-media': 'broadcaster',
    technology: "we're a SaaS company",
    other: 'a university',
  },
  eu_exposure: { yes: 'some clients in Germany', no: 'UK only', unsure: 'dunno' },
  procurement: { 'ai-governance': 'tenders ask how we use AI', 'security-only': 'only security questionnaires', none: 'nobody asks' },
};

export interface Transcript {
  /** Every prompt seen, in order. */
  prompts: PromptValue[];
  recommendation: Recommendation;
  replies: Reply[][];
}

/**
 * Runs one conversation: join, start, then answer whichever question is
 * pending with the scenario's answer, by click or by typing, until the
 * recommendation arrives. Fails loudly on a question the scenario has no answer for.
 */
export async function converse(
  conversation: Conversation,
  answers: Answers,
  how: (question: string, index: number) => 'click' | 'type',
): Promise<Transcript> {
  const transcript: Reply[][] = [];
  const prompts: PromptValue[] = [];
  transcript.push(await conversation.join());
  let replies = await conversation.start();
  transcript.push(replies);
  for (let turn = 0; turn < 16; turn += 1) {
    const recommendation = recommendationIn(replies);
    if (recommendation) return { prompts, recommendation, replies: transcript };
    const prompt = promptIn(replies);
    if (!prompt) throw new Error(`no prompt and no recommendation after turn ${turn}: ${JSON.stringify(replies.map((r) => r.text))}`);
    const answer = answers[prompt.question];
    if (answer === undefined) throw new Error(`asked ${prompt.question}, which this scenario does not answer`);
    if (prompt.confirm !== undefined) {
      // A confirm-back of an unsure reading: "yes" when it read right, else the right choice clicked.
      replies = prompt.confirm === answer ? await conversation.say('yes') : await conversation.click(prompt.question, answer);
      transcript.push(replies);
      continue;
    }
    prompts.push(prompt);
    replies = how(prompt.question, turn) === 'click' ? await conversation.click(prompt.question, answer) : await conversation.say(TYPED[prompt.question][answer]);
    transcript.push(replies);
  }
  throw new Error('no recommendation after sixteen turns');
}
