import { CONTACT_FIELDS, type ContactField } from '../src/contact/contact';
import { fill } from '../src/content/copy';
import { isApplicable, QUESTION_ORDER, type Answers, type QuestionId } from '../src/scoping/questions';
import type { DestructiveCommand, Proposal } from '../machines/scoping/types';
import { areYouSure } from './render/confirm';
import type { ReviseTarget } from './understand/revise';
import { pendingQuestion } from '../machines/scoping/progress';
import { readWhen } from './understand/when';
import { textReply } from './render/replies';
import type { TurnState } from './turn-state';

/**
 * Moves shared by clicks and typing: each sends machine events and says what the user needs to know.
 */

const BOOKING_STATES = ['disclaimer', 'contact', 'registering', 'slot', 'confirm', 'committing'] as const;

export async function answer(
  turn: TurnState,
  question: (typeof QUESTION_ORDER)[number],
  value: never,
  others: Answers,
  words?: string,
): Promise<void> {
  const facts = newFacts(turn, others);
  if (Object.keys(facts).length > 0) await recordFacts(turn, facts, false, words);
  await turn.send({ type: 'ANSWER', question, value, ...(words ? { words } : {}) });
}

/** "Just to check: … — right?": nothing is recorded until the visitor says yes. */
export async function propose(turn: TurnState, proposal: Proposal): Promise<void> {
  await turn.send({ type: 'PROPOSE', proposal });
  turn.forceFullPrompt = true;
}

/** Yes to the confirm-back: the value is recorded with the visitor's words, and what follows is worked out again. */
export async function confirmProposal(turn: TurnState, proposal: Proposal): Promise<void> {
  const correction = turn.context.answers[proposal.question] !== undefined;
  await turn.send({ type: 'ANSWER', question: proposal.question, value: proposal.value, words: proposal.words });
  if (correction) turn.say(textReply(turn.messages.confirmBack.correctionNoted));
  turn.forceFullPrompt = true;
}

/** Change on the confirm-back: the question is asked again. */
export async function changeProposal(turn: TurnState): Promise<void> {
  await turn.send({ type: 'CHANGE' });
  turn.forceFullPrompt = true;
}

/** "change my answer about the sector": that question again, the others kept. */
export async function revise(turn: TurnState, target: ReviseTarget): Promise<void> {
  const r = turn.messages.revise;
  if (!turn.matches('main.scoping') && !turn.matches('main.recommended')) {
    turn.say(textReply(turn.matches('booking') ? r.duringBooking : r.notYet));
    turn.reprompt = 'resume';
    return;
  }
  const question = questionOf(turn, target);
  if (!question) {
    turn.say(textReply('unspecified' in target ? r.unknown : r.notYet));
    turn.reprompt = 'resume';
    return;
  }
  if (pendingQuestion(turn.snapshot.value) === question) {
    turn.forceFullPrompt = true;
    return;
  }
  await turn.send({ type: 'REVISE', question });
  turn.say(textReply(turn.messages.back.done));
  turn.forceFullPrompt = true;
}

/** The question a revise request names: by topic, or by its place in the order asked ("Question N"). */
function questionOf(turn: TurnState, target: ReviseTarget): QuestionId | null {
  const { answers } = turn.context;
  const pending = pendingQuestion(turn.snapshot.value);
  if ('question' in target) return answers[target.question] !== undefined || pending === target.question ? target.question : null;
  if ('unspecified' in target) return null;
  const asked = turn.context.asked.filter((q) => isApplicable(q, answers) && (answers[q] !== undefined || q === pending));
  const index = target.position === 'last' ? asked.length - 1 : target.position - 1;
  return asked[index] ?? null;
}

/** "start over", "delete my data": asked "Are you sure?" first. */
export async function askSure(turn: TurnState, command: DestructiveCommand): Promise<void> {
  await turn.send({ type: 'ASK_SURE', command });
  const hasBooking = turn.context.booking.current?.status === 'confirmed';
  turn.say(areYouSure(command, hasBooking, turn.messages, turn.channel));
  turn.promptShown = true;
}

/** The answer to "Are you sure?": yes carries the command out; no keeps everything. */
export async function answerSure(turn: TurnState, yes: boolean): Promise<void> {
  const command = turn.context.unsure;
  if (!command) return void (turn.reprompt = 'stale');
  if (!yes) {
    await turn.send({ type: 'NOT_SURE' });
    turn.say(textReply(turn.messages.sure.kept));
    turn.reprompt = 'resume';
    return;
  }
  if (command === 'restart') return restart(turn);
  return turn.send({ type: 'DELETE_DATA' });
}

export function newFacts(turn: TurnState, facts: Answers): Answers {
  const fresh: Answers = {};
  for (const q of QUESTION_ORDER) {
    if (facts[q] !== undefined && turn.context.answers[q] === undefined) (fresh as Record<string, string>)[q] = facts[q]!;
  }
  return fresh;
}

export async function recordFacts(turn: TurnState, facts: Answers, announce = true, words?: string): Promise<void> {
  await turn.send({ type: 'FACTS', answers: facts, ...(words ? { words } : {}) });
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
  // "Can we move it to Thursday afternoon?": the new times start from what they named.
  const window = readWhen(text, turn.services.clock(), 'Europe/London', turn.channel.localTimeZone);
  if (window) await turn.send({ type: 'NARROW_SLOTS', window });
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
