import { terms } from '../entities/terms';
import { COUNT, countOf, speaksOnlyOfOthers, type Rule } from './verdict';

/**
 * ai_use rules:
 * - a count of models, data scientists or live use cases means an AI programme:
 *   "about 40 models in production", "12 data scientists" → active;
 * - something AI-ish that is explicitly not live yet is exploring, whatever
 *   else is said: "a pilot, nothing in production", "not live yet";
 * - a trial said to be over, with something live, is active: "not just a
 *   pilot any more, it went live in March", "no longer a trial, it's in production";
 * - AI named only as a topic ("AI governance", "the AI Act") is no answer;
 * - nor is AI named only where someone else is the subject: "customers
 *   haven't raised AI at all" denies their interest, not the organisation's AI.
 */
const COUNTED = new RegExp(`\\b(${COUNT}) (?:[a-z]+ ){0,2}?(?:models?|data scientists?|ml engineers?|ai engineers?|use cases?|ai systems?|ai products?|bots?|algorithms?)\\b`);
const TRIAL = /\b(?:pilot\w*|trial\w*|test\w*|poc|pocs|proofs? of concept|prototype\w*|experiment\w*|sandbox)\b/;
const NOT_LIVE = /\b(?:production|prod|live|deployed|rolled out)\b/;
/** A trial said to be over: "no longer a pilot", "not just a trial any more". */
const PAST_TRIAL = /\b(?:no longer (?:just |only )?(?:an? )?(?:pilot|trial|test|poc|proof of concept|experiment|prototype)|not (?:just |only |merely )?(?:an? )?(?:pilot|trial|test|poc|proof of concept|experiment|prototype)\w* any ?more)\b/;

export const aiUseRule: Rule = (context) => {
  // "we have no AI governance yet" speaks of governance, not of using AI.
  const words = context.normalised.split(' ');
  if (terms().names('ai', words) && !terms().namesAiUse(words)) return 'unrecognised';
  if (speaksOnlyOfOthers(context.parts)) return 'unrecognised';
  for (const part of context.parts) {
    const text = part.words.join(' ');
    const counted = COUNTED.exec(text);
    // "5 bots in testing" is not a programme; trials are left to the classifier.
    if (counted && !part.negated && !TRIAL.test(text) && countOf(counted[1]) >= 3) return { value: 'active', confidence: 0.9 };
  }
  const notLive = context.parts.some((p) => p.negated && NOT_LIVE.test(p.words.join(' ')) && !/\b(?:not like|not as if)\b/.test(p.words.join(' ')));
  const live = context.parts.some((p) => !p.negated && NOT_LIVE.test(p.words.join(' ')));
  if (notLive && !live) return { value: 'exploring', confidence: 0.85 };
  if (live && !notLive && PAST_TRIAL.test(context.normalised)) return { value: 'active', confidence: 0.9 };
  return null;
};
