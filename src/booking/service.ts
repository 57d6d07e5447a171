import { subDays } from 'date-fns/subDays';
import type { Config } from '../config/config';
import { Brief, buildBrief, BriefBooking } from '../leads/brief';
import { leadsToCsv } from '../leads/csv';
import type { Contact, Lead, LeadNotes } from '../leads/lead';
import * as leads from '../leads/records';
import type { Answers } from '../scoping/questions';
import type { Assessment } from '../scoping/recommendation';
import type { HolidaySet } from './bank-holidays';
import * as bookings from './bookings';
import { calendarUrlPath, renderCalendar } from './calendar';
import { candidateSlots, dateIn, findCandidate, Slot, slotStartFromId } from './slots';
import { BookingRecord, Db, isUniqueViolation, openRecords, recordsFile } from './store';

/**
 * What the conversation calls to book: offer free slots, register a consenting
 * lead, confirm, cancel, reschedule, erase. Expected outcomes are values; only
 * bugs and broken storage throw.
 */

/** A slot offered to the user, shaped as the `slot` prompt's `choices` on the wire. */
export type SlotOffer = Slot;

export interface BookingView {
  id: string;
  start: string;
  end: string;
  status: 'confirmed' | 'cancelled';
  /** `/calendar/<bookingId>.ics?token=<token>`; a fresh token each time, all stay valid. */
  icsUrlPath: string;
  practitioner: string;
}

export type ConfirmResult = { ok: true; booking: BookingView } | { ok: false; reason: 'slot-taken' | 'slot-unavailable' | 'lead-not-found' };
export type CancelResult = { ok: true; booking: BookingView } | { ok: false; reason: 'not-found' | 'already-cancelled' };
export type RescheduleResult =
  | { ok: true; booking: BookingView }
  | { ok: false; reason: 'not-found' | 'already-cancelled' | 'slot-taken' | 'slot-unavailable' };
export type DeleteLeadResult = { ok: true; cancelled: BookingView[] } | { ok: false; reason: 'lead-not-found' };
export interface PurgeCounts {
  leads: number;
  consents: number;
  bookings: number;
  briefs: number;
}

export interface LeadSummary {
  id: string;
  createdAt: string;
  name: string;
  organisation: string;
  pathway: string | null;
  tier: string | null;
  urgency: string | null;
  booking: { id: string; start: string; end: string; status: 'confirmed' | 'cancelled' } | null;
}

/** Told after a booking is stored; the brief is ready. Listener errors are logged by id and swallowed. */
export type BookedListener = (event: { leadId: string; booking: BookingView; brief: Brief }) => void;

/** Logs carry ids only, never contact details: the type allows nothing else. */
export type BookingLog = (event: string, ids: { leadId?: string; bookingId?: string; error?: string }) => void;

export interface BookingServiceOptions {
  config: Config;
  /** Defaults to `config.dataDir`; the file is `<dataDir>/records.sqlite`. */
  dataDir?: string;
  holidays: HolidaySet;
  clock?: () => Date;
  onBooked?: BookedListener;
  log?: BookingLog;
}

export class BookingService {
  private readonly db: Db;
  private readonly config: Config;
  private readonly holidays: HolidaySet;
  private readonly clock: () => Date;
  private readonly listeners: BookedListener[] = [];
  private readonly log: BookingLog;

