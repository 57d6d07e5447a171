import type { OutboxMessage, OutboxStore } from './types';

/**
 * Delivers one topic's due messages: claims them (so no other worker does),
 * hands each to `deliver`, and records the outcome. A failure is retried with
 * backoff: 30 s, 1 min, 2 min, … capped at 1 hour. Concurrent calls to
 * `drain` in one process share one pass.
 */

/** `retryAt`: the destination said when to come back (HTTP Retry-After); otherwise the backoff decides. */
/** `deferred`: not tried now (it must wait for something else), so no attempt is counted. */
export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'dropped' }
  | { kind: 'failed'; failure: string; retryAt?: Date }
  | { kind: 'deferred'; retryAt: Date };

export interface DrainResult {
  delivered: number;
  failed: number;
  dropped: number;
  deferred: number;
}

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;
/** How long one worker holds a message while delivering it. */
export const CLAIM_MS = 2 * 60_000;
/** A topic never holds more than this; the oldest go first (and are logged by the caller's prune). */
export const MAX_PENDING = 10_000;

/** attempts 1 → 30 s, 2 → 60 s, 3 → 120 s, … 8 and later → 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export class OutboxWorker {
  private draining: Promise<DrainResult> | null = null;

  constructor(
    private readonly store: OutboxStore,
    readonly topic: string,
    private readonly clock: () => Date,
    private readonly batch = 20,
  ) {}

  /** Claims what is due and delivers it; `deliver` decides each outcome. */
  drain(deliver: (message: OutboxMessage) => Promise<DeliveryOutcome>, onFailed?: (m: OutboxMessage, failure: string, retryAt: Date) => void): Promise<DrainResult> {
    this.draining ??= this.pass(deliver, onFailed).finally(() => (this.draining = null));
    return this.draining;
  }

  /** Resolves once a pass in progress (if any) is over. */
  async idle(): Promise<void> {
    await this.draining?.catch(() => null);
  }

  private async pass(
    deliver: (message: OutboxMessage) => Promise<DeliveryOutcome>,
    onFailed?: (m: OutboxMessage, failure: string, retryAt: Date) => void,
  ): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, failed: 0, dropped: 0, deferred: 0 };
    await this.store.prune(this.clock(), MAX_PENDING);
    const now = this.clock();
    const claimed = await this.store.claim(this.topic, now, new Date(now.getTime() + CLAIM_MS), this.batch);
    for (const message of claimed) {
      const outcome = await deliver(message).catch((error: unknown): DeliveryOutcome => ({ kind: 'failed', failure: (error as Error)?.name ?? 'unknown' }));
      if (outcome.kind === 'deferred') {
        await this.store.deferred(message, outcome.retryAt);
        result.deferred += 1;
      } else if (outcome.kind === 'failed') {
        const retryAt = outcome.retryAt ?? new Date(this.clock().getTime() + retryDelayMs(message.attempts + 1));
        await this.store.failed(message, retryAt, outcome.failure);
        onFailed?.(message, outcome.failure, retryAt);
        result.failed += 1;
      } else {
        await this.store.delivered(message);
        result[outcome.kind] += 1;
      }
    }
    return result;
  }
}
