import { assess, choosePathway, countPressures, isRegulated, regulatorsFor, tierFor, timelineFor, urgencyFor } from './recommendation';
import type { Answers } from './questions';

/** shared/spec/scoping.md, "Rules", row by row. */

describe('regulated: health, public, financial or telecoms-media, or EU exposure yes', () => {
  it.each([
    [{ sector: 'health' }, true],
    [{ sector: 'public' }, true],
    [{ sector: 'financial' }, true],
    [{ sector: 'telecoms-media' }, true],
    [{ sector: 'professional' }, false],
    [{ sector: 'technology' }, false],
    [{ sector: 'other' }, false],
    [{ sector: 'other', eu_exposure: 'yes' }, true],
    [{ sector: 'technology', eu_exposure: 'unsure' }, false],
    [{ sector: 'technology', eu_exposure: 'no' }, false],
  ] as [Answers, boolean][])('%j → %s', (answers, expected) => {
    expect(isRegulated(answers)).toBe(expected);
  });
});

describe('pressures: high materiality + regulated + AI-governance procurement (0 to 3)', () => {
  it.each([
    [{ ai_materiality: 'low', sector: 'other', procurement: 'none' }, 0],
    [{ ai_materiality: 'high', sector: 'other', procurement: 'none' }, 1],
    [{ ai_materiality: 'medium', sector: 'health', procurement: 'security-only' }, 1],
    [{ ai_materiality: 'low', sector: 'other', procurement: 'ai-governance' }, 1],
    [{ ai_materiality: 'high', sector: 'public', procurement: 'none' }, 2],
    [{ ai_materiality: 'high', sector: 'technology', eu_exposure: 'yes', procurement: 'ai-governance' }, 3],
  ] as [Answers, number][])('%j → %d', (answers, expected) => {
    expect(countPressures(answers)).toBe(expected);
  });
});

describe('pathway: the first rule that matches', () => {
  it.each([
    ['1. no AI → not-yet, whatever else', { ai_use: 'none', certification: 'certified' }, 'not-yet'],
    ['1. no AI → not-yet, even with weak security', { ai_use: 'none', certification: 'none', infosec_maturity: 'weak' }, 'not-yet'],
    ['2. certified → 42001-next', { ai_use: 'active', certification: 'certified', ai_materiality: 'high' }, '42001-next'],
    ['2. certified and exploring → 42001-next', { ai_use: 'exploring', certification: 'certified' }, '42001-next'],
    ['3. weak security → 27001-first', { ai_use: 'active', certification: 'none', infosec_maturity: 'weak', ai_materiality: 'high' }, '27001-first'],
    ['3. weak while in progress → 27001-first', { ai_use: 'exploring', certification: 'in-progress', infosec_maturity: 'weak' }, '27001-first'],
    ['4. reasonable + high materiality → 42001-first', { ai_use: 'active', certification: 'none', infosec_maturity: 'reasonable', ai_materiality: 'high', procurement: 'none' }, '42001-first'],
    ['4. reasonable + AI procurement → 42001-first', { ai_use: 'exploring', certification: 'in-progress', infosec_maturity: 'reasonable', ai_materiality: 'low', procurement: 'ai-governance' }, '42001-first'],
    ['5. reasonable, medium, security-only → integrated', { ai_use: 'active', certification: 'none', infosec_maturity: 'reasonable', ai_materiality: 'medium', procurement: 'security-only' }, 'integrated'],
    ['5. unsure maturity + high materiality → integrated', { ai_use: 'active', certification: 'none', infosec_maturity: 'unsure', ai_materiality: 'high', procurement: 'ai-governance' }, 'integrated'],
  ] as [string, Answers, string][])('%s', (_rule, answers, pathway) => {
    expect(choosePathway(answers)).toBe(pathway);
  });
});

