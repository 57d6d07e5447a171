import { terms } from '../entities/terms';
import type { Rule } from './verdict';

/**
 * procurement rules, clause by clause:
 * - AI named in a clause that is not denied → ai-governance
 *   ("they want 27001 and now there's an AI section too");
 * - security named, and AI only in denied clauses or not at all → security-only
 *   ("security questionnaires, nobody has asked about AI yet"), confirmed first
 *   when the message weighs one against the other ("…, but AI hasn't come up");
 * - neither → left to the classifier.
 */
export const procurementRule: Rule = (context) => {
  const subject = terms();
  let aiAsked = false;
  let aiDenied = false;
  let security = false;
  for (const part of context.parts) {
    if (subject.names('ai', part.words)) {
      if (part.negated || /\b(?:ai|models?) (?:no|never|nope)\b/.test(part.words.join(' '))) aiDenied = true;
      else aiAsked = true;
    }
    if (subject.names('security', part.words) && !part.negated) security = true;
  }
  // "security yes, AI no": a bare no after the subject denies it.
  if (aiAsked && /\b(?:ai|a i) (?:no|never)\b/.test(context.normalised)) {
    aiAsked = false;
    aiDenied = true;
  }
  if (aiAsked) return { value: 'ai-governance', confidence: aiDenied ? 0.6 : 0.9, check: aiDenied ? 'negation' : null };
  if (security) {
    if (aiDenied) return { value: 'security-only', confidence: 0.85, check: context.contrast ? 'contrast' : 'negation' };
    return { value: 'security-only', confidence: 0.85 };
  }
  return null;
};
