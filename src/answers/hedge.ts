import { compact } from './normalise';

/**
 * A hedge: "not sure", "no idea", "I'd have to check", "maybe". Read on
 * normalised text (see normalise.ts: "don't" → "do not").
 */
const HEDGE = new RegExp(
  '\\b(?:not (?:really |entirely |totally |quite |100 |one hundred percent )?(?:sure|certain)|unsure|uncertain|' +
    '(?:do|does) not (?:really |honestly |genuinely |actually )?know|dunno|no idea|no clue|not a clue|have not (?:got )?a clue|can not (?:really )?(?:say|tell)|could not (?:say|tell)|' +
    'idk|hard to (?:say|tell|judge|know)|difficult to (?:say|tell|judge|know)|no one knows|nobody knows|unknown|unclear|not clear|' +
    '(?:need|have|had) to (?:check|ask|find out)|would (?:need|have) to (?:check|ask|find out|look)|your guess|beats me|not (?:my|in my) (?:area|remit)|above my pay grade)\\b',
);
/** Words that only weaken an answer: "maybe", "possibly". */
const MAYBE = /\b(?:maybe|perhaps|possibly|might|may be|could be)\b/;

export function isHedged(normalised: string): boolean {
  return HEDGE.test(compact(normalised));
}

export function isTentative(normalised: string): boolean {
  return MAYBE.test(compact(normalised));
}

/** The whole message is a hedge and nothing else ("not sure tbh"), so it is an answer, never a question. */
/** "not sure if we are certified": what the hedge is about belongs to the hedge. */
const HEDGE_WITH_TOPIC = new RegExp(`${HEDGE.source}(?: (?:if|whether|about|how|what|which|where|who|when)\\b.*)?`);

export function isOnlyHedge(normalised: string): boolean {
  const rest = compact(normalised).replace(HEDGE_WITH_TOPIC, ' ').replace(/\b(?:i|we|am|are|really|honestly|tbh|to be honest|at all|yet|sorry|hmm|um|er|mate|though|sure|about that|if|whether)\b/g, ' ');
  return isHedged(normalised) && rest.trim() === '';
}
