import { subHours } from 'date-fns/subHours';
import type { Config } from '../config/config';
import type { BookingService, ChangeListener } from '../booking/service';
import type { OutboxMessage, OutboxStore } from '../outbox/types';
import { type DeliveryOutcome, OutboxWorker } from '../outbox/worker';
import { composeBookingEmail } from './compose';
import type { MailKind } from './copy';
import { type MailTransport, SmtpError } from './transport';

/**
 * Emails about bookings, through the outbox so none is lost to a crash or an
 * SMTP outage and none goes twice from two processes (a message is claimed
 * by one worker). Topics:
 * - `mail.booking`: the confirmation, the updated invitation after a move,
 *   the cancellation. Keyed by booking: the newest change replaces one not
 *   yet sent, and the email is built from the booking as it is when sent.
 * - `mail.reminder`: 24 hours before the call (a not-before time, so the
 *   schedule survives restarts); moved with the booking, dropped with it.
 * Messages hold ids only; contact details are read at sending time, so an
 * erased lead gets nothing.
 * With CALENDAR_PROVIDER=graph, Outlook sends the invitations itself, so only
 * the reminder (with the Teams link) goes from here.
 */

export const BOOKING_TOPIC = 'mail.booking';
export const REMINDER_TOPIC = 'mail.reminder';
export const REMINDER_HOURS = 24;
const RETRY_TICK_MS = 15_000;

interface Payload {
  bookingId: string;
  kind: MailKind;
  /** The start the message was queued for: a reminder for a start since moved is not sent. */
  start: string;
}

export type MailLog = (event: string, fields: { bookingId: string; kind?: string; failure?: string; retryAt?: string }) => void;

export class BookingMail {
  private readonly workers: OutboxWorker[];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      config: Config;
      booking: Pick<BookingService, 'snapshot' | 'placeOf' | 'calendarText'>;
      outbox: OutboxStore;
      transport: MailTransport;
      clock: () => Date;
      log: MailLog;
    },
  ) {
    this.workers = [new OutboxWorker(deps.outbox, BOOKING_TOPIC, deps.clock), new OutboxWorker(deps.outbox, REMINDER_TOPIC, deps.clock)];
  }

  /** What the booking service tells this on every committed change. */
  readonly onChanged: ChangeListener = async ({ kind, bookingId, start, end }) => {
    const now = this.deps.clock();
    const { outbox, config } = this.deps;
    const expiresAt = new Date(Date.parse(end));
    if (config.calendar.provider !== 'graph') {
      await outbox.enqueue({ topic: BOOKING_TOPIC, key: bookingId, payload: { bookingId, kind, start } satisfies Payload, now, expiresAt });
    }
    const remindAt = subHours(new Date(start), REMINDER_HOURS);
    if (kind === 'cancelled' || remindAt <= now) {
      // Booked within a day of the call, the confirmation is the reminder.
      await outbox.remove(REMINDER_TOPIC, bookingId);
    } else {
      const payload: Payload = { bookingId, kind: 'reminder', start };
      await outbox.enqueue({ topic: REMINDER_TOPIC, key: bookingId, payload, now, notBefore: remindAt, expiresAt: new Date(Date.parse(start)) });
    }
    if (this.timer) setImmediate(() => void this.flushQuietly());
  };

  /** Sends what is due now, on both topics; concurrent calls share one pass per topic. */
  async flush(): Promise<{ sent: number; failed: number; dropped: number }> {
    const results = await Promise.all(
      this.workers.map((worker) =>
        worker.drain(
          (message) => this.deliver(message),
          (message, failure, retryAt) => {
            const p = message.payload as Payload;
            this.deps.log('email not sent; will retry', { bookingId: p.bookingId, kind: p.kind, failure, retryAt: retryAt.toISOString() });
          },
        ),
      ),
    );
    return results.reduce((sum, r) => ({ sent: sum.sent + r.delivered, failed: sum.failed + r.failed, dropped: sum.dropped + r.dropped }), { sent: 0, failed: 0, dropped: 0 });
  }

  start(): void {
    this.timer = setInterval(() => void this.flushQuietly(), RETRY_TICK_MS);
    this.timer.unref();
    setImmediate(() => void this.flushQuietly());
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.workers.map((w) => w.idle()));
    this.deps.transport.close();
  }

  private flushQuietly() {
    return this.flush().catch((error: Error) => this.deps.log('email outbox failed', { bookingId: '-', failure: error.name }));
  }

  private async deliver(message: OutboxMessage): Promise<DeliveryOutcome> {
    const payload = message.payload as Payload;
    const snapshot = await this.deps.booking.snapshot(payload.bookingId);
    if (!snapshot?.attendee) return { kind: 'dropped' }; // erased: nobody to write to
    const { booking } = snapshot;
    if (payload.kind === 'reminder' && (booking.status !== 'confirmed' || booking.start !== payload.start)) return { kind: 'dropped' };
    const kind: MailKind = payload.kind !== 'reminder' && booking.status === 'cancelled' ? 'cancelled' : payload.kind;
    const place = await this.deps.booking.placeOf(booking.id);
    const email = composeBookingEmail({
      kind,
      attendee: snapshot.attendee,
      slot: booking,
      timeZone: this.deps.config.booking.timeZone,
      place,
      privacyUrl: this.deps.config.privacy.noticeUrl,
      ics: kind === 'reminder' ? null : await this.deps.booking.calendarText(booking.id),
    });
    try {
      await this.deps.transport.send(this.deps.config.mail.from, email);
    } catch (error) {
      if (!(error instanceof SmtpError)) throw error;
      if (error.permanent) {
        this.deps.log('email refused by the mail server; dropped', { bookingId: booking.id, kind, failure: `smtp-${error.responseCode}` });
        return { kind: 'dropped' };
      }
      return { kind: 'failed', failure: `smtp-${error.responseCode ?? error.code}` };
    }
    this.deps.log('email sent', { bookingId: booking.id, kind });
    return { kind: 'delivered' };
  }
}
