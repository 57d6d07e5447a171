import { COUNT, countOf, speaksOnlyOfOthers, type Rule } from './verdict';

/**
 * ai_materiality rules: a large estate of models is heavy reliance, however it
 * is said: "about 40 models in production", "hundreds of models" → high.
 * AI named only where someone else is the subject ("none of our customers care
 * about AI") says nothing of how much the organisation relies on it.
 */
const COUNTED = new RegExp(`\\b(${COUNT}) (?:[a-z]+ ){0,2}?(?:models?|ai systems?|algorithms?|use cases?)\\b`);
const LARGE_ESTATE = 10;

export const materialityRule: Rule = (context) => {
  if (speaksOnlyOfOthers(context.parts)) return 'unrecognised';
  for (const part of context.parts) {
    const counted = COUNTED.exec(part.words.join(' '));
    if (counted && !part.negated && countOf(counted[1]) >= LARGE_ESTATE) return { value: 'high', confidence: 0.9 };
  }
  return null;
};
