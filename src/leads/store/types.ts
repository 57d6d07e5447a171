import type { Answers } from '../../scoping/questions';
import type { Assessment } from '../../scoping/recommendation';
import type { BookingRecord } from '../../booking/store/types';
import type { Lead } from '../lead';

/**
 * Lead and consent rows as every backend stores them. Methods run inside a
 * records transaction (src/records): the caller decides what is atomic.
 */

export type NewLead = Pick<Lead, 'conversationId' | 'channelId' | 'contact' | 'consent' | 'answers' | 'assessment' | 'profile'> & { now: string };

/** A returning visitor (same email): the newest contact details, answers and profile replace the old; consent is renewed. */
export type LeadUpdate = Pick<Lead, 'contact' | 'consent' | 'answers' | 'assessment' | 'profile'> & { now: string };

/** What `npm run leads -- list` shows: read in one query. */
export interface LeadListing {
  id: string;
  createdAt: string;
  updatedAt: string;
  name: string;
  email: string;
  organisation: string;
  /** How many conversations this lead had (the same email returning). */
  conversations: number;
  pathway: string | null;
  tier: string | null;
  urgency: string | null;
  booking: Omit<LatestBooking, 'practitioner'> | null;
}

/** A lead's active booking if it has one, else its latest. */
export type LatestBooking = Pick<BookingRecord, 'id' | 'start' | 'end' | 'status' | 'practitioner'>;

/** A stored row that could not be read; listed by id and skipped, so one bad row never hides the rest. */
export interface UnreadableLead {
  id: string;
  problem: string;
}

export interface LeadRows {
  /** The consent record and the lead, written together: there is no other way in. */
  insert(lead: NewLead): Promise<string>;
  /** The lead a conversation already registered, if any (registering twice returns the first). */
  idOfConversation(conversationId: string): Promise<string | null>;
  /** The lead registered with this email (compared without case), if any. */
  idOfEmail(email: string): Promise<string | null>;
  /** False when the lead is gone. */
  update(leadId: string, update: LeadUpdate): Promise<boolean>;
  get(leadId: string): Promise<Lead | null>;
  /** False when the lead is gone. */
  setAssessment(leadId: string, answers: Answers, assessment: Assessment | null, now: string): Promise<boolean>;
  /** Every lead, newest first, for the list: one query. */
  listing(onUnreadable?: (row: UnreadableLead) => void): Promise<LeadListing[]>;
  /** Every lead with its latest booking, for the CSV export: one query. */
  everything(onUnreadable?: (row: UnreadableLead) => void): Promise<{ lead: Lead; booking: LatestBooking | null }[]>;
  idsCreatedBefore(cutoff: string): Promise<string[]>;
  /** Erases the lead and its consent record. Bookings must have been detached or deleted first. */
  erase(leadId: string): Promise<{ leads: number; consents: number }>;
}
