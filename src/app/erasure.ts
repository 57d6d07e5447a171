import { BRIEF_TOPIC } from '../channels/teams/topic';
import { BOOKING_TOPIC, REMINDER_TOPIC } from '../mail/booking-mail';
import { DEAD_LETTER_TOPIC } from '../webhook/delivery';
import { WEBHOOK_TOPIC } from '../webhook/feed';

/**
 * Outbox topics whose messages about a lead go when the lead is erased (or
 * purged), undelivered or dead-lettered alike:
 * - `webhook`, `webhook.dead`: lead and booking events carry the brief (name,
 *   email, phone, answers). The `lead.erased` event (ids only) is queued after
 *   the erase and goes out.
 * - `mail.booking`, `mail.reminder`: ids only (the email is built at sending
 *   time), but nobody is left to write to. No cancellation email follows an
 *   erasure: the address is gone with the lead, and the visitor was told in
 *   the conversation that the call is cancelled.
 * - `teams.brief`: ids only; a brief about a person who is gone has no use.
 * Not here: `graph.event` (ids only; the cancel must still reach the
 * practitioner's calendar, and Outlook tells the attendee from its own event).
 */
export const ERASED_WITH_LEAD: readonly string[] = [WEBHOOK_TOPIC, DEAD_LETTER_TOPIC, BOOKING_TOPIC, REMINDER_TOPIC, BRIEF_TOPIC];
