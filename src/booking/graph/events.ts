import type { Event } from '@microsoft/microsoft-graph-types';
import type { Practitioner } from '../../config/config';
import type { Brief } from '../../leads/brief';
import { mailCopy } from '../../mail/copy';
import type { OutboxStore } from '../../outbox/types';
import { type DeliveryOutcome, OutboxWorker } from '../../outbox/worker';
import type { BookingRecord } from '../store/types';
import { type GraphClient, GraphError, userPath } from './client';
import { movedEvent, newEvent } from './event-body';
import type { EventLinks } from './links';

/**
 * Mirrors bookings in the practitioners' Microsoft 365 calendars. Our store
 * commits first; then the booking id is queued in the outbox (topic
 * `graph.event`), and delivery makes the calendar match the booking as it
 * is then: create the event, move it (PATCH), or cancel it. Delivery is
 * idempotent (a create carries a transactionId; a link is stored once Graph
 * made the event), so a retry after a crash neither loses nor doubles it.
 * Throttling (429) waits for Retry-After; 5xx and network faults back off.
 */

export const EVENT_TOPIC = 'graph.event';
/** Nothing to mirror once the call is a day past. */
const KEEP_AFTER_CALL_MS = 86_400_000;

export interface BookingSnapshot {
  booking: BookingRecord;
  attendee: { name: string; email: string } | null;
  brief: Brief | null;
}

export interface BookingSource {
  snapshot(bookingId: string): Promise<BookingSnapshot | null>;
}

export type EventLog = (event: string, fields: { bookingId: string; failure?: string; retryAt?: string; attempts?: number }) => void;

export class GraphEvents {
  private readonly worker: OutboxWorker;

  constructor(
    private readonly deps: {
      client: GraphClient;
      outbox: OutboxStore;
      links: EventLinks;
      bookings: BookingSource;
      practitioners: readonly Practitioner[];
      clock: () => Date;
      log: EventLog;
    },
  ) {
    this.worker = new OutboxWorker(deps.outbox, EVENT_TOPIC, deps.clock);
  }

  async enqueue(booking: { id: string; end: string }): Promise<void> {
    const now = this.deps.clock();
    const expiresAt = new Date(Math.max(Date.parse(booking.end) + KEEP_AFTER_CALL_MS, now.getTime() + KEEP_AFTER_CALL_MS));
    await this.deps.outbox.enqueue({ topic: EVENT_TOPIC, key: booking.id, payload: { bookingId: booking.id }, now, expiresAt });
  }

  flush() {
    return this.worker.drain(
      (message) => this.deliver((message.payload as { bookingId: string }).bookingId),
      (message, failure, retryAt) =>
        this.deps.log('calendar event not written; will retry', {
          bookingId: (message.payload as { bookingId: string }).bookingId,
          failure,
          retryAt: retryAt.toISOString(),
          attempts: message.attempts + 1,
        }),
    );
  }

  pending(): Promise<number> {
    return this.deps.outbox.pending(EVENT_TOPIC);
  }

  idle(): Promise<void> {
    return this.worker.idle();
  }

  private async deliver(bookingId: string): Promise<DeliveryOutcome> {
    try {
      return await this.sync(bookingId);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      const failure = `${error.status === undefined ? '' : `http-${error.status} `}${error.code}`;
      if (!error.transient) {
        this.deps.log('calendar event refused by Graph; dropped', { bookingId, failure });
        return { kind: 'dropped' };
      }
      const retryAt = error.retryAfterMs === undefined ? undefined : new Date(this.deps.clock().getTime() + error.retryAfterMs);
      return { kind: 'failed', failure, retryAt };
    }
  }

  /** Makes the calendar match the booking as stored now. */
  private async sync(bookingId: string): Promise<DeliveryOutcome> {
    const snapshot = await this.deps.bookings.snapshot(bookingId);
    const link = await this.deps.links.get(bookingId);
    const booking = snapshot?.booking;
    const mailbox = booking ? this.deps.practitioners.find((p) => p.id === booking.practitioner)?.mailbox : undefined;

    if (!booking || booking.status === 'cancelled' || !mailbox) {
      if (link) await this.cancel(link.mailbox, link.eventId, bookingId);
      if (link) this.deps.log('calendar event cancelled', { bookingId });
      return link ? { kind: 'delivered' } : { kind: 'dropped' };
    }
    if (link && link.mailbox === mailbox) {
      try {
        const moved = await this.deps.client.request<Event>('PATCH', `${userPath(mailbox)}/events/${encodeURIComponent(link.eventId)}`, movedEvent(booking));
        await this.deps.links.put({ ...link, joinUrl: moved?.onlineMeeting?.joinUrl ?? link.joinUrl });
        this.deps.log('calendar event moved', { bookingId });
        return { kind: 'delivered' };
      } catch (error) {
        // The practitioner deleted the event by hand: make it again.
        if (!(error instanceof GraphError && error.status === 404)) throw error;
      }
    } else if (link) {
      // Moved to another practitioner: the old calendar's event goes, a new one is made.
      await this.cancel(link.mailbox, link.eventId, bookingId);
    }
    const created = await this.deps.client.request<Event>(
      'POST',
      `${userPath(mailbox)}/events`,
      newEvent({ bookingId, sequence: booking.sequence, start: booking.start, end: booking.end, attendee: snapshot!.attendee, brief: snapshot!.brief }),
    );
    if (!created?.id) throw new GraphError(201, undefined, 'no-event-id');
    await this.deps.links.put({ bookingId, mailbox, eventId: created.id, joinUrl: created.onlineMeeting?.joinUrl ?? null });
    this.deps.log('calendar event created', { bookingId });
    return { kind: 'delivered' };
  }

  /** A cancel of an event already gone is done. */
  private async cancel(mailbox: string, eventId: string, bookingId: string): Promise<void> {
    try {
      await this.deps.client.request('POST', `${userPath(mailbox)}/events/${encodeURIComponent(eventId)}/cancel`, { comment: mailCopy().calendarCancelComment });
    } catch (error) {
      if (!(error instanceof GraphError && error.status === 404)) throw error;
    }
    await this.deps.links.remove(bookingId);
  }
}
