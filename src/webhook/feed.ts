import { randomUUID } from 'node:crypto';
import type { Brief } from '../leads/brief';
import type { OutboxStore } from '../outbox/types';
import { type EventType, type WebhookEvent, WebhookEventSchema } from './events';

/**
 * Lead events on their way to the CRM: each is built when it happens (the
 * brief as it is then), checked against the published schema, and written to
 * the outbox under `webhook` before anything is sent (src/webhook/delivery.ts
 * sends it). No webhook configured: nothing is queued.
 */

export const WEBHOOK_TOPIC = 'webhook';
/** An event not delivered in a week is no longer news: it expires (a dead letter is kept longer). */
const EXPIRY_MS = 7 * 86_400_000;

export interface BriefReader {
  brief(leadId: string): Promise<Brief | null>;
}

export interface LeadEvents {
  lead(type: 'lead.created' | 'lead.updated', leadId: string): Promise<void>;
  booking(type: 'booking.confirmed' | 'booking.rescheduled' | 'booking.cancelled', leadId: string, bookingId: string): Promise<void>;
  erased(leadId: string, bookingIds: string[]): Promise<void>;
}

/** For a server without a webhook. */
export const noLeadEvents: LeadEvents = { lead: async () => undefined, booking: async () => undefined, erased: async () => undefined };

export class WebhookFeed implements LeadEvents {
  private last = 0;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly briefs: BriefReader,
    private readonly clock: () => Date,
    /** Told after each event is queued (the server then delivers soon rather than at its next tick). */
    private readonly onQueued: () => void = () => undefined,
  ) {}

  async lead(type: 'lead.created' | 'lead.updated', leadId: string): Promise<void> {
    const brief = await this.briefs.brief(leadId);
    if (brief) await this.queue({ ...this.base(type, leadId), type, data: { brief } });
  }

  async booking(type: 'booking.confirmed' | 'booking.rescheduled' | 'booking.cancelled', leadId: string, bookingId: string): Promise<void> {
    const brief = await this.briefs.brief(leadId);
    if (brief) await this.queue({ ...this.base(type, leadId), type, data: { bookingId, brief } });
  }

  /** Ids only: the person is gone. */
  async erased(leadId: string, bookingIds: string[]): Promise<void> {
    await this.queue({ ...this.base('lead.erased', leadId), type: 'lead.erased', data: { bookingIds } });
  }

  private base(_type: EventType, leadId: string) {
    return { id: `evt_${randomUUID()}`, createdAt: this.clock().toISOString(), leadId };
  }

  private async queue(event: WebhookEvent): Promise<void> {
    const parsed = WebhookEventSchema.parse(event); // a bug if not: the schema is the contract
    // Strictly increasing enqueue times keep events in the order they happened, even within one millisecond.
    const now = Math.max(this.clock().getTime(), this.last + 1);
    this.last = now;
    await this.outbox.enqueue({ topic: WEBHOOK_TOPIC, key: parsed.id, payload: parsed, now: new Date(now), expiresAt: new Date(now + EXPIRY_MS) });
    this.onQueued();
  }
}
