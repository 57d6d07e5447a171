import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { Brief } from '../../leads/brief';
import type { Logger } from '../../server/logger';
import { briefActivity } from './cards';
import type { TeamsStore } from './store';

/**
 * Briefs on their way to the practitioners' channel. A booking puts the lead
 * id in the outbox (durable, before anything is sent); `flush` posts what is
 * due and deletes it only once Teams took it. A failure (channel gone, Teams
 * down, no channel registered yet) leaves the entry with a later retry time:
 * 30 s, 1 min, 2 min, … capped at 1 hour. A brief is dropped only when its
 * lead has been erased.
 */

export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export interface BriefSource {
  brief(leadId: string): Brief | null;
}

export interface FlushResult {
  posted: number;
  failed: number;
  dropped: number;
  waiting: number;
}

const FIRST_RETRY_MS = 30_000;
/** How long one process holds a brief while posting it. */
const CLAIM_MS = 2 * 60_000;
const MAX_RETRY_MS = 60 * 60_000;

/** attempts 1 → 30 s, 2 → 60 s, 3 → 120 s, … 8 and later → 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export class BriefOutbox {
  private flushing: Promise<FlushResult> | null = null;
  private warnedNoDestination = false;

  constructor(
    private readonly store: TeamsStore,
    private readonly briefs: BriefSource,
    private readonly adapter: ProactiveAdapter,
    private readonly appId: string,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  enqueue(leadId: string, bookingId: string): void {
    this.store.enqueue(leadId, bookingId, this.clock());
    this.logger.info('teams brief queued', { leadId, bookingId });
  }

  /** Posts every due brief once; concurrent calls share one pass. */
  flush(): Promise<FlushResult> {
    this.flushing ??= this.pass().finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** Resolves once a pass in progress (if any) is over; starts none. */
  async idle(): Promise<void> {
    await this.flushing?.catch(() => null);
  }

  private async pass(): Promise<FlushResult> {
    const result: FlushResult = { posted: 0, failed: 0, dropped: 0, waiting: 0 };
    const due = this.store.due(this.clock());
    if (due.length === 0) return result;
    const reference = this.store.destination();
    if (!reference) {
      result.waiting = due.length;
      if (!this.warnedNoDestination) this.logger.warn('teams briefs waiting: no practitioners\' channel registered', { waiting: this.store.pending() });
      this.warnedNoDestination = true;
      for (const entry of due) this.store.failed(entry.leadId, new Date(this.clock().getTime() + FIRST_RETRY_MS), 'no-destination');
      return result;
    }
    this.warnedNoDestination = false;
    for (const entry of due) {
      const now = this.clock();
      if (!this.store.claim(entry.leadId, now, new Date(now.getTime() + CLAIM_MS))) continue; // another process has it
      const brief = this.briefs.brief(entry.leadId);
      if (!brief) {
        this.store.posted(entry.leadId);
        result.dropped += 1;
        this.logger.info('teams brief dropped: lead erased', { leadId: entry.leadId });
        continue;
      }
      try {
        await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
          // A new post in the channel, not a reply to the continuation's made-up activity id.
          context.onSendActivities(async (_ctx, activities, next) => {
            for (const activity of activities) delete activity.replyToId;
            return next();
          });
          await context.sendActivity(briefActivity(brief, null) as Partial<Activity>);
        });
        this.store.posted(entry.leadId);
        result.posted += 1;
        this.logger.info('teams brief posted', { leadId: entry.leadId, bookingId: entry.bookingId, attempts: entry.attempts + 1 });
      } catch (error) {
        const attempts = entry.attempts + 1;
        const retryAt = new Date(this.clock().getTime() + retryDelayMs(attempts));
        const failure = failureCode(error);
        this.store.failed(entry.leadId, retryAt, failure);
        result.failed += 1;
        this.logger.warn('teams brief not posted; will retry', { leadId: entry.leadId, attempts, failure, retryAt: retryAt.toISOString() });
      }
    }
    return result;
  }
}

/** A status and code only: connector errors can carry the request body, which holds the brief. */
export function failureCode(error: unknown): string {
  const e = error as { statusCode?: unknown; code?: unknown; name?: unknown; response?: { status?: unknown } } | null;
  const status = e?.statusCode ?? e?.response?.status;
  const code = typeof e?.code === 'string' ? e.code.replace(/[^\w.-]/g, '').slice(0, 40) : undefined;
  const parts = [typeof status === 'number' ? `http-${status}` : undefined, code, typeof e?.name === 'string' ? e.name.slice(0, 40) : undefined];
  return parts.filter(Boolean).join(' ') || 'unknown';
}
