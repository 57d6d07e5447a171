import { ContactSubmitSchema, validateContactSubmit } from '../../src/contact/contact';
import { isAnswerValue, isQuestionId } from '../../src/scoping/questions';
import { pendingQuestion } from '../../machines/scoping/progress';
import type { CardSubmit } from '../input';
import { contactForm } from '../render/booking';
import { textReply } from '../render/replies';
import { answer, answerSure, askSure, changeProposal, confirmProposal, startScoping, declined, cancelBooking, chooseSlot } from '../moves';
import type { TurnState } from '../turn-state';

/**
 * Card submits and button actions: object data checked against the pending
 * question; anything stale or malformed gets a polite note, never a change.
 */

export async function onSubmit(turn: TurnState, data: CardSubmit): Promise<void> {
  if ('action' in data && typeof data.action === 'string' && !('question' in data)) return onAction(turn, data.action);
  const question = (data as { question: string }).question;
  const choice = (data as { answer?: unknown }).answer;
  const pending = pendingQuestion(turn.snapshot.value);

  if (isQuestionId(question)) {
    const { proposal } = turn.context;
    if (data.action === 'change') return proposal?.question === question ? changeProposal(turn) : void (turn.reprompt = 'stale');
    if (!isAnswerValue(question, choice)) return void (turn.reprompt = 'bad-card');
    // Yes on a confirm-back is the same submit as clicking that choice; it may correct an earlier answer.
    if (proposal?.question === question && proposal.value === choice) return confirmProposal(turn, proposal);
    if (pending !== question) return void (turn.reprompt = 'stale');
    return answer(turn, question, choice as never, {});
  }
  switch (question) {
    case 'disclaimer':
      if (!turn.matches('booking.disclaimer')) return void (turn.reprompt = 'stale');
      if (choice === 'accept') return turn.send({ type: 'DISCLAIMER_ACCEPTED', at: turn.now() });
      if (choice === 'decline') return declined(turn, turn.messages.booking.declined);
      return void (turn.reprompt = 'bad-card');
    case 'contact':
      if (!turn.matches('booking.contact')) return void (turn.reprompt = 'stale');
      return onContactSubmit(turn, data);
    case 'slot':
      if (!turn.matches('booking.slot')) return void (turn.reprompt = 'stale');
      if (data.action === 'later' && typeof data.after === 'string') return turn.send({ type: 'MORE_SLOTS', after: data.after });
      if (data.action === 'day') return turn.say(textReply(turn.messages.booking.slotDayPrompt));
      return chooseSlot(turn, typeof choice === 'string' ? choice : '');
    case 'sure':
      if (!turn.context.unsure) return void (turn.reprompt = 'stale');
      if (choice === 'yes' || choice === 'no') return answerSure(turn, choice === 'yes');
      return void (turn.reprompt = 'bad-card');
    case 'confirm':
      if (!turn.matches('booking.confirm')) return void (turn.reprompt = 'stale');
      if (choice === 'yes') return turn.send({ type: 'CONFIRM_YES' });
      if (choice === 'no') return turn.send({ type: 'CONFIRM_NO' });
      return void (turn.reprompt = 'bad-card');
    default:
      turn.reprompt = 'bad-card';
  }
}

export async function onAction(turn: TurnState, action: string): Promise<void> {
  switch (action) {
    case 'start':
      return startScoping(turn);
    case 'ask':
      turn.say(textReply(turn.messages.askPrompt));
      return;
    case 'book':
      return turn.send({ type: 'BOOK' });
    case 'restart':
      return askSure(turn, 'restart');
    case 'reschedule':
      return turn.matches('booked.idle') ? turn.send({ type: 'RESCHEDULE' }) : void (turn.reprompt = 'stale');
    case 'cancel-booking':
      return cancelBooking(turn, false);
    default:
      turn.reprompt = 'bad-card';
  }
}

async function onContactSubmit(turn: TurnState, data: CardSubmit): Promise<void> {
  const parsed = ContactSubmitSchema.safeParse(data);
  if (!parsed.success) return void (turn.reprompt = 'bad-card');
  const result = validateContactSubmit(parsed.data);
  if (result.ok) return turn.send({ type: 'CONTACT_SUBMITTED', contact: result.contact, at: turn.now(), personal: result.personalEmail });
  // Nothing is kept before consent, not even in the re-shown form: refused details are never echoed back.
  if (!result.consent) {
    turn.say(textReply(turn.messages.booking.consentRequired));
    turn.say(contactForm(turn.messages, turn.channel, turn.services.config.privacy.noticeUrl));
  } else {
    // A personal address: one gentle note, and the re-shown form takes that same address when sent again.
    const personal = result.personalEmailQuestion;
    const problems = personal ? { ...result.problems, email: turn.messages.booking.personalEmailFormNote } : result.problems;
    const again: Record<string, string> = personal ? { personalEmailOk: personal } : {};
    turn.say(contactForm(turn.messages, turn.channel, turn.services.config.privacy.noticeUrl, result.good, problems, again));
  }
  turn.promptShown = true;
}
