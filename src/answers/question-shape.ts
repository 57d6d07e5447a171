import { isOnlyHedge } from './hedge';
import { compact, MAX_ANSWER_CHARS, normalise } from './normalise';

/**
 * Whether a message is shaped like a question rather than an answer. The bot
 * pairs this with its FAQ recogniser to tell a side question ("do we need
 * 27001?") from an answer to the pending one ("we don't have 27001").
 *
 *   "how long does it take" → true   (starts with a question word)
 *   "is 27001 enough?"      → true   (auxiliary, then a subject)
 *   "NHS trust?"            → false  (a short answer said with a rising tone)
 *   "not sure", "yes"       → false
 */

const WH = /^(?:what|whats|why|how|hows|when|where|which|who|whose|whom)\b/;
const NOT_WH = /^(?:who knows|how about (?:yes|no)|what ever|whatever)\b/;
/** "do we", "is it", "can you" — but not "do not know" or "will be certified". */
const AUXILIARY =
  /^(?:(?:have|has) (?=(?:i|we|you|they|it|there|anyone|anybody)\b)|(?:do|does|did|is|are|was|were|can|could|should|would|will|shall|must|may|might|am) )(?!(?:not|be|been|n t|say|guess|think|imagine|probably|definitely|also|only|just|use|have|hold|so|too|some|sometimes|quite|very|really)\b)[a-z0-9]+\b/;
const REQUEST =
  /^(?:(?:please |can you |could you |would you )?(?:tell me|explain|describe|define|clarify|help me understand|remind me)|i (?:would like|want|need) to (?:know|understand|ask)|i (?:am )?wonder(?:ing)?|(?:quick |a )?question\b|difference between|meaning of|any idea (?:what|how|why|when|if|whether))\b/;

export function looksLikeQuestion(text: string): boolean {
  if (typeof text !== 'string') return false;
  const raw = text.slice(0, MAX_ANSWER_CHARS).trim();
  const whole = compact(normalise(raw));
  if (whole === '' || isOnlyHedge(whole)) return false;
  if (NOT_WH.test(whole)) return false;
  if (WH.test(whole) || AUXILIARY.test(whole) || REQUEST.test(whole)) return true;
  // A question mark ends a question of four words or more; "kinda? we trial it" and "think so? …" are answers.
  const asked = /^([^?]*)\?/.exec(raw);
  if (asked && compact(normalise(asked[1])).split(' ').length >= 4) return true;
  return /\?\s*$/.test(raw) && whole.split(' ').length >= 4;
}
