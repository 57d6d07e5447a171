import type { Contact, ContactField } from '../../src/contact/contact';
import type { Answers, AnswerValue, QuestionId } from '../../src/scoping/questions';

export interface OfferedSlot {
  id: string;
  start: string;
  end: string;
}

export interface BookingSummary {
  id: string;
  start: string;
  end: string;
  status: 'confirmed' | 'cancelled';
  ics: string;
}

export interface BookingContext {
  disclaimerAcceptedAt: string | null;
  /** Only ever filled after consent (nothing personal is kept before it). */
  contact: Partial<Contact>;
  consentAt: string | null;
  skipped: ContactField[];
  leadId: string | null;
  /** Which page of slots the user is looking at. */
  cursor: { after?: string; day?: string };
  /** The slots last shown, so "2" means the slot the user saw as the second. */
  offered: OfferedSlot[];
  chosen: OfferedSlot | null;
  slotTaken: boolean;
  rescheduling: boolean;
  current: BookingSummary | null;
}

export interface ScopingContext {
  answers: Answers;
  /** Questions the bot asked and the user answered, in order: what `back` undoes. */
  asked: QuestionId[];
  /** Questions filled by facts the user volunteered, never asked. */
  volunteered: QuestionId[];
  /** Consecutive answers to the pending question the bot could not map. */
  misses: number;
  /** Consecutive messages that were out of scope. */
  offTopic: number;
  booking: BookingContext;
  /** FAQ ids the visitor asked, for the practitioner's brief. Optional: conversations stored before it have none. */
  faqAsked?: string[];
}

export type ScopingEvent =
  | { type: 'START' }
  | { type: 'ANSWER'; question: QuestionId; value: AnswerValue }
  | { type: 'FACTS'; answers: Answers }
  | { type: 'UNMAPPED' }
  | { type: 'BACK' }
  | { type: 'RESTART' }
  | { type: 'OFF_TOPIC' }
  | { type: 'ON_TOPIC' }
  | { type: 'BOOK' }
  | { type: 'DISCLAIMER_ACCEPTED'; at: string }
  | { type: 'DISCLAIMER_DECLINED' }
  | { type: 'CONSENT_GIVEN'; at: string }
  | { type: 'CONSENT_REFUSED' }
  | { type: 'CONTACT_FIELD'; field: ContactField; value: string }
  | { type: 'CONTACT_FIELD_SKIPPED'; field: ContactField }
  | { type: 'CONTACT_SUBMITTED'; contact: Contact; at: string }
  | { type: 'LEAD_REGISTERED'; leadId: string }
  | { type: 'SLOTS_OFFERED'; slots: OfferedSlot[] }
  | { type: 'MORE_SLOTS'; after: string }
  | { type: 'ANOTHER_DAY'; day: string }
  | { type: 'SLOT_CHOSEN'; slot: OfferedSlot }
  | { type: 'CONFIRM_YES' }
  | { type: 'CONFIRM_NO' }
  | { type: 'BOOKED'; booking: BookingSummary }
  | { type: 'SLOT_TAKEN' }
  | { type: 'CANCEL_BOOKING' }
  | { type: 'RESCHEDULE' }
  | { type: 'BOOKING_CANCELLED'; booking: BookingSummary }
  | { type: 'FAQ_ASKED'; faq: string }
  | { type: 'DELETE_DATA' }
  | { type: 'DATA_ERASED' };
