import { readFacts, type FactReading } from '../../src/answers/facts';
import { interpretAnswer } from '../../src/answers/interpret';
import { looksLikeQuestion } from '../../src/answers/question-shape';
import { fill } from '../../src/content/copy';
import { isApplicable, QUESTION_ORDER, type Answers, type AnswerValue, type QuestionId } from '../../src/scoping/questions';
import type { Proposal } from '../../machines/scoping/types';
import { INTENT_IDS, isFaqId, type FaqId, type IntentId } from '../../src/intents/ids';
import { faqText } from '../render/faq';
import { labelOf } from '../../src/intents/content';
import { SUGGESTION_FLOOR } from '../../src/intents/recogniser';
import { pendingQuestion } from '../../machines/scoping/progress';
import { faqAnswer, greetingReply, offTopicReply, textReply } from '../render/replies';
import { mentionsReschedule, wantsChange, yesOrNo } from './words';
import { readRevise, soundsLikeCorrection } from './revise';
import { readWhen } from './when';
import { onAction } from './submit';
import { onBookingText } from './booking-text';
import { talkToPerson } from '../handoff';
import {
  answer,
  answerSure,
  askSure,
  back,
  cancelBooking,
  changeProposal,
  confirmProposal,
  helpText,
  newFacts,
  propose,
  recordFacts,
  reschedule,
  revise,
  startScoping,
} from '../moves';
import type { TurnState } from '../turn-state';

/**
 * Typed text: an answer to the pending question, a booking step, a command,
 * a side question, facts volunteered, or something out of scope, in that order.
 */

/** A question clause after an answer: "…, do we still need 42001". */
const ASKS_AS_WELL = /(,|;|\band\b|\bbut\b|\bso\b)\s*(do|does|should|can|could|is|are|what|how|why|which|will|would)\s+\w+/i;

export async function onText(turn: TurnState, text: string): Promise<void> {
  // Suggested actions send their label back as text: treat a label like the button it is.
  const action = actionForLabel(turn, text);
  if (action) return onAction(turn, action);
  if (await onPendingCheck(turn, text)) return;

  const target = readRevise(text);
  if (target) return revise(turn, target);

  const pending = pendingQuestion(turn.snapshot.value);
  const questionShaped = looksLikeQuestion(text);
  if (await onBookingText(turn, text, questionShaped)) return;
  // "Can we move it to Thursday?" is a request about the booking, however it is phrased.
  if (turn.matches('booked.idle') && mentionsReschedule(text)) return reschedule(turn, text);

  // A pending question comes first: a message that reads as an answer is an answer.
  if (pending) {
    const result = interpretAnswer(pending, text);
    if (result.ok) {
      // "We got certified last year, do we still need 42001?" answers the question and asks one.
      if (ASKS_AS_WELL.test(text)) {
        const match = await turn.services.recogniser.recognise(text);
        if (match.intent && isFaqId(match.intent)) {
          turn.apply({ type: 'FAQ_ASKED', faq: match.intent });
          turn.say(faqReply(turn, match.intent));
        }
      }
      if (result.check) return propose(turn, { question: pending, value: result.value, words: text });
      const facts = readFacts(text).filter((f) => f.question !== pending);
      await answer(turn, pending, result.value as never, confidentFacts(facts), text);
      // A fact given in passing is confirmed before it is recorded.
      const passing = facts.find((f) => f.check !== null && turn.context.answers[f.question] === undefined);
      if (passing && pendingQuestion(turn.snapshot.value)) await propose(turn, { ...proposalOf(passing, text), inPassing: true });
      return;
    }
  }
  // "actually, scrap that, we got certified last month": a correction, confirmed before it changes anything.
  if (!questionShaped && (turn.matches('main.scoping') || turn.matches('main.recommended'))) {
    const correction = readCorrection(turn, text);
    if (correction) return propose(turn, proposalOf(correction, text));
  }

  // A "did you mean" suggestion or a follow-up sends its label back: that is the intent it names.
  const suggestion = intentForLabel(turn, text);
  if (suggestion) return onIntent(turn, suggestion, text);

  const match = await turn.services.recogniser.recognise(text);
  if (match.intent) {
    if (turn.context.offTopic > 0) await turn.send({ type: 'ON_TOPIC' });
    return onIntent(turn, match.intent, text);
  }

  const readings = readFacts(text).filter((f) => turn.context.answers[f.question] === undefined);
  const facts = newFacts(turn, confidentFacts(readings));
  if (Object.keys(facts).length > 0) {
    await recordFacts(turn, facts, true, text);
    if (turn.matches('main.welcome')) await turn.send({ type: 'START' });
    return;
  }
  const unsure = readings.find((f) => f.check !== null);
  // Typed at the welcome ("…questionnaires, nobody asked about AI yet"): the questions start and the fact is confirmed first.
  if (unsure && turn.matches('main.welcome')) {
    await turn.send({ type: 'START' });
    if (pendingQuestion(turn.snapshot.value)) return propose(turn, { ...proposalOf(unsure, text), inPassing: true });
  }
  if (unsure && (turn.matches('main.scoping') || turn.matches('main.recommended'))) {
    return propose(turn, { ...proposalOf(unsure, text), inPassing: pending !== unsure.question });
  }
  if (pending && !questionShaped) {
    await turn.send({ type: 'UNMAPPED' });
    turn.reprompt = turn.context.misses >= 2 ? 'reask-help' : 'reask';
    return;
  }
  await turn.send({ type: 'OFF_TOPIC' });
  const suggestions = match.candidates
    .filter((c) => c.score >= SUGGESTION_FLOOR)
    .map((c) => c.intent);
  turn.say(offTopicReply(turn.services.intents, turn.context.offTopic, suggestions, turn.channel, turn.messages));
  turn.reprompt = 'resume';
}

