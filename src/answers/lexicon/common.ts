import { answer, hide, type Outcome, type Rule } from '../rules';

/**
 * Phrases shared by several questions, as regular-expression sources over
 * normalised text (see ../normalise.ts: lower case, "don't" → "do not").
 */

/** "not sure", "no idea", "don't know whether we have EU users" (the whole clause is the hedge). */
export const HEDGE =
  '\\b(?:(?:i|we) am |we are |i have |we have |to be )?(?:not (?:really |entirely |totally |quite |100 )?(?:sure|certain)|unsure|uncertain|' +
  '(?:do|does) not (?:really )?know|dunno|dont know|no idea|no clue|not a clue|have no idea|can not (?:really )?say|' +
  'idk|hard to (?:say|tell)|no one knows|nobody knows|not known|unknown|need to check|would (?:need|have) to check|tbc|not clear|unclear)' +
  '(?: (?:if|whether|about|how|what|which|where|yet|at all|tbh|to be honest|honestly|really)\\b[^.|]*)?';

/**
 * A hedge: as an answer, the question's unsure value where it has one; as a
 * fact, never anything (but still hidden, so "not sure if we're certified"
 * states nothing).
 */
export function hedge<V extends string>(unsure: NoInfer<V> | null): Rule<V> {
  return unsure === null ? hide<V>(HEDGE) : answer<V>(unsure, HEDGE);
}

function hedgeFact<V extends string>(): Rule<V> {
  return { ...hide<V>(HEDGE), factOnly: true };
}

/** The hedge rules that open every lexicon. */
export function hedges<V extends string>(unsure: NoInfer<V> | null): Rule<V>[] {
  return unsure === null ? [hedge<V>(null)] : [hedge<V>(unsure), hedgeFact<V>()];
}

/** "yes and no", "sort of": a mixed answer to a yes/no question, taken as ambiguous. */
const MIXED = '^ (?:yes and no|yes or no|no and yes|yes no|both yes and no|kind of|sort of|partly|in part|half and half) $';

export function mixed<V extends string>(): Rule<V> {
  return answer<V>('ambiguous', MIXED);
}

const YES = '^ (?:yes|yeah|yea|yep|yup|ya|aye|sure|absolutely|definitely|certainly|correct|indeed|of course|affirmative|y)\\b';
const YES_WHOLE = '^ (?:(?:yes )?(?:we|they|it) (?:do|are|is|have|does)) $';
const NO = '^ (?:no|nope|nah|not at all|never|negative|n)\\b';
const NO_WHOLE = '^ (?:(?:no )?(?:we|they|it) (?:do|are|is|have|does) not) $';

/** A bare yes or no at the start of the message, read against the question. */
export function polarity<V extends string>(yes: Outcome<V> | undefined, no: Outcome<V> | undefined): Rule<V>[] {
  const rules: Rule<V>[] = [];
  if (yes !== undefined) rules.push(answer(yes, YES_WHOLE), answer(yes, YES));
  if (no !== undefined) rules.push(answer(no, NO_WHOLE), answer(no, NO));
  return rules;
}

/** Naming AI in general (not a product). */
export const AI = '(?:ai|a i|artificial intelligence|machine learning|ml|gen ai|genai|generative ai|llms?|large language models?)';

/** Naming AI including products and tools people mention. */
export const AI_ANY =
  '(?:ai|a i|artificial intelligence|machine learning|ml|gen ai|genai|generative ai|llms?|large language models?|chat ?gpt|gpt\\w*|co ?pilot|copilot|gemini|claude|chatbots?|bots?|openai|midjourney|ai tools?|ai models?)';

/**
 * Speaking about one's own organisation, then up to three describing words:
 * "we are a small", "i work for the", "our company is a". The describing words
 * may not be verbs or prepositions of supplying, so "we are selling to NHS
 * trusts" does not claim to be one.
 */
export const SELF =
  '\\b(?:we are|i am|i work|we work|we are part of|i am part of|our (?:organisation|organization|company|firm|business|employer) is|this is|as|being)' +
  '(?: (?:at|in|for|from))? (?:(?:an?|the|one of the|part of the|part of an?|within the|within an?) )?' +
  '(?:(?!(?:to|for|with|into|selling|sell|supplying|supply|serving|serve|working|partner\\w*|providing|provide|and|but|who|that|not)\\b)[a-z0-9&+]+ ){0,3}?';

export const EU_PLACES =
  '(?:eu|e u|european union|europe|european|eea|continent|austria|belgium|bulgaria|croatia|cyprus|czechia|czech republic|denmark|estonia|finland|france|germany|greece|' +
  'hungary|(?:republic of )?ireland|italy|latvia|lithuania|luxembourg|malta|netherlands|holland|poland|portugal|romania|slovakia|slovenia|spain|sweden|' +
  'paris|berlin|dublin|amsterdam|madrid|rome|brussels|lisbon|french|german|irish|dutch|spanish|italian|belgian|polish|swedish|danish|portuguese)';
