import type { OutboxMessage, OutboxStore } from '../outbox/types';
import { type DeliveryOutcome, OutboxWorker } from '../outbox/worker';
import type { WebhookEvent } from './events';
import { WEBHOOK_TOPIC } from './feed';
import { EVENT_ID_HEADER, sign, SIGNATURE_HEADER } from './signature';

/**
 * Sends queued events to LEADS_WEBHOOK_URL, in the order they happened, at
 * least once. Each POST carries the event as JSON, its id and a signature.
 * A 2xx is delivered; anything else (or no answer in 10 s) is retried with the
 * outbox's backoff (30 s doubling to 1 hour). While the oldest event waits,
 * later ones wait behind it, so the receiver never sees them out of order.
 * After `maxAttempts` an event goes to the dead-letter list (topic
 * `webhook.dead`, `npm run leads -- webhooks`) and the queue moves on.
 */

export const DEAD_LETTER_TOPIC = 'webhook.dead';
const DEAD_LETTER_KEPT_MS = 30 * 86_400_000;
const TIMEOUT_MS = 10_000;
/** How soon an event held behind an earlier one looks again. */
const WAIT_BEHIND_MS = 5_000;
/** How far ahead the order is checked; a queue longer than this is an outage, and order beyond it is best effort. */
const ORDER_WINDOW = 1000;

export interface DeadLetter {
  event: WebhookEvent;
  failure: string;
  attempts: number;
  deadAt: string;
}

export interface WebhookTarget {
  url: string;
  secret: string;
  maxAttempts: number;
}

export class WebhookDelivery {
  private readonly worker: OutboxWorker;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly target: WebhookTarget,
    private readonly clock: () => Date,
    private readonly post: typeof fetch = fetch,
  ) {
    this.worker = new OutboxWorker(outbox, WEBHOOK_TOPIC, clock);
  }

  /** One pass over what is due; concurrent calls share it. */
  async drain(): Promise<{ delivered: number; failed: number; dead: number }> {
    let dead = 0;
    // The queue as it stands, oldest first: a message goes only once everything before it has gone.
    const order = (await this.outbox.list(WEBHOOK_TOPIC, ORDER_WINDOW)).map((m) => m.key);
    const gone = new Set<string>();
    const mayGo = (key: string) => {
      const at = order.indexOf(key);
      return order.slice(0, at < 0 ? order.length : at).every((k) => gone.has(k));
    };
    const result = await this.worker.drain(async (message): Promise<DeliveryOutcome> => {
      // Waiting behind an earlier event is not an attempt: it must never use up retries towards the dead-letter list.
      if (!mayGo(message.key)) return { kind: 'deferred', retryAt: new Date(this.clock().getTime() + WAIT_BEHIND_MS) };
      const outcome = await this.send(message);
      if (outcome.kind === 'delivered') {
        gone.add(message.key);
        return outcome;
      }
      if (message.attempts + 1 >= this.target.maxAttempts) {
        await this.bury(message, outcome.failure);
        gone.add(message.key);
        dead += 1;
        return { kind: 'dropped' };
      }
      return outcome;
    });
    return { delivered: result.delivered, failed: result.failed, dead };
  }

  idle(): Promise<void> {
    return this.worker.idle();
  }

  deadLetters(limit = 100): Promise<DeadLetter[]> {
    return this.outbox.list(DEAD_LETTER_TOPIC, limit).then((ms) => ms.map((m) => m.payload as DeadLetter));
  }

  private async send(message: OutboxMessage): Promise<{ kind: 'delivered' } | { kind: 'failed'; failure: string }> {
    const event = message.payload as WebhookEvent;
    const body = JSON.stringify(event);
    try {
      const response = await this.post(this.target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'scoping-bot-webhook/1',
          [EVENT_ID_HEADER]: event.id,
          [SIGNATURE_HEADER]: sign(this.target.secret, body, this.clock()),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      return response.ok ? { kind: 'delivered' } : { kind: 'failed', failure: `http-${response.status}` };
    } catch (error) {
      // A code only: errors can echo the request, which holds the brief.
      return { kind: 'failed', failure: ((error as Error)?.name ?? 'error').slice(0, 40) };
    }
  }

  private async bury(message: OutboxMessage, failure: string): Promise<void> {
    const now = this.clock();
    const letter: DeadLetter = { event: message.payload as WebhookEvent, failure, attempts: message.attempts + 1, deadAt: now.toISOString() };
    await this.outbox.enqueue({ topic: DEAD_LETTER_TOPIC, key: message.key, payload: letter, now, expiresAt: new Date(now.getTime() + DEAD_LETTER_KEPT_MS) });
  }
}
