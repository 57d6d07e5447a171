import { extractFacts } from '../../src/answers/facts';
import { interpretAnswer } from '../../src/answers/interpret';
import { looksLikeQuestion } from '../../src/answers/question-shape';
import { fill } from '../../src/content/copy';
import type { Answers } from '../../src/scoping/questions';
import { INTENT_IDS, isFaqId, type IntentId } from '../../src/intents/ids';
import { labelOf } from '../../src/intents/content';
import { SUGGESTION_FLOOR } from '../../src/intents/recogniser';
import { pendingQuestion } from '../../machines/scoping/progress';
import { faqAnswer, greetingReply, offTopicReply, textReply } from '../render/replies';
import { mentionsReschedule } from './words';
import { onAction } from './submit';
import { onBookingText } from './booking-text';
import { answer, newFacts, recordFacts, startScoping, restart, back, cancelBooking, reschedule, helpText } from '../moves';
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
  const pending = pendingQuestion(turn.snapshot.value);
  const questionShaped = looksLikeQuestion(text);

  if (pending && !questionShaped) {
    const result = interpretAnswer(pending, text);
    if (result.ok) {
      // "We got certified last year, do we still need 42001?" answers the question and asks one.
      if (ASKS_AS_WELL.test(text)) {
        const match = await turn.services.recogniser.recognise(text);
        if (match.intent && isFaqId(match.intent)) turn.say(faqAnswer(turn.services.intents, match.intent, turn.channel));
      }
      const { [pending]: _same, ...others } = extractFacts(text);
      return answer(turn, pending, result.value as never, others as Answers);
    }
  }
  if (!questionShaped && (await onBookingText(turn, text))) return;
  // "Can we move it to Thursday?" is a request about the booking, however it is phrased.
  if (turn.matches('booked.idle') && mentionsReschedule(text)) return reschedule(turn, text);

  // A "did you mean" suggestion or a follow-up sends its label back: that is the intent it names.
  const suggestion = intentForLabel(turn, text);
  if (suggestion) return onIntent(turn, suggestion, text);

  const match = await turn.services.recogniser.recognise(text);
  if (match.intent) {
    if (turn.context.offTopic > 0) await turn.send({ type: 'ON_TOPIC' });
    return onIntent(turn, match.intent, text);
  }

  const facts = newFacts(turn, extractFacts(text));
  if (Object.keys(facts).length > 0) {
    await recordFacts(turn, facts);
    if (turn.matches('main.welcome')) await turn.send({ type: 'START' });
    return;
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

export async function onIntent(turn: TurnState, intent: IntentId, text: string): Promise<void> {
  if (isFaqId(intent)) {
    turn.say(faqAnswer(turn.services.intents, intent, turn.channel));
    turn.reprompt = 'resume';
    return;
  }
  const intents = turn.services.intents.intents;
  switch (intent) {
    case 'cmd.start-scoping':
      return startScoping(turn);
    case 'cmd.book-call':
      return turn.send({ type: 'BOOK' });
    case 'cmd.cancel-booking':
      return mentionsReschedule(text) && turn.matches('booked.idle') ? reschedule(turn, text) : cancelBooking(turn, true);
    case 'cmd.help':
      turn.say(textReply(helpText(turn)));
      turn.reprompt = 'resume';
      return;
    case 'cmd.restart':
      return restart(turn);
    case 'cmd.back':
      return back(turn);
    case 'cmd.human':
      turn.say(textReply(intents['cmd.human'].reply ?? turn.messages.human, undefined, turn.channel, [turn.messages.welcome.choices.book]));
      return;
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
      return turn.send({ type: 'DELETE_DATA' });
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