/**
 * A reply to a check the bot is waiting on: "Are you sure?" or "Just to check: … — right?".
 * Yes or no settle it; anything else drops an "are you sure" (nothing is wiped)
 * and leaves a confirm-back open while the message is read as usual.
 */
async function onPendingCheck(turn: TurnState, text: string): Promise<boolean> {
  const yn = yesOrNo(text);
  if (turn.context.unsure) {
    if (yn !== null) {
      await answerSure(turn, yn === 'yes');
      return true;
    }
    await turn.send({ type: 'NOT_SURE' });
  }
  const { proposal } = turn.context;
  if (proposal) {
    if (yn === 'yes') {
      await confirmProposal(turn, proposal);
      return true;
    }
    if (yn === 'no' || wantsChange(text)) {
      await changeProposal(turn);
      return true;
    }
  }
  return false;
}

/**
 * A message that changes an answer already given. A fact the reader is sure
 * of that contradicts a recorded answer counts; when the message sounds like a
 * correction ("actually, scrap that, …"), so does a less sure one, or a reading
 * of it as an answer to exactly one of the questions already answered.
 */
function readCorrection(turn: TurnState, text: string): FactReading | null {
  const { answers } = turn.context;
  const changes = (q: QuestionId, value: string) => answers[q] !== undefined && answers[q] !== value && isApplicable(q, answers);
  const correcting = soundsLikeCorrection(text);
  // A fact the reader is unsure of changes nothing unless the visitor sounds like they are correcting something.
  const fact = readFacts(text).find((f) => changes(f.question, f.value) && (f.check === null || correcting));
  if (fact) return fact;
  if (!correcting) return null;
  const readings = QUESTION_ORDER.filter((question) => answers[question] !== undefined).flatMap((question) => {
    const result = interpretAnswer(question, text);
    return result.ok && changes(question, result.value) ? [{ question, value: result.value, confidence: result.confidence, check: result.check }] : [];
  });
  // One sure reading among unsure ones is the correction meant ("we got certified" reads weakly as other answers too).
  const sure = readings.filter((r) => r.check === null);
  if (sure.length === 1) return sure[0];
  return readings.length === 1 ? readings[0] : null;
}