  constructor(options: BookingServiceOptions) {
    this.config = options.config;
    this.holidays = options.holidays;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    if (options.onBooked) this.listeners.push(options.onBooked);
    this.db = openRecords(recordsFile(options.dataDir ?? options.config.dataDir));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Adds a listener for new bookings; returns a function that removes it. */
  onBooked(listener: BookedListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Free slots in order. `after`: only slots starting after that slot (the
   * "later" button). `day`: only that London date. `limit` defaults to the
   * configured offer count.
   */
  offerSlots(opts: { now?: Date; after?: string; day?: string; limit?: number }): SlotOffer[] {
    const now = opts.now ?? this.clock();
    const { booking } = this.config;
    const afterStart = opts.after ? slotStartFromId(opts.after)?.toISOString() : undefined;
    const candidates = candidateSlots(booking, now, this.holidays).filter(
      (s) => (afterStart === undefined || s.start > afterStart) && (opts.day === undefined || dateIn(s.start, booking.timeZone) === opts.day),
    );
    if (candidates.length === 0) return [];
    const nearby = bookings.activeBookingsBetween(
      this.db,
      new Date(Date.parse(candidates[0].start) - booking.bufferMinutes * 60_000).toISOString(),
      new Date(Date.parse(candidates.at(-1)!.end) + booking.bufferMinutes * 60_000).toISOString(),
    );
    const limit = opts.limit ?? booking.offerCount;
    const free: SlotOffer[] = [];
    for (const slot of candidates) {
      if (free.length >= limit) break;
      if (booking.practitioners.some((p) => bookings.isFree(slot, p, nearby, booking.bufferMinutes))) free.push(slot);
    }
    return free;
  }

  registerLead(input: {
    conversationId: string;
    channelId: string;
    contact: Contact;
    consent: { givenAt: Date; noticeVersion: string };
    answers: Answers;
    assessment: Assessment | null;
    notes?: LeadNotes;
  }): { leadId: string } {
    const now = this.clock().toISOString();
    // Idempotent per conversation: a turn retried after a write conflict registers once.
    const leadId = this.db
      .transaction(() =>
        leads.leadIdOfConversation(this.db, input.conversationId) ??
        leads.insertLead(this.db, {
          conversationId: input.conversationId,
          channelId: input.channelId,
          contact: input.contact,
          consent: { givenAt: input.consent.givenAt.toISOString(), noticeVersion: input.consent.noticeVersion },
          answers: input.answers,
          assessment: input.assessment,
          notes: input.notes,
          now,
        }),
      )
      .immediate();
    this.log('lead.registered', { leadId });
    return { leadId };
  }

  /** Answers given after registration; refreshes a stored brief. False when the lead is gone. */
  updateLeadAssessment(leadId: string, answers: Answers, assessment: Assessment | null, notes?: LeadNotes): boolean {
    const now = this.clock();
    return this.db
      .transaction(() => {
        if (!leads.setAssessment(this.db, leadId, answers, assessment, now.toISOString(), notes)) return false;
        if (leads.getBrief(this.db, leadId)) this.storeBrief(leadId, now);
        return true;
      })
      .immediate();
  }

  confirm(input: { leadId: string; slotId: string; now?: Date }): ConfirmResult {
    const now = input.now ?? this.clock();
    const slot = findCandidate(this.config.booking, now, this.holidays, input.slotId);
    let result: ConfirmResult;
    let brief: Brief | undefined;
    let repeated = false;
    try {
      result = this.db
        .transaction((): ConfirmResult => {
          if (!leads.getLead(this.db, input.leadId)) return { ok: false, reason: 'lead-not-found' };
          // Confirming again what this lead already holds (a retried turn) returns the same booking.
          const held = bookings.bookingsOfLead(this.db, input.leadId).find((b) => b.status === 'confirmed' && slot && b.start === slot.start);
          if (held) {
            repeated = true;
            return { ok: true, booking: this.view(held, now) };
          }
          if (!slot) return { ok: false, reason: 'slot-unavailable' };
          const practitioner = bookings.freePractitioner(this.db, slot, this.config.booking.practitioners, this.config.booking.bufferMinutes);
          if (!practitioner) return { ok: false, reason: 'slot-taken' };
          const id = bookings.insertBooking(this.db, { leadId: input.leadId, practitioner, slot, now: now.toISOString() });
          brief = this.storeBrief(input.leadId, now);
          return { ok: true, booking: this.view(bookings.getBooking(this.db, id)!, now) };
        })
        .immediate();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      result = { ok: false, reason: 'slot-taken' }; // the index caught what the check could not
    }
    if (result.ok && repeated) {
      this.log('booking.confirmed-again', { leadId: input.leadId, bookingId: result.booking.id });
    } else if (result.ok) {
      this.log('booking.confirmed', { leadId: input.leadId, bookingId: result.booking.id });
      this.notify({ leadId: input.leadId, booking: result.booking, brief: brief! });
    } else {
      this.log(`booking.${result.reason}`, { leadId: input.leadId });
    }
    return result;
  }

  cancel(bookingId: string): CancelResult {
    const now = this.clock();
    return this.db
      .transaction((): CancelResult => {
        const existing = bookings.getBooking(this.db, bookingId);
        if (!existing) return { ok: false, reason: 'not-found' };
        if (existing.status === 'cancelled') return { ok: false, reason: 'already-cancelled' };
        bookings.cancelBooking(this.db, bookingId, now.toISOString());
        if (existing.leadId) this.storeBrief(existing.leadId, now);
        return { ok: true, booking: this.view(bookings.getBooking(this.db, bookingId)!, now) };
      })
      .immediate();
  }

  /**
   * Moves a booking in one transaction: its own span no longer counts (the old
   * slot is freed), then the new slot is taken, on the same practitioner when
   * they are free. If the new slot is taken nothing changes.
   */
  reschedule(input: { bookingId: string; slotId: string; now?: Date }): RescheduleResult {
    const now = input.now ?? this.clock();
    const slot = findCandidate(this.config.booking, now, this.holidays, input.slotId);
    try {
      return this.db
        .transaction((): RescheduleResult => {
          const existing = bookings.getBooking(this.db, input.bookingId);
          if (!existing) return { ok: false, reason: 'not-found' };
          if (existing.status === 'cancelled') return { ok: false, reason: 'already-cancelled' };
          if (!slot) return { ok: false, reason: 'slot-unavailable' };
          const { practitioners, bufferMinutes } = this.config.booking;
          const order = [existing.practitioner, ...practitioners.filter((p) => p !== existing.practitioner)];
          const practitioner = bookings.freePractitioner(this.db, slot, order, bufferMinutes, existing.id);
          if (!practitioner) return { ok: false, reason: 'slot-taken' };
          bookings.moveBooking(this.db, existing.id, practitioner, slot, now.toISOString());
          if (existing.leadId) this.storeBrief(existing.leadId, now);
          return { ok: true, booking: this.view(bookings.getBooking(this.db, existing.id)!, now) };
        })
        .immediate();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return { ok: false, reason: 'slot-taken' };
    }
  }

  /** Erases the lead, contact, consent and brief; active bookings are cancelled and kept, anonymised, for the calendar cancel. */
  deleteLead(leadId: string): DeleteLeadResult {
    const now = this.clock();
    const result = this.db
      .transaction((): DeleteLeadResult => {
        if (!leads.getLead(this.db, leadId)) return { ok: false, reason: 'lead-not-found' };
        const cancelled: BookingView[] = [];
        for (const b of bookings.bookingsOfLead(this.db, leadId)) {
          if (b.status !== 'confirmed') continue;
          bookings.cancelBooking(this.db, b.id, now.toISOString());
          cancelled.push(this.view(bookings.getBooking(this.db, b.id)!, now));
        }
        bookings.detachFromLead(this.db, leadId);
        leads.eraseLead(this.db, leadId);
        return { ok: true, cancelled };
      })
      .immediate();
    if (result.ok) this.log('lead.deleted', { leadId });
    return result;
  }

  /** Leads created more than `privacy.retentionDays` ago, with their bookings, consents and briefs; and anonymised bookings as old. */
  purge(opts: { now?: Date } = {}): PurgeCounts {
    const now = opts.now ?? this.clock();
    const cutoff = subDays(now, this.config.privacy.retentionDays).toISOString();
    return this.db
      .transaction((): PurgeCounts => {
        const counts: PurgeCounts = { leads: 0, consents: 0, bookings: 0, briefs: 0 };
        for (const leadId of leads.leadIdsCreatedBefore(this.db, cutoff)) {
          counts.bookings += bookings.deleteBookingsOfLead(this.db, leadId);
          const erased = leads.eraseLead(this.db, leadId);
          counts.leads += erased.leads;
          counts.consents += erased.consents;
          counts.briefs += erased.briefs;
        }
        counts.bookings += this.db.prepare(`DELETE FROM bookings WHERE lead_id IS NULL AND updated_at < ?`).run(cutoff).changes;
        return counts;
      })
      .immediate();
  }

  /** The iCalendar text, or null when the booking or token is wrong (the route answers 404). */
  calendarFor(bookingId: string, token: string | undefined | null): string | null {
    if (!token || !bookings.tokenMatches(this.db, bookingId, token)) return null;
    const booking = bookings.getBooking(this.db, bookingId);
    if (!booking) return null;
    const lead = booking.leadId ? leads.getLead(this.db, booking.leadId) : null;
    return renderCalendar(booking, lead ? lead.contact : null, this.config.booking.organizerEmail);
  }

  brief(leadId: string): Brief | null {
    return leads.getBrief(this.db, leadId);
  }

  lead(leadId: string): Lead | null {
    return leads.getLead(this.db, leadId);
  }

  listLeads(onSkipped?: leads.SkippedLead): LeadSummary[] {
    return leads.allLeads(this.db, onSkipped).map((lead) => {
      const r = lead.assessment?.recommendation;
      const b = this.latestBooking(lead.id);
      return {
        id: lead.id,
        createdAt: lead.createdAt,
        name: lead.contact.name,
        organisation: lead.contact.organisation,
        pathway: r?.pathway ?? null,
        tier: r?.tier ?? null,
        urgency: r?.urgency ?? null,
        booking: b ? { id: b.id, start: b.start, end: b.end, status: b.status } : null,
      };
    });
  }

  exportCsv(onSkipped?: leads.SkippedLead): string {
    return leadsToCsv(leads.allLeads(this.db, onSkipped).map((lead) => ({ lead, booking: this.latestBooking(lead.id) })));
  }

  /** The active booking if there is one, else the most recent. */
  private latestBooking(leadId: string): BookingRecord | null {
    const all = bookings.bookingsOfLead(this.db, leadId);
    return all.filter((b) => b.status === 'confirmed').at(-1) ?? all.at(-1) ?? null;
  }

  private storeBrief(leadId: string, now: Date): Brief {
    const lead = leads.getLead(this.db, leadId)!;
    const b = this.latestBooking(leadId);
    const part: BriefBooking | null = b ? { id: b.id, start: b.start, end: b.end, status: b.status, practitioner: b.practitioner } : null;
    const brief = buildBrief(lead, part, { now, timeZone: this.config.booking.timeZone });
    leads.saveBrief(this.db, brief, now.toISOString());
    return brief;
  }

  private view(b: BookingRecord, now: Date): BookingView {
    const token = bookings.issueToken(this.db, b.id, now.toISOString());
    return { id: b.id, start: b.start, end: b.end, status: b.status, icsUrlPath: calendarUrlPath(b.id, token), practitioner: b.practitioner };
  }

  private notify(event: Parameters<BookedListener>[0]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log('booking.listener-failed', { leadId: event.leadId, bookingId: event.booking.id, error: (error as Error).name });
      }
    }
  }
}
