import type { Config } from '../config/config';
import type { Brief } from '../leads/brief';
import { briefOf } from '../leads/brief-of';
import type { Records, RecordsTx } from '../records/types';
import type { HolidaySet } from './bank-holidays';
import { busyUntil, freePractitioner, isFree } from './availability';
import { type CallPlace, renderCalendar } from './calendar';
import type { BookingSnapshot, BookingSource } from './graph/events';
import { type BusyTimes, type CalendarProvider, clashes, noCalendar } from './provider/types';
import { candidateSlots, dateIn, findCandidate, Slot, slotStartFromId } from './slots';
import { BookingConflict, type BookingRecord } from './store/types';
import { type BookingView, viewOf } from './view';

/**
 * Bookings: offer free slots, confirm, reschedule, cancel, and the calendar
 * file. Leads are src/leads/service.ts. Expected outcomes are values; only
 * bugs and broken storage throw.
 */

export type { BookingView } from './view';
export type { BookingSnapshot };

/** A slot offered to the user, shaped as the `slot` prompt's `choices` on the wire. */
export type SlotOffer = Slot;

export type ConfirmResult = { ok: true; booking: BookingView } | { ok: false; reason: 'slot-taken' | 'slot-unavailable' | 'lead-not-found' };
export type CancelResult = { ok: true; booking: BookingView } | { ok: false; reason: 'not-found' | 'already-cancelled' };
export type RescheduleResult =
  | { ok: true; booking: BookingView }
  | { ok: false; reason: 'not-found' | 'already-cancelled' | 'slot-taken' | 'slot-unavailable' };

/** Told after a booking is stored (or moved); the brief is ready. Listener errors are logged by id and swallowed. */
export type BookedListener = (event: { leadId: string; booking: BookingView; brief: Brief }) => void | Promise<void>;

/**
 * Told after any committed change to a booking (new, moved, cancelled), with
 * ids only; the listener reads what it needs (the mail outbox). Errors are
 * logged by id and swallowed: the booking stands.
 */
export type ChangeListener = (change: { kind: 'booked' | 'moved' | 'cancelled'; bookingId: string; start: string; end: string }) => void | Promise<void>;

/** Logs carry ids only, never contact details: the type allows nothing else. */
export type BookingLog = (event: string, ids: { leadId?: string; bookingId?: string; error?: string }) => void;

export interface BookingServiceOptions {
  config: Config;
  records: Records;
  holidays: HolidaySet;
  clock?: () => Date;
  onBooked?: BookedListener;
  log?: BookingLog;
  /** Where practitioners' other commitments come from and bookings are mirrored; default: none. */
  calendar?: CalendarProvider;
}

/** A write the database refused (a rival took the slot meanwhile) is re-run this often on fresh data. */
const ATTEMPTS = 3;

type Outcome<R> = { result: R; booked?: { leadId: string; brief: Brief } };

export class BookingService implements BookingSource {
  private readonly records: Records;
  private readonly config: Config;
  private readonly holidays: HolidaySet;
  private readonly clock: () => Date;
  private readonly listeners: BookedListener[] = [];
  private readonly log: BookingLog;
  private readonly changeListeners: ChangeListener[] = [];
  readonly calendar: CalendarProvider;

  constructor(options: BookingServiceOptions) {
    this.calendar = options.calendar ?? noCalendar;
    this.records = options.records;
    this.config = options.config;
    this.holidays = options.holidays;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    if (options.onBooked) this.listeners.push(options.onBooked);
  }

