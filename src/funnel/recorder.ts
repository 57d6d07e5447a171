import { pendingQuestion } from '../../machines/scoping/progress';
import { redact } from '../server/logger';
import { FunnelBatch } from './batch';
import { funnelSteps, type TurnFacts } from './steps';
import type { FunnelStore } from './store/types';

/**
 * Counts each stored turn into the funnel (after the turn is saved, so a
 * retried turn counts once), and keeps a misunderstood message with contact
 * details masked. Counting never fails a turn: a problem is logged. Counts
 * are batched (src/funnel/batch.ts): `flush` before reading them, `close` on
 * shutdown.
 */

const MAX_MISS_CHARS = 500;

export class FunnelRecorder {
  private readonly counts: FunnelBatch;

  constructor(
    private readonly store: FunnelStore,
    private readonly clock: () => Date,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.counts = new FunnelBatch(store, onError);
  }

  /** Writes the counts still held in memory. */
  flush(): Promise<void> {
    return this.counts.flush();
  }

  async turn(facts: TurnFacts & { channelId: string; text: string | null }): Promise<void> {
    try {
      const steps = funnelSteps(facts);
      const now = this.clock();
      this.counts.add(now.toISOString().slice(0, 10), channelOf(facts.channelId), steps);
      if (facts.text && steps.includes('misunderstood')) {
        await this.store.addMiss({
          at: now.toISOString(),
          channel: channelOf(facts.channelId),
          question: pendingQuestion(facts.before.value) ?? null,
          text: mask(facts.text),
        });
      }
    } catch (error) {
      this.onError(error as Error);
    }
  }
}

/** Email addresses and phone numbers become [email] and [phone]; long messages are cut. */
export function mask(text: string): string {
  return redact(text).slice(0, MAX_MISS_CHARS);
}

/** Channel ids are the channel's own; anything odd is bucketed so it cannot fill the table. */
function channelOf(channelId: string): string {
  return /^[\w.-]{1,40}$/.test(channelId) ? channelId : 'other';
}
