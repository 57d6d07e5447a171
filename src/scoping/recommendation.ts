import { Answers, AnswerValue } from './questions';

/** The pathway rules, urgency, timeline, regulators and tier of shared/spec/scoping.md. Pure. */

export type Pathway = 'not-yet' | '42001-next' | '27001-first' | '42001-first' | 'integrated';
export type Urgency = 'high' | 'medium' | 'low';
export type Tier = 'hot' | 'warm' | 'nurture';
export type Regulator = 'ICO' | 'FCA' | 'Ofcom';

export interface Timeline {
  minMonths: number;
  maxMonths: number;
}

export interface Recommendation {
  pathway: Pathway;
  urgency: Urgency | null;
  timeline: Timeline | null;
  regulators: Regulator[];
  euAiAct: AnswerValue<'eu_exposure'> | null;
  tier: Tier;
  answers: Answers;
}

/** Why the recommendation came out as it did: a code for the copy, and the answers that drove it. */
export type ReasonCode =
  | 'no-ai'
  | 'already-certified'
  | 'weak-security'
  | 'ai-more-material'
  | 'balanced'
  | 'high-materiality'
  | 'regulated-sector'
  | 'eu-exposure'
  | 'ai-procurement'
  | 'eu-unsure';

export interface Reason {
  code: ReasonCode;
  drivenBy: (keyof Answers)[];
}

export interface Assessment {
  recommendation: Recommendation;
  reasons: Reason[];
}

const REGULATED_SECTORS: ReadonlySet<string> = new Set(['health', 'public', 'financial', 'telecoms-media']);

export function isRegulated(answers: Answers): boolean {
  return (answers.sector !== undefined && REGULATED_SECTORS.has(answers.sector)) || answers.eu_exposure === 'yes';
}

/** The article's three factors: materiality of AI, regulatory exposure, procurement signals (0 to 3). */
export function countPressures(answers: Answers): number {
  return [answers.ai_materiality === 'high', isRegulated(answers), answers.procurement === 'ai-governance'].filter(Boolean)
    .length;
}

/** First matching rule wins, in the order of the spec. */
export function choosePathway(answers: Answers): Pathway {
  if (answers.ai_use === 'none') return 'not-yet';
  if (answers.certification === 'certified') return '42001-next';
  if (answers.infosec_maturity === 'weak') return '27001-first';
  if (
    answers.infosec_maturity === 'reasonable' &&
    (answers.ai_materiality === 'high' || answers.procurement === 'ai-governance')
  ) {
    return '42001-first';
  }
  return 'integrated';
}

export function urgencyFor(pathway: Pathway, pressures: number): Urgency | null {
  if (pathway === 'not-yet') return null;
  if (pressures >= 2) return 'high';
  return pressures === 1 ? 'medium' : 'low';
}

/**
 * Months to ISO 42001 certification. For 27001-first the figure is the 42001
 * phase once ISO 27001 is in place: the article gives none for the 27001 phase.
 */
export function timelineFor(pathway: Pathway, answers: Answers): Timeline | null {
  switch (pathway) {
    case 'not-yet':
      return null;
    case '42001-next':
    case '27001-first':
      return { minMonths: 6, maxMonths: 9 };
    case '42001-first':
    case 'integrated': {
      const longerEnd =
        answers.ai_materiality === 'high' ||
        answers.infosec_maturity === 'weak' ||
        answers.infosec_maturity === 'unsure';
      return longerEnd ? { minMonths: 12, maxMonths: 15 } : { minMonths: 9, maxMonths: 15 };
    }
  }
}

export function regulatorsFor(answers: Answers): Regulator[] {
  const regulators: Regulator[] = ['ICO'];
  if (answers.sector === 'financial') regulators.push('FCA');
  if (answers.sector === 'telecoms-media') regulators.push('Ofcom');
  return regulators;
}

export function tierFor(pathway: Pathway, pressures: number): Tier {
  if (pathway === 'not-yet') return 'nurture';
  return pressures >= 2 ? 'hot' : 'warm';
}

function reasonsFor(pathway: Pathway, answers: Answers): Reason[] {
  const reasons: Reason[] = [];
  switch (pathway) {
    case 'not-yet':
      reasons.push({ code: 'no-ai', drivenBy: ['ai_use'] });
      break;
    case '42001-next':
      reasons.push({ code: 'already-certified', drivenBy: ['certification', 'ai_use'] });
      break;
    case '27001-first':
      reasons.push({ code: 'weak-security', drivenBy: ['certification', 'infosec_maturity'] });
      break;
    case '42001-first':
      reasons.push({
        code: 'ai-more-material',
        drivenBy: [
          'infosec_maturity',
          ...(answers.ai_materiality === 'high' ? (['ai_materiality'] as const) : []),
          ...(answers.procurement === 'ai-governance' ? (['procurement'] as const) : []),
        ],
      });
      break;
    case 'integrated':
      reasons.push({ code: 'balanced', drivenBy: ['ai_use', 'certification', 'infosec_maturity'] });
      break;
  }
  if (pathway === 'not-yet') return reasons;
  if (answers.ai_materiality === 'high') reasons.push({ code: 'high-materiality', drivenBy: ['ai_materiality'] });
  if (answers.sector !== undefined && REGULATED_SECTORS.has(answers.sector)) {
    reasons.push({ code: 'regulated-sector', drivenBy: ['sector'] });
  }
  if (answers.eu_exposure === 'yes') reasons.push({ code: 'eu-exposure', drivenBy: ['eu_exposure'] });
  if (answers.eu_exposure === 'unsure') reasons.push({ code: 'eu-unsure', drivenBy: ['eu_exposure'] });
  if (answers.procurement === 'ai-governance') reasons.push({ code: 'ai-procurement', drivenBy: ['procurement'] });
  return reasons;
}

export function assess(answers: Answers): Assessment {
  const pathway = choosePathway(answers);
  const pressures = countPressures(answers);
  return {
    recommendation: {
      pathway,
      urgency: urgencyFor(pathway, pressures),
      timeline: timelineFor(pathway, answers),
      regulators: regulatorsFor(answers),
      euAiAct: answers.eu_exposure ?? null,
      tier: tierFor(pathway, pressures),
      answers: { ...answers },
    },
    reasons: reasonsFor(pathway, answers),
  };
}
