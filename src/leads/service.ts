import { subDays } from 'date-fns/subDays';
import type { Config } from '../config/config';
import type { BookingLog } from '../booking/service';
import { type BookingView, viewOf } from '../booking/view';
import type { Records, RecordsTx } from '../records/types';
import type { Answers } from '../scoping/questions';
import type { Assessment } from '../scoping/recommendation';
import type { Brief } from './brief';
import { briefOf } from './brief-of';
import { leadsToCsv } from './csv';
import { emptyProfile, type Contact, type Lead, type LeadProfile } from './lead';
import type { LeadListing, UnreadableLead } from './store/types';

/**
 * Leads: register a consenting lead, keep its answers current, the
 * practitioner's brief, the list and CSV export, erasure on request and
 * retention. Bookings are src/booking/service.ts.
 */

export type LeadSummary = LeadListing;

/** What the conversation knows beside the answers, passed on with them: see LeadProfile. */
export interface ConversationNotes {
  words?: LeadProfile['words'];
  faqAsked?: string[];
  visitorTimeZone?: string | null;
  /** The email given is a personal mailbox, accepted after one question. */
  personalEmail?: boolean;
}

/** `created` is false when the conversation had registered already, or the email returned (one lead, several conversations). */
export interface Registration {
  leadId: string;
  created: boolean;
}
export type DeleteLeadResult = { ok: true; cancelled: BookingView[] } | { ok: false; reason: 'lead-not-found' };
export interface PurgeCounts {
  leads: number;
  consents: number;
  bookings: number;
  /** Leads purged that had a brief (a booking): the brief goes with them. */
  briefs: number;
}

export interface LeadServiceOptions {
  config: Config;
  records: Records;
  clock?: () => Date;
  log?: BookingLog;
  /** A stored row that could not be read is skipped; this hears which (by id). */
  onUnreadable?: (row: UnreadableLead) => void;
  /** Told of bookings cancelled by an erasure, after the commit (the practitioner's calendar follows). */
  onBookingsCancelled?: (bookings: BookingView[]) => Promise<void>;
  /**
   * Outbox topics whose messages about the lead or its bookings an erasure
   * (or the retention purge) deletes, in the same transaction as the lead.
   * Which and why: src/app/erasure.ts (ERASED_WITH_LEAD).
   */
  erasedTopics?: readonly string[];
}

export class LeadService {
  private readonly records: Records;
  private readonly config: Config;
  private readonly clock: () => Date;
  private readonly log: BookingLog;
  private readonly onUnreadable: (row: UnreadableLead) => void;
  private readonly onBookingsCancelled: (bookings: BookingView[]) => Promise<void>;
  private readonly erasedTopics: readonly string[];

  constructor(options: LeadServiceOptions) {
    this.records = options.records;
    this.config = options.config;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.onBookingsCancelled = options.onBookingsCancelled ?? (async () => undefined);
    this.erasedTopics = options.erasedTopics ?? [];
    this.onUnreadable = options.onUnreadable ?? ((row) => this.log('lead.unreadable', { leadId: row.id, error: row.problem }));
  }

  async registerLead(input: {
    conversationId: string;
    channelId: string;
    contact: Contact;
    consent: { givenAt: Date; noticeVersion: string };
    answers: Answers;
    assessment: Assessment | null;
    notes?: ConversationNotes;
  }): Promise<Registration> {
    const now = this.clock().toISOString();
    const consent = { givenAt: input.consent.givenAt.toISOString(), noticeVersion: input.consent.noticeVersion };
    const visit = { id: input.conversationId, channelId: input.channelId, at: now };
    const result = await this.records.transaction(async (tx): Promise<Registration> => {
      // Idempotent per conversation: a turn retried after a write conflict registers once.
      const registered = await tx.leads.idOfConversation(input.conversationId);
      if (registered) return { leadId: registered, created: false };
      // The same email returning is the same person: one lead, one more conversation.
      const returning = await tx.leads.idOfEmail(input.contact.email);
      const previous = returning ? await tx.leads.get(returning) : null;
      if (returning && previous) {
        const profile = withNotes(previous.profile, input.notes, visit);
        await tx.leads.update(returning, { contact: input.contact, consent, answers: { ...previous.answers, ...input.answers }, assessment: input.assessment ?? previous.assessment, profile, now });
        return { leadId: returning, created: false };
      }
      const leadId = await tx.leads.insert({
        conversationId: input.conversationId,
        channelId: input.channelId,
        contact: input.contact,
        consent,
        answers: input.answers,
        assessment: input.assessment,
        profile: withNotes(emptyProfile(), input.notes, visit),
        now,
      });
      return { leadId, created: true };
    });
    this.log(result.created ? 'lead.registered' : 'lead.returned', { leadId: result.leadId });
    return result;
  }