/** Facts to record straight away: confident, nothing to confirm. */
function confidentFacts(readings: FactReading[]): Answers {
  const facts: Record<string, string> = {};
  for (const reading of readings) if (reading.check === null) facts[reading.question] = reading.value;
  return facts as Answers;
}

const proposalOf = (reading: FactReading, words: string): Proposal => ({
  question: reading.question,
  value: reading.value as AnswerValue,
  words,
});

export async function onIntent(turn: TurnState, intent: IntentId, text: string): Promise<void> {
  if (isFaqId(intent)) {
    turn.apply({ type: 'FAQ_ASKED', faq: intent });
    turn.say(faqReply(turn, intent));
    turn.reprompt = 'resume';
    return;
  }
  const intents = turn.services.intents.intents;
  switch (intent) {
    case 'cmd.start-scoping':
      return startScoping(turn);
    case 'cmd.book-call': {
      // "can we arrange a chat next week": the times named are the first ones offered.
      const window = readWhen(text, turn.services.clock(), 'Europe/London', turn.channel.localTimeZone);
      return turn.send({ type: 'BOOK', ...(window ? { window } : {}) });
    }
    case 'cmd.cancel-booking':
      return mentionsReschedule(text) && turn.matches('booked.idle') ? reschedule(turn, text) : cancelBooking(turn, true);
    case 'cmd.help':
      turn.say(textReply(helpText(turn)));
      turn.reprompt = 'resume';
      return;
    case 'cmd.restart':
      return askSure(turn, 'restart');
    case 'cmd.back':
      return back(turn);
    case 'cmd.human':
      return talkToPerson(turn);
    case 'cmd.privacy':
      turn.say(
        textReply(
          fill(intents['cmd.privacy'].reply ?? '', {
            privacyNoticeUrl: turn.services.config.privacy.noticeUrl,
            retentionDays: turn.services.config.privacy.retentionDays,
          }),
        ),
      );
      turn.reprompt = 'resume';
      return;
    case 'cmd.delete-data':
      return askSure(turn, 'delete-data');
    case 'chat.greeting':
      // At the start the greeting asks what to do next, so it comes with the welcome's choices.
      if (turn.matches('main.welcome')) return turn.say(greetingReply(intents[intent].reply ?? '', turn.messages, turn.channel));
      turn.say(textReply(intents[intent].reply ?? ''));
      turn.reprompt = 'resume';
      return;
    case 'chat.thanks':
    case 'chat.goodbye':
      turn.say(textReply(intents[intent].reply ?? ''));
      turn.reprompt = 'resume';
      return;
  }
}

function faqReply(turn: TurnState, id: FaqId) {
  const text = faqText(turn.services.intents.faq[id], turn.services.config, turn.messages);
  return faqAnswer(turn.services.intents, id, turn.channel, text);
}

function intentForLabel(turn: TurnState, text: string): IntentId | null {
  const wanted = text.trim().toLowerCase();
  return INTENT_IDS.find((intent) => labelOf(turn.services.intents, intent).toLowerCase() === wanted) ?? null;
}

function actionForLabel(turn: TurnState, text: string): string | null {
  const { welcome, recommendation, booking } = turn.messages;
  const labels: [string, string][] = [
    [welcome.choices.start, 'start'],
    [welcome.choices.ask, 'ask'],
    [welcome.choices.book, 'book'],
    [recommendation.actions.book, 'book'],
    [recommendation.actions.ask, 'ask'],
    [recommendation.actions.restart, 'restart'],
    [booking.bookedActions.reschedule, 'reschedule'],
    [booking.bookedActions.cancel, 'cancel-booking'],
  ];
  const wanted = text.trim().toLowerCase();
  return labels.find(([label]) => label.toLowerCase() === wanted)?.[1] ?? null;
}
