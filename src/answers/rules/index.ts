import type { QuestionId } from '../../scoping/questions';
import { aiUseRule } from './ai-use';
import { certificationRule } from './certification';
import { euExposureRule } from './eu-exposure';
import { materialityRule } from './materiality';
import { procurementRule } from './procurement';
import type { Rule } from './verdict';

export type { Rule, Verdict } from './verdict';

/** The high-precision rules of each question, consulted before its classifier. */
export function rulesFor(question: QuestionId, now: Date = new Date()): Rule | null {
  switch (question) {
    case 'ai_use':
      return aiUseRule;
    case 'certification':
      return certificationRule(now);
    case 'ai_materiality':
      return materialityRule;
    case 'eu_exposure':
      return euExposureRule;
    case 'procurement':
      return procurementRule;
    default:
      return null;
  }
}
