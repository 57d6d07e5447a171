/**
 * The scoping questions of shared/spec/scoping.md. Ids and values are the wire
 * contract; labels and wording live in content/.
 */
export const QUESTION_VALUES = {
  ai_use: ['none', 'exploring', 'active'],
  certification: ['certified', 'in-progress', 'none'],
  infosec_maturity: ['weak', 'reasonable', 'unsure'],
  ai_materiality: ['low', 'medium', 'high'],
  sector: ['health', 'public', 'financial', 'professional', 'telecoms-media', 'technology', 'other'],
  eu_exposure: ['yes', 'no', 'unsure'],
  procurement: ['ai-governance', 'security-only', 'none'],
} as const;

export type QuestionId = keyof typeof QUESTION_VALUES;
export type AnswerValue<Q extends QuestionId = QuestionId> = (typeof QUESTION_VALUES)[Q][number];
export type Answers = { [Q in QuestionId]?: AnswerValue<Q> };

/** The order questions are asked in: the cheapest, most decisive first. */
export const QUESTION_ORDER: readonly QuestionId[] = [
  'ai_use',
  'certification',
  'infosec_maturity',
  'ai_materiality',
  'sector',
  'eu_exposure',
  'procurement',
];

export function isQuestionId(value: unknown): value is QuestionId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(QUESTION_VALUES, value);
}

export function isAnswerValue<Q extends QuestionId>(question: Q, value: unknown): value is AnswerValue<Q> {
  return typeof value === 'string' && (QUESTION_VALUES[question] as readonly string[]).includes(value);
}

/**
 * Skip rules. A question whose condition depends on an answer not yet given is
 * assumed to apply, so the count of questions only ever shrinks as answers arrive.
 */
export function isApplicable(question: QuestionId, answers: Answers): boolean {
  switch (question) {
    case 'infosec_maturity':
      return answers.certification !== 'certified';
    case 'ai_materiality':
    case 'eu_exposure':
      return answers.ai_use !== 'none';
    default:
      return true;
  }
}

/** The next question still to be asked, or null when the answers are complete. */
export function nextQuestion(answers: Answers): QuestionId | null {
  return QUESTION_ORDER.find((q) => isApplicable(q, answers) && answers[q] === undefined) ?? null;
}

/** Answers restricted to the questions that apply (an answer made moot by a later change is dropped). */
export function applicableAnswers(answers: Answers): Answers {
  const kept: Answers = {};
  for (const q of QUESTION_ORDER) {
    if (answers[q] !== undefined && isApplicable(q, answers)) (kept as Record<string, string>)[q] = answers[q] as string;
  }
  return kept;
}