  /** Answers given after registration (the brief follows, being built from the lead). False when the lead is gone. */
  async updateLeadAssessment(leadId: string, answers: Answers, assessment: Assessment | null, notes?: ConversationNotes): Promise<boolean> {
    const now = this.clock().toISOString();
    return this.records.transaction(async (tx) => {
      if (!notes) return tx.leads.setAssessment(leadId, answers, assessment, now);
      const lead = await tx.leads.get(leadId);
      if (!lead) return false;
      return tx.leads.update(leadId, { contact: lead.contact, consent: lead.consent, answers, assessment, profile: withNotes(lead.profile, notes, null), now });
    });
  }

  /** The practitioner's brief for any lead, booked or not; null when there is no such lead. */
  brief(leadId: string): Promise<Brief | null> {
    return this.records.read((tx) => briefOf(tx, leadId, this.config.booking));
  }

  lead(leadId: string): Promise<Lead | null> {
    return this.records.read((tx) => tx.leads.get(leadId));
  }

  listLeads(): Promise<LeadSummary[]> {
    return this.records.read((tx) => tx.leads.listing(this.onUnreadable));
  }

  async exportCsv(): Promise<string> {
    return leadsToCsv(await this.records.read((tx) => tx.leads.everything(this.onUnreadable)));
  }

  /**
   * Erases the lead, contact and consent; active bookings are cancelled and
   * kept, anonymised, for the calendar cancel. Then the store is scrubbed so
   * no copy stays readable in its log or free pages.
   */
  async deleteLead(leadId: string): Promise<DeleteLeadResult> {
    const now = this.clock();
    const result = await this.records.transaction(async (tx): Promise<DeleteLeadResult> => {
      if (!(await tx.leads.get(leadId))) return { ok: false, reason: 'lead-not-found' };
      const cancelled: BookingView[] = [];
      const bookings = await tx.bookings.ofLead(leadId);
      for (const b of bookings) {
        if (b.status !== 'confirmed') continue;
        await tx.bookings.cancel(b.id, now.toISOString());
        cancelled.push(await viewOf(tx.bookings, (await tx.bookings.get(b.id))!, now));
      }
      await tx.bookings.detachFromLead(leadId);
      await tx.leads.erase(leadId);
      await this.forgetQueued(tx, leadId, bookings.map((b) => b.id));
      return { ok: true, cancelled };
    });
    if (result.ok) {
      await this.records.scrub();
      this.log('lead.deleted', { leadId });
      if (result.cancelled.length > 0) await this.onBookingsCancelled(result.cancelled);
    }
    return result;
  }

  /** Last before the commit: on SQLite it holds the outbox file's write lock until then. */
  private async forgetQueued(tx: RecordsTx, leadId: string, bookingIds: string[]): Promise<void> {
    if (this.erasedTopics.length === 0) return;
    if ((await tx.outbox.forget({ leadId, bookingIds, topics: this.erasedTopics })) > 0) this.log('lead.queued-forgotten', { leadId });
  }

  /** Leads created more than `privacy.retentionDays` ago, with their bookings and consents; and anonymised bookings as old. */
  async purge(opts: { now?: Date } = {}): Promise<PurgeCounts> {
    const now = opts.now ?? this.clock();
    const cutoff = subDays(now, this.config.privacy.retentionDays).toISOString();
    const counts = await this.records.transaction(async (tx): Promise<PurgeCounts> => {
      const counts: PurgeCounts = { leads: 0, consents: 0, bookings: 0, briefs: 0 };
      const subjects: { leadId: string; bookingIds: string[] }[] = [];
      for (const leadId of await tx.leads.idsCreatedBefore(cutoff)) {
        subjects.push({ leadId, bookingIds: (await tx.bookings.ofLead(leadId)).map((b) => b.id) });
        const bookings = await tx.bookings.deleteOfLead(leadId);
        const erased = await tx.leads.erase(leadId);
        counts.bookings += bookings;
        counts.leads += erased.leads;
        counts.consents += erased.consents;
        if (bookings > 0) counts.briefs += 1;
      }
      counts.bookings += await tx.bookings.deleteDetachedBefore(cutoff);
      for (const { leadId, bookingIds } of subjects) await this.forgetQueued(tx, leadId, bookingIds);
      return counts;
    });
    if (counts.leads + counts.bookings > 0) await this.records.scrub();
    return counts;
  }
}

/** Newer words replace older ones per question; FAQ ids are kept once each, in the order first asked. */
function withNotes(profile: LeadProfile, notes: ConversationNotes | undefined, visit: LeadProfile['conversations'][number] | null): LeadProfile {
  const faqAsked = [...profile.faqAsked];
  for (const id of notes?.faqAsked ?? []) if (!faqAsked.includes(id)) faqAsked.push(id);
  const conversations = visit && !profile.conversations.some((c) => c.id === visit.id) ? [...profile.conversations, visit] : profile.conversations;
  return {
    words: { ...profile.words, ...(notes?.words ?? {}) },
    faqAsked,
    visitorTimeZone: notes?.visitorTimeZone ?? profile.visitorTimeZone,
    conversations,
    personalEmail: notes?.personalEmail ?? profile.personalEmail,
  };
}
