import type { ChannelInfo } from './channel';
import { fill } from '../src/content/copy';
import { applicableAnswers } from '../src/scoping/questions';
import { assess } from '../src/scoping/recommendation';
import { pendingQuestion, progressOf } from '../machines/scoping/progress';
import { bookingMessage, confirmPrompt, contactForm, disclaimerPrompt, fieldPrompt, slotInProse, slotPrompt } from './render/booking';
import { dayInWords } from './render/dates';
import { questionPrompt } from './render/questions';
import { recommendationMessage } from './render/recommendation';
import { textReply, welcomeMessage } from './render/replies';
import { nextField } from './moves';
import { describeWindow } from './render/slot-window';
import { confirmBack } from './render/confirm';
import { inWindow, readWhen } from './understand/when';
import type { SlotWindow } from '../machines/scoping/types';
import type { Reprompt, TurnState } from './turn-state';

/**
 * What the user sees next: the prompt of the state the turn ended in, in full
 * when the state changed, or as a one-line reminder, a re-ask, or not at all.
 */

export async function renderPrompt(turn: TurnState): Promise<void> {
  const changed = JSON.stringify(turn.snapshot.value) !== turn.startValue;
  if (turn.promptShown) return;
  const variant: Reprompt = changed || turn.forceFullPrompt ? 'full' : turn.reprompt;
  if (variant === 'none') return;
  const { messages, channel } = turn;
  const ctx = turn.context;

  const pending = pendingQuestion(turn.snapshot.value);
  // A confirm-back waiting for yes stands in for the question (or the recommendation) until it is settled.
  if (ctx.proposal && (pending || turn.matches('main.recommended'))) {
    turn.say(confirmBack(ctx.proposal, progressOf(ctx, ctx.proposal.question), messages, channel));
    return;
  }
  if (pending) {
    turn.say(questionPrompt({ question: pending, progress: progressOf(ctx, pending), variant }, messages, turn.services.questions, channel));
    return;
  }
  if (turn.matches('main.recommended')) {
    const booked = ctx.booking.current?.status === 'confirmed' ? ctx.booking.current : undefined;
    const bookedFor = booked ? slotInProse(booked, channel, messages) : undefined;
    if (variant === 'full') turn.say(recommendationMessage(assess(applicableAnswers(ctx.answers)), messages, channel, { bookedFor }));
    else if (variant !== 'resume') turn.say(textReply(messages.recommendation.next));
    return;
  }
  if (turn.matches('main.welcome')) {
    if (variant === 'stale' || variant === 'bad-card') turn.say(welcomeMessage(messages, channel));
    return;
  }
  if (turn.matches('booking.disclaimer')) return turn.say(disclaimerPrompt(messages, channel));
  if (turn.matches('booking.contact')) {
    const field = ctx.booking.consentAt ? nextField(turn) : undefined;
    if (field) return turn.say(fieldPrompt(field, messages, turn.fieldProblem));
    return turn.say(contactForm(messages, channel, turn.services.config.privacy.noticeUrl, prefillFrom(channel)));
  }
  if (turn.matches('booking.slot')) return renderSlots(turn);
  if (turn.matches('booking.confirm') && ctx.booking.chosen) return turn.say(confirmPrompt(ctx.booking.chosen, messages, channel));
  // Once booked, the booking is shown when it matters only: on arriving here (booked, or back from a
  // reschedule or cancel left unfinished) and after "book" again; not as a reminder under every reply.
  if (turn.matches('booked.idle') && ctx.booking.current && variant === 'full') {
    turn.say(bookingMessage(messages.booking.alreadyBooked, ctx.booking.current, messages, channel, true));
  }
}

async function renderSlots(turn: TurnState): Promise<void> {
  const { booking: b } = turn.context;
  const { messages, channel } = turn;
  const slots = offerSlots(turn);
  await turn.send({ type: 'SLOTS_OFFERED', slots: slots.map(({ id, start, end }) => ({ id, start, end })) });
  const { window } = b.cursor;
  let lead = b.slotTaken ? messages.booking.slotTaken : b.cursor.day ? fill(messages.booking.slotPromptDay, { day: dayInWords(b.cursor.day) }) : messages.booking.slotPrompt;
  if (window && !b.slotTaken) lead = fill(messages.booking.slotPromptWindow, { window: describeWindow(window, messages, isNextWeek(turn, window)) });
  if (slots.length === 0) lead = b.cursor.after || b.cursor.day || window ? messages.booking.noSlots : messages.booking.noSlotsAtAll;
  turn.say(slotPrompt(slots, lead, messages, channel));
}

/** The slots on offer: the next free ones, or those inside the window the visitor named in words. */
function offerSlots(turn: TurnState) {
  const { cursor } = turn.context.booking;
  const now = turn.services.clock();
  const { window } = cursor;
  if (!window) return turn.services.booking.offerSlots({ now, after: cursor.after, day: cursor.day });
  const count = turn.services.config.booking.offerCount;
  // Every free slot within the horizon is a few hundred at most; the window picks from them.
  return turn.services.booking.offerSlots({ now, limit: Number.MAX_SAFE_INTEGER }).filter((slot) => inWindow(slot.start, window)).slice(0, count);
}

function isNextWeek(turn: TurnState, window: SlotWindow): boolean {
  const week = readWhen('next week', turn.services.clock(), window.zone)?.days;
  return week !== undefined && window.days?.from === week.from && window.days?.to === week.to;
}

function prefillFrom(channel: ChannelInfo): { name?: string; email?: string } {
  const { name, email } = channel.identity ?? {};
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}
