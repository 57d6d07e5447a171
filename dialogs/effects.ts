import { slotInWords } from './render/dates';
import { fill } from '../src/content/copy';
import { applicableAnswers, isApplicable, QUESTION_ORDER } from '../src/scoping/questions';
import { assess } from '../src/scoping/recommendation';
import type { BookingSummary } from '../machines/scoping/types';
import type { LeadNotes } from '../src/leads/lead';
import { bookingMessage, bookingValue } from './render/booking';
import { textReply } from './render/replies';
import type { TurnState } from './turn-state';

/**
 * Effect states: the machine asks for an effect (store a lead, book, cancel,
 * erase); it is carried out here and its outcome reported back as an event.
 */

export async function runEffects(turn: TurnState): Promise<void> {
  const { booking } = turn.services;
  for (let guard = 0; guard < 5; guard += 1) {
    const ctx = turn.context;
    if (turn.matches('booking.registering')) {
      const contact = ctx.booking.contact;
      const answers = applicableAnswers(ctx.answers);
      const { leadId } = booking.registerLead({
        conversationId: turn.request.conversationId,
        channelId: turn.channel.channelId,
        contact: { name: contact.name!, email: contact.email!, organisation: contact.organisation!, role: contact.role, phone: contact.phone },
        consent: { givenAt: new Date(ctx.booking.consentAt!), noticeVersion: turn.services.config.privacy.noticeVersion },
        answers,
        assessment: assessmentIfComplete(turn),
        notes: notesOf(turn),
      });
      turn.apply({ type: 'LEAD_REGISTERED', leadId });
    } else if (turn.matches('booking.committing')) {
      const chosen = ctx.booking.chosen!;
      const now = turn.services.clock();
      if (ctx.booking.leadId) booking.updateLeadAssessment(ctx.booking.leadId, applicableAnswers(ctx.answers), assessmentIfComplete(turn), notesOf(turn));
      const result =
        ctx.booking.rescheduling && ctx.booking.current
          ? booking.reschedule({ bookingId: ctx.booking.current.id, slotId: chosen.id, now })
          : booking.confirm({ leadId: ctx.booking.leadId ?? '', slotId: chosen.id, now });
      if (result.ok) {
        const summary = summaryOf(turn, result.booking);
        turn.apply({ type: 'BOOKED', booking: summary });
        turn.say(bookingMessage(turn.messages.booking.confirmed, summary, turn.messages, turn.channel, true));
        turn.promptShown = true;
      } else {
        turn.apply({ type: 'SLOT_TAKEN' });
      }
    } else if (turn.matches('booked.cancelling')) {
      const current = ctx.booking.current!;
      const result = booking.cancel(current.id);
      const summary: BookingSummary = result.ok ? summaryOf(turn, result.booking) : { ...current, status: 'cancelled' };
      turn.apply({ type: 'BOOKING_CANCELLED', booking: summary });
      turn.say(textReply(fill(turn.messages.booking.cancelled, { time: formatWhen(summary) }), bookingValue(summary)));
      turn.promptShown = true;
    } else if (turn.matches('erasing')) {
      const hadBooking = ctx.booking.current?.status === 'confirmed';
      if (ctx.booking.leadId) booking.deleteLead(ctx.booking.leadId);
      turn.apply({ type: 'DATA_ERASED' });
      turn.erased = true;
      turn.say(textReply(fill(turn.messages.deleted, { booking: hadBooking ? turn.messages.deletedBooking : '' })));
      turn.promptShown = true;
    } else {
      return;
    }
  }
}

function summaryOf(turn: TurnState, view: { id: string; start: string; end: string; status: 'confirmed' | 'cancelled'; icsUrlPath: string }): BookingSummary {
  return { id: view.id, start: view.start, end: view.end, status: view.status, ics: `${turn.services.baseUrl()}${view.icsUrlPath}` };
}

/** The visitor's words beside the answers that still apply, and whether their email is a personal mailbox. */
function notesOf(turn: TurnState): LeadNotes {
  const { words, answers, booking } = turn.context;
  const applicable = applicableAnswers(answers);
  const kept = Object.fromEntries(Object.entries(words).filter(([q]) => applicable[q as keyof typeof applicable] !== undefined));
  return { words: kept, personalEmail: booking.personalEmail };
}

function assessmentIfComplete(turn: TurnState) {
  const answers = applicableAnswers(turn.context.answers);
  const complete = QUESTION_ORDER.every((q) => answers[q] !== undefined || !isApplicable(q, answers));
  return complete ? assess(answers) : null;
}

function formatWhen(booking: BookingSummary): string {
  return slotInWords(booking, 'Europe/London');
}
