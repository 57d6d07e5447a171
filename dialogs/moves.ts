import { CONTACT_FIELDS, type ContactField } from '../src/contact/contact';
import { fill } from '../src/content/copy';
import { QUESTION_ORDER, type Answers } from '../src/scoping/questions';
import { pendingQuestion } from '../machines/scoping/progress';
import { parseDay } from './understand/when';
import { textReply } from './render/replies';
import type { TurnState } from './turn-state';

/**
 * Moves shared by clicks and typing: each sends machine events and says what the user needs to know.
 */

const BOOKING_STATES = ['disclaimer', 'contact', 'registering', 'slot', 'confirm', 'committing'] as const;

export async function answer(turn: TurnState, question: (typeof QUESTION_ORDER)[number], value: never, others: Answers): Promise<void> {
  const facts = newFacts(turn, others);
  if (Object.keys(facts).length > 0) await recordFacts(turn, facts, false);
  await turn.send({ type: 'ANSWER', question, value });
}

export function newFacts(turn: TurnState, facts: Answers): Answers {
  const fresh: Answers = {};
  for (const q of QUESTION_ORDER) {
    if (facts[q] !== undefined && turn.context.answers[q] === undefined) (fresh as Record<string, string>)[q] = facts[q]!;
  }
  return fresh;
}

export async function recordFacts(turn: TurnState, facts: Answers, announce = true): Promise<void> {
  await turn.send({ type: 'FACTS', answers: facts });
  const phrases = Object.entries(facts).map(
    ([q, v]) => (turn.messages.answerPhrases as Record<string, Record<string, string>>)[q]?.[v as string] ?? v,
  );
  turn.say(textReply(fill(turn.messages.confirmVolunteered, { facts: phrases.join('; ') })));
  if (announce) turn.reprompt = 'resume';
}

export async function startScoping(turn: TurnState): Promise<void> {
  if (pendingQuestion(turn.snapshot.value)) turn.reprompt = 'full';
  await turn.send({ type: 'START' });
}

export async function restart(turn: TurnState): Promise<void> {
  await turn.send({ type: 'RESTART' });
  turn.say(textReply(turn.messages.restart));
  turn.forceFullPrompt = true;
}

export async function back(turn: TurnState): Promise<void> {
  if (turn.context.asked.length === 0 || !(turn.matches('main.scoping') || turn.matches('main.recommended'))) {
    turn.say(textReply(turn.messages.back.nothing));
    turn.reprompt = 'resume';
    return;
  }
  await turn.send({ type: 'BACK' });
  turn.say(textReply(turn.messages.back.done));
  turn.forceFullPrompt = true;
}

export async function declined(turn: TurnState, message: string, event: 'DISCLAIMER_DECLINED' | 'CONSENT_REFUSED' = 'DISCLAIMER_DECLINED'): Promise<void> {
  await turn.send({ type: event });
  turn.say(textReply(message));
  turn.reprompt = 'resume';
}

export async function cancelBooking(turn: TurnState, typed: boolean): Promise<void> {
  if (BOOKING_STATES.some((s) => turn.matches(`booking.${s}`))) {
    await turn.send({ type: 'CANCEL_BOOKING' });
    if (!turn.matches('booked')) turn.say(textReply(turn.messages.booking.abandoned));
    turn.reprompt = 'resume';
    return;
  }
  if (turn.matches('booked.idle')) return turn.send({ type: 'CANCEL_BOOKING' });
  if (typed) turn.say(textReply(turn.messages.booking.nothingToCancel));
  else turn.reprompt = 'stale';
}

export async function reschedule(turn: TurnState, text: string): Promise<void> {
  await turn.send({ type: 'RESCHEDULE' });
  const day = parseDay(text, turn.services.clock());
  if (day) await turn.send({ type: 'ANOTHER_DAY', day });
}

export async function chooseSlot(turn: TurnState, id: string): Promise<void> {
  const slot = turn.context.booking.offered.find((s) => s.id === id);
  if (slot) return turn.send({ type: 'SLOT_CHOSEN', slot });
  turn.reprompt = 'stale';
}

export function nextField(turn: TurnState): ContactField | undefined {
  const { contact, skipped } = turn.context.booking;
  return CONTACT_FIELDS.find((f) => contact[f] === undefined && !skipped.includes(f));
}

export function helpText(turn: TurnState): string {
  const pending = pendingQuestion(turn.snapshot.value);
  if (!pending) return turn.messages.help.general;
  return fill(turn.messages.help.scoping, { questionHelp: turn.services.questions[pending].help });
}