  /** Adds a listener for new bookings; returns a function that removes it. */
  onBooked(listener: BookedListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Adds a listener for every committed change; returns a function that removes it. */
  onChanged(listener: ChangeListener): () => void {
    this.changeListeners.push(listener);
    return () => {
      const i = this.changeListeners.indexOf(listener);
      if (i >= 0) this.changeListeners.splice(i, 1);
    };
  }

  /**
   * Free slots in order. `after`: only slots starting after that slot (the
   * "later" button). `day`: only that London date. `limit` defaults to the
   * configured offer count.
   */
  async offerSlots(opts: { now?: Date; after?: string; day?: string; limit?: number }): Promise<SlotOffer[]> {
    const now = opts.now ?? this.clock();
    const { booking } = this.config;
    const afterStart = opts.after ? slotStartFromId(opts.after)?.toISOString() : undefined;
    const candidates = candidateSlots(booking, now, this.holidays).filter(
      (s) => (afterStart === undefined || s.start > afterStart) && (opts.day === undefined || dateIn(s.start, booking.timeZone) === opts.day),
    );
    if (candidates.length === 0) return [];
    const nearby = await this.records.read((tx) =>
      tx.bookings.activeBetween(
        new Date(Date.parse(candidates[0].start) - booking.bufferMinutes * 60_000).toISOString(),
        new Date(Date.parse(candidates.at(-1)!.end) + booking.bufferMinutes * 60_000).toISOString(),
      ),
    );
    // Cached busy times; if the calendar cannot be read, offers rest on our records and confirm checks again.
    const external = await this.calendar.busy();
    const busy = external.ok ? external.busy : null;
    const limit = opts.limit ?? booking.offerCount;
    const free: SlotOffer[] = [];
    for (const slot of candidates) {
      if (free.length >= limit) break;
      if (booking.practitioners.some((p) => isFree(slot, p, nearby, booking.bufferMinutes) && !this.busyElsewhere(busy, slot, p, nearby))) free.push(slot);
    }
    return free;
  }

  /**
   * Books the slot for the lead. A lead holds one active booking: confirming
   * again the slot it holds (a retried turn) returns that booking; confirming
   * another slot moves the booking there (the visitor lost track of the first,
   * e.g. their conversation state was lost), and the store refuses a second.
   */
  async confirm(input: { leadId: string; slotId: string; now?: Date }): Promise<ConfirmResult> {
    const now = input.now ?? this.clock();
    const slot = findCandidate(this.config.booking, now, this.holidays, input.slotId);
    const busy = slot ? await this.freshBusy() : null;
    let repeated = false;
    let moved = false;
    const outcome = await this.write<ConfirmResult>({ ok: false, reason: 'slot-taken' }, async (tx) => {
      repeated = false;
      if (!(await tx.leads.get(input.leadId))) return { result: { ok: false, reason: 'lead-not-found' } };
      const active = (await tx.bookings.ofLead(input.leadId)).find((b) => b.status === 'confirmed');
      moved = Boolean(active);
      if (active && slot && active.start === slot.start) {
        repeated = true;
        return { result: { ok: true, booking: await viewOf(tx.bookings, active, now) } };
      }
      if (!slot) return { result: { ok: false, reason: 'slot-unavailable' } };
      const id = active ? await this.move(tx, active, slot, now, busy) : await this.insert(tx, input.leadId, slot, now, busy);
      if (!id) return { result: { ok: false, reason: 'slot-taken' } };
      return this.booked(tx, input.leadId, id, now);
    });
    const { result } = outcome;
    if (result.ok && repeated) this.log('booking.confirmed-again', { leadId: input.leadId, bookingId: result.booking.id });
    else if (result.ok) this.log('booking.confirmed', { leadId: input.leadId, bookingId: result.booking.id });
    else this.log(`booking.${result.reason}`, { leadId: input.leadId });
    await this.notify(outcome);
    if (result.ok && !repeated) await this.changed(moved ? 'moved' : 'booked', result.booking);
    return result;
  }

  async cancel(bookingId: string): Promise<CancelResult> {
    const now = this.clock();
    const { result } = await this.write<CancelResult>({ ok: false, reason: 'not-found' }, async (tx) => {
      const existing = await tx.bookings.get(bookingId);
      if (!existing) return { result: { ok: false, reason: 'not-found' } };
      if (existing.status === 'cancelled') return { result: { ok: false, reason: 'already-cancelled' } };
      await tx.bookings.cancel(bookingId, now.toISOString());
      return { result: { ok: true, booking: await viewOf(tx.bookings, (await tx.bookings.get(bookingId))!, now) } };
    });
    if (result.ok) await this.changed('cancelled', result.booking);
    return result;
  }

  /**
   * Moves a booking in one transaction: its own span no longer counts (the old
   * slot is freed), then the new slot is taken, on the same practitioner when
   * they are free. If the new slot is taken nothing changes.
   */
  async reschedule(input: { bookingId: string; slotId: string; now?: Date }): Promise<RescheduleResult> {
    const now = input.now ?? this.clock();
    const slot = findCandidate(this.config.booking, now, this.holidays, input.slotId);
    const busy = slot ? await this.freshBusy() : null;
    const { result } = await this.write<RescheduleResult>({ ok: false, reason: 'slot-taken' }, async (tx) => {
      const existing = await tx.bookings.get(input.bookingId);
      if (!existing) return { result: { ok: false, reason: 'not-found' } };
      if (existing.status === 'cancelled') return { result: { ok: false, reason: 'already-cancelled' } };
      if (!slot) return { result: { ok: false, reason: 'slot-unavailable' } };
      if (!(await this.move(tx, existing, slot, now, busy))) return { result: { ok: false, reason: 'slot-taken' } };
      return { result: { ok: true, booking: await viewOf(tx.bookings, (await tx.bookings.get(existing.id))!, now) } };
    });
    if (result.ok) await this.changed('moved', result.booking);
    return result;
  }

  /** The iCalendar text, or null when the booking or token is wrong (the route answers 404). */
  async calendarFor(bookingId: string, token: string | undefined | null): Promise<string | null> {
    if (!token) return null;
    if (!(await this.records.read((tx) => tx.bookings.tokenMatches(bookingId, token)))) return null;
    return this.calendarText(bookingId);
  }

  /** Bookings cancelled outside this service (a lead's erasure): the calendar and the listeners follow. */
  async cancelledElsewhere(bookings: readonly BookingView[]): Promise<void> {
    for (const booking of bookings) await this.changed('cancelled', booking);
  }

  /** The iCalendar text of a booking as stored now (for the email), without a link token. */
  calendarText(bookingId: string): Promise<string | null> {
    return this.records.read(async (tx) => {
      const booking = await tx.bookings.get(bookingId);
      if (!booking) return null;
      const lead = booking.leadId ? await tx.leads.get(booking.leadId) : null;
      return renderCalendar(booking, lead ? lead.contact : null, this.config.booking.organizerEmail, await this.placeOf(bookingId));
    });
  }

  /** The booking as stored now, with who attends and the brief: what the calendar and the email are made from. */
  snapshot(bookingId: string): Promise<BookingSnapshot | null> {
    return this.records.read(async (tx) => {
      const booking = await tx.bookings.get(bookingId);
      if (!booking) return null;
      const lead = booking.leadId ? await tx.leads.get(booking.leadId) : null;
      const brief = booking.leadId ? await briefOf(tx, booking.leadId, this.config.booking) : null;
      return { booking, attendee: lead ? { name: lead.contact.name, email: lead.contact.email } : null, brief };
    });
  }

  /** How the call takes place: the Teams link when the calendar made one, else the configured detail. */
  async placeOf(bookingId: string): Promise<CallPlace> {
    const joinUrl = this.calendar.joinUrl ? await this.calendar.joinUrl(bookingId) : null;
    return joinUrl ? { location: joinUrl, joinUrl } : { location: this.config.mail.meetingDetails };
  }

  private async insert(tx: RecordsTx, leadId: string, slot: Slot, now: Date, busy: BusyTimes | null): Promise<string | null> {
    const { practitioners, bufferMinutes } = this.config.booking;
    const practitioner = await freePractitioner(tx.bookings, slot, practitioners, bufferMinutes, undefined, (p, ours) => this.busyElsewhere(busy, slot, p, ours));
    if (!practitioner) return null;
    return tx.bookings.insert({ leadId, practitioner, slot, busyUntil: busyUntil(slot, bufferMinutes), now: now.toISOString() });
  }

  /** Its own span no longer counts; the same practitioner first when they are free. */
  private async move(tx: RecordsTx, existing: BookingRecord, slot: Slot, now: Date, busy: BusyTimes | null): Promise<string | null> {
    const { practitioners, bufferMinutes } = this.config.booking;
    const order = [existing.practitioner, ...practitioners.filter((p) => p !== existing.practitioner)];
    const practitioner = await freePractitioner(tx.bookings, slot, order, bufferMinutes, existing.id, (p, ours) => this.busyElsewhere(busy, slot, p, ours));
    if (!practitioner) return null;
    await tx.bookings.move(existing.id, { practitioner, slot, busyUntil: busyUntil(slot, bufferMinutes), now: now.toISOString() });
    return existing.id;
  }

  private async booked(tx: RecordsTx, leadId: string, bookingId: string, now: Date): Promise<Outcome<ConfirmResult>> {
    const booking = await viewOf(tx.bookings, (await tx.bookings.get(bookingId))!, now);
    const brief = (await briefOf(tx, leadId, this.config.booking))!;
    return { result: { ok: true, booking }, booked: { leadId, brief } };
  }

  /**
   * Runs a write transaction; when the database refuses the write (a rival
   * committed the slot between our check and our insert, possible on Postgres),
   * runs it again on fresh data, which then finds the slot taken or another
   * practitioner free. `exhausted` answers if it keeps being refused.
   */
  private async write<R>(exhausted: R, work: (tx: RecordsTx) => Promise<Outcome<R>>): Promise<Outcome<R>> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      try {
        return await this.records.transaction(work);
      } catch (error) {
        if (!(error instanceof BookingConflict)) throw error;
      }
    }
    return { result: exhausted };
  }

  /**
   * Is the practitioner kept from the slot by something in their own
   * calendar? Spans that are exactly one of our bookings of theirs are our
   * own mirrored events, already counted (and, when moving, the one moving).
   */
  private busyElsewhere(busy: BusyTimes | null, slot: Slot, practitioner: string, ours: readonly BookingRecord[]): boolean {
    const spans = busy?.get(practitioner) ?? [];
    return spans.some(
      (span) =>
        clashes(slot, span, this.config.booking.bufferMinutes) &&
        !ours.some((b) => b.practitioner === practitioner && b.status === 'confirmed' && b.start === span.start && b.end === span.end),
    );
  }

  /** Read just before a booking is committed; if the calendar cannot be read the booking goes ahead on our records. */
  private async freshBusy(): Promise<BusyTimes | null> {
    const result = await this.calendar.busy({ fresh: true });
    if (!result.ok) this.log('booking.calendar-unavailable', {});
    return result.ok ? result.busy : null;
  }

  /** After the commit: the calendar provider mirrors it (durably queued), then the listeners hear of it. */
  private async changed(kind: 'booked' | 'moved' | 'cancelled', booking: BookingView): Promise<void> {
    try {
      await this.calendar.changed({ id: booking.id, end: booking.end });
    } catch (error) {
      this.log('booking.calendar-queue-failed', { bookingId: booking.id, error: (error as Error).name });
    }
    for (const listener of [...this.changeListeners]) {
      try {
        await listener({ kind, bookingId: booking.id, start: booking.start, end: booking.end });
      } catch (error) {
        this.log('booking.listener-failed', { bookingId: booking.id, error: (error as Error).name });
      }
    }
  }

  /** Listeners are awaited (the Teams outbox stores the brief before the visitor hears "booked"); their errors are logged. */
  private async notify(outcome: Outcome<ConfirmResult>): Promise<void> {
    if (!outcome.booked || !outcome.result.ok) return;
    const event = { leadId: outcome.booked.leadId, booking: outcome.result.booking, brief: outcome.booked.brief };
    for (const listener of [...this.listeners]) {
      try {
        await listener(event);
      } catch (error) {
        this.log('booking.listener-failed', { leadId: event.leadId, bookingId: event.booking.id, error: (error as Error).name });
      }
    }
  }
}
