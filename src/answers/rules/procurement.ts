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
/** Words that put AI in a buyer's request: asked, a section, a policy, governance. */
const ASKED =
  /\b(?:ask\w*|question\w*|want\w*|requir\w*|request\w*|section|evidence|polic\w*|tender\w*|bids?|rfps?|due diligence|governance|govern|ethic\w*|bias|transparen\w*|responsible|42001|act|risk|register|assurance|controls?|approach|explain\w*|how we|about|yes|too|also|and now|keen)\b/;

export const procurementRule: Rule = (context) => {
  const subject = terms();
  let aiAsked = false;
  let aiAskedPlainly = false;
  let aiDenied = false;
  let security = false;
  for (const part of context.parts) {
    if (subject.names('ai', part.words)) {
      if (part.negated || /\b(?:ai|models?) (?:no|never|nope)\b/.test(part.words.join(' '))) aiDenied = true;
      else {
        aiAsked = true;
        if (ASKED.test(part.words.join(' '))) aiAskedPlainly = true;
      }
    }
    if (subject.names('security', part.words) && !part.negated) security = true;
  }
  // "security yes, AI no": a bare no after the subject denies it.
  if (aiAsked && /\b(?:ai|a i) (?:no|never)\b/.test(context.normalised)) {
    aiAsked = false;
    aiDenied = true;
  }
  if (aiAsked) {
    if (aiDenied) return { value: 'ai-governance', confidence: 0.6, check: 'negation' };
    // "tenders want 27001, our product uses machine learning": AI named, but not as something asked for.
    if (security && !aiAskedPlainly) return { value: 'ai-governance', confidence: 0.6, check: 'low-confidence' };
    return { value: 'ai-governance', confidence: 0.9, check: null };
  }
  if (security) {
    if (aiDenied) return { value: 'security-only', confidence: 0.85, check: context.contrast ? 'contrast' : 'negation' };
    return { value: 'security-only', confidence: 0.85 };
  }
  // "not one of our buyers has asked about AI": whether they ask about security is unsaid, so 'none' is confirmed first.
  if (aiDenied) return { value: 'none', confidence: 0.6, check: 'negation' };
  return null;
};
