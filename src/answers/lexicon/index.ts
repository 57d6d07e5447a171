import type { AnswerValue, QuestionId } from '../../scoping/questions';
import type { QuestionLexicon } from '../rules';
import { AI_MATERIALITY, AI_USE } from './ai';
import { EU_EXPOSURE, PROCUREMENT } from './market';
import { SECTOR } from './sector';
import { CERTIFICATION, INFOSEC_MATURITY } from './security';

/** Every question's lexicon, keyed by question id. */
export const LEXICON: { [Q in QuestionId]: QuestionLexicon<AnswerValue<Q>> } = {
  ai_use: AI_USE,
  certification: CERTIFICATION,
  infosec_maturity: INFOSEC_MATURITY,
  ai_materiality: AI_MATERIALITY,
  sector: SECTOR,
  eu_exposure: EU_EXPOSURE,
  procurement: PROCUREMENT,
};
