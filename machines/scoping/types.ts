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

/**
 * A window of slots the visitor asked for in words ("thursday afternoon",
 * "anything after 3?", "9am my time"), read in `zone`: calendar dates
 * (inclusive) and minutes after midnight (from inclusive, to exclusive).
 * Example: "thursday afternoon" on Tue 1 Dec 2026 → days 2026-12-03..2026-12-03,
 * minutes 720..1080, zone Europe/London.
 */
export interface SlotWindow {
  zone: string;
  days?: { from: string; to: string };
  minutes?: { from: number; to: number };
}

export interface BookingContext {
  disclaimerAcceptedAt: string | null;
  /** Only ever filled after consent (nothing personal is kept before it). */
  contact: Partial<Contact>;
  consentAt: string | null;
  skipped: ContactField[];
  leadId: string | null;
  /** Which page of slots the user is looking at. */
  cursor: { after?: string; day?: string; window?: SlotWindow };
  /** The slots last shown, so "2" means the slot the user saw as the second. */
  offered: OfferedSlot[];
  chosen: OfferedSlot | null;
  slotTaken: boolean;
  rescheduling: boolean;
  current: BookingSummary | null;
  /** A personal address the visitor was asked about once; giving it again (or saying yes) uses it. */
  personalEmailAsked: string | null;
  /** The visitor said they have no work address (a sole trader): a personal one is taken without asking. */
  personalEmailAllowed: boolean;
  /** The email kept is a personal mailbox: the brief says so. */
  personalEmail: boolean;
}

/** A typed reading waiting for "yes" before it is recorded (scoping.md, "On the wire": confirm-back). */
export interface Proposal {
  question: QuestionId;
  value: AnswerValue;
  /** The visitor's own words, kept beside the value once confirmed. */
  words: string;
  /** A fact given in passing for a question not yet asked: once confirmed it counts as volunteered, not asked. */
  inPassing?: boolean;
}

/** Commands that wipe something, waiting for "Are you sure?". */
export type DestructiveCommand = 'restart' | 'delete-data';

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
  /** The visitor's own words beside each answer typed (clicks leave none). */
  words: Partial<Record<QuestionId, string>>;
  /** A reading being confirmed ("Just to check: … — right?"): nothing is recorded until yes. */
  proposal: Proposal | null;
  /** A destructive command asked for and not yet confirmed. */
  unsure: DestructiveCommand | null;
}

export type ScopingEvent =
  | { type: 'START' }
  | { type: 'ANSWER'; question: QuestionId; value: AnswerValue; words?: string }
  | { type: 'PROPOSE'; proposal: Proposal }
  /** "Change" on a confirm-back: the question is asked again. */
  | { type: 'CHANGE' }
  /** "Change my answer about the sector": that question is asked again, the others kept. */
  | { type: 'REVISE'; question: QuestionId }
  | { type: 'FACTS'; answers: Answers; words?: string }
  | { type: 'ASK_SURE'; command: DestructiveCommand }
  | { type: 'NOT_SURE' }
  | { type: 'UNMAPPED' }
  | { type: 'BACK' }
  | { type: 'RESTART' }
  | { type: 'OFF_TOPIC' }
  | { type: 'ON_TOPIC' }
  /** `window`: times named with the request ("can we arrange a chat next week"), offered first at the slot step. */
  | { type: 'BOOK'; window?: SlotWindow }
  | { type: 'DISCLAIMER_ACCEPTED'; at: string }
  | { type: 'DISCLAIMER_DECLINED' }
  | { type: 'CONSENT_GIVEN'; at: string }
  | { type: 'CONSENT_REFUSED' }
  | { type: 'CONTACT_FIELD'; field: ContactField; value: string; personal?: boolean }
  | { type: 'PERSONAL_EMAIL_ASKED'; email: string }
  | { type: 'PERSONAL_EMAIL_ALLOWED' }
  | { type: 'CONTACT_FIELD_SKIPPED'; field: ContactField }
  | { type: 'CONTACT_SUBMITTED'; contact: Contact; at: string; personal?: boolean }
  | { type: 'LEAD_REGISTERED'; leadId: string }
  | { type: 'SLOTS_OFFERED'; slots: OfferedSlot[] }
  | { type: 'MORE_SLOTS'; after: string }
  | { type: 'ANOTHER_DAY'; day: string }
  | { type: 'NARROW_SLOTS'; window: SlotWindow }
  | { type: 'SLOT_CHOSEN'; slot: OfferedSlot }
  | { type: 'CONFIRM_YES' }
  | { type: 'CONFIRM_NO' }
  | { type: 'BOOKED'; booking: BookingSummary }
  | { type: 'SLOT_TAKEN' }
  | { type: 'CANCEL_BOOKING' }
  | { type: 'RESCHEDULE' }
  | { type: 'BOOKING_CANCELLED'; booking: BookingSummary }
  | { type: 'DELETE_DATA' }
  | { type: 'DATA_ERASED' };