describe('urgency: none for not-yet; ≥2 pressures high, 1 medium, 0 low', () => {
  it.each([
    ['not-yet', 3, null],
    ['42001-next', 2, 'high'],
    ['42001-next', 3, 'high'],
    ['integrated', 1, 'medium'],
    ['27001-first', 0, 'low'],
  ] as const)('%s with %d pressures → %s', (pathway, pressures, urgency) => {
    expect(urgencyFor(pathway, pressures)).toBe(urgency);
  });
});

describe('timeline in months to ISO 42001 certification', () => {
  it.each([
    ['42001-next', {}, { minMonths: 6, maxMonths: 9 }],
    ['27001-first', { infosec_maturity: 'weak' }, { minMonths: 6, maxMonths: 9 }],
    ['42001-first', { infosec_maturity: 'reasonable', ai_materiality: 'medium' }, { minMonths: 9, maxMonths: 15 }],
    ['42001-first', { infosec_maturity: 'reasonable', ai_materiality: 'high' }, { minMonths: 12, maxMonths: 15 }],
    ['integrated', { infosec_maturity: 'reasonable', ai_materiality: 'low' }, { minMonths: 9, maxMonths: 15 }],
    ['integrated', { infosec_maturity: 'unsure', ai_materiality: 'low' }, { minMonths: 12, maxMonths: 15 }],
    ['integrated', { infosec_maturity: 'reasonable', ai_materiality: 'high' }, { minMonths: 12, maxMonths: 15 }],
    ['not-yet', {}, null],
  ] as [Parameters<typeof timelineFor>[0], Answers, unknown][])('%s with %j → %j', (pathway, answers, timeline) => {
    expect(timelineFor(pathway, answers)).toEqual(timeline);
  });
});

describe('regulators: always ICO, FCA for financial, Ofcom for telecoms-media', () => {
  it.each([
    ['health', ['ICO']],
    ['financial', ['ICO', 'FCA']],
    ['telecoms-media', ['ICO', 'Ofcom']],
    ['other', ['ICO']],
  ] as const)('%s → %j', (sector, regulators) => {
    expect(regulatorsFor({ sector })).toEqual(regulators);
  });
});

describe('tier: not-yet nurture; otherwise ≥2 pressures hot, else warm', () => {
  it.each([
    ['not-yet', 3, 'nurture'],
    ['integrated', 2, 'hot'],
    ['42001-first', 1, 'warm'],
    ['42001-next', 0, 'warm'],
  ] as const)('%s with %d pressures → %s', (pathway, pressures, tier) => {
    expect(tierFor(pathway, pressures)).toBe(tier);
  });
});

describe('the recommendation value of "On the wire"', () => {
  it('a certified NHS trust with live AI and EU users', () => {
    const answers: Answers = {
      ai_use: 'active',
      certification: 'certified',
      ai_materiality: 'high',
      sector: 'health',
      eu_exposure: 'yes',
      procurement: 'security-only',
    };
    expect(assess(answers).recommendation).toEqual({
      pathway: '42001-next',
      urgency: 'high',
      timeline: { minMonths: 6, maxMonths: 9 },
      regulators: ['ICO'],
      euAiAct: 'yes',
      tier: 'hot',
      answers,
    });
  });

  it('euAiAct is null when the question was not asked', () => {
    const assessment = assess({ ai_use: 'none', certification: 'none', infosec_maturity: 'weak', sector: 'financial', procurement: 'none' });
    expect(assessment.recommendation).toMatchObject({ pathway: 'not-yet', urgency: null, timeline: null, euAiAct: null, tier: 'nurture', regulators: ['ICO', 'FCA'] });
  });

  it('says why, naming the answers that drove it', () => {
    const { reasons } = assess({ ai_use: 'active', certification: 'none', infosec_maturity: 'reasonable', ai_materiality: 'high', sector: 'public', eu_exposure: 'no', procurement: 'ai-governance' });
    expect(reasons.map((r) => r.code)).toEqual(['ai-more-material', 'high-materiality', 'regulated-sector', 'ai-procurement']);
    expect(reasons[0].drivenBy).toEqual(['infosec_maturity', 'ai_materiality', 'procurement']);
  });
});
