import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { Brief } from '../../leads/brief';
import type { OutboxStore } from '../../outbox/types';
import { OutboxWorker, retryDelayMs } from '../../outbox/worker';
import type { Logger } from '../../server/logger';
import { briefActivity } from './cards';
import { BRIEF_TOPIC } from './topic';

export { retryDelayMs };

/**
 * Briefs on their way to the practitioners' channel, through the generic
 * outbox (src/outbox) under the topic `teams.brief`. A booking queues the lead
 * id (durable, before anything is sent); `flush` posts what is due and
 * deletes it only once Teams took it. A failure (channel gone, Teams down, no
 * channel registered yet) leaves it with a later retry time. A brief is
 * dropped when its lead has been erased, and expires with the call.
 */

export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export interface BriefSource {
  brief(leadId: string): Promise<Brief | null>;
}

export interface DestinationSource {
  destination(): Promise<Partial<ConversationReference> | null>;
}

export interface FlushResult {
  posted: number;
  failed: number;
  dropped: number;
  waiting: number;
}

interface BriefPayload {
  leadId: string;
  bookingId: string;
}

export class BriefOutbox {
  private readonly worker: OutboxWorker;
  private warnedNoDestination = false;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly destinations: DestinationSource,
    private readonly briefs: BriefSource,
    private readonly adapter: ProactiveAdapter,
    private readonly appId: string,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {
    this.worker = new OutboxWorker(outbox, BRIEF_TOPIC, clock);
  }

  /** `callEnd`: the brief is of no use after the call, so it expires then. */
  async enqueue(leadId: string, bookingId: string, callEnd: Date): Promise<void> {
    const payload: BriefPayload = { leadId, bookingId };
    await this.outbox.enqueue({ topic: BRIEF_TOPIC, key: leadId, payload, now: this.clock(), expiresAt: callEnd });
    this.logger.info('teams brief queued', { leadId, bookingId });
  }

  pending(): Promise<number> {
    return this.outbox.pending(BRIEF_TOPIC);
  }

  /** Posts every due brief once; concurrent calls share one pass. */
  async flush(): Promise<FlushResult> {
    const reference = await this.destinations.destination();
    let waiting = 0;
    const drained = await this.worker.drain(
      async (message) => {
        const { leadId, bookingId } = message.payload as BriefPayload;
        if (!reference) {
          waiting += 1;
          return { kind: 'failed', failure: 'no-destination' };
        }
        const brief = await this.briefs.brief(leadId);
        if (!brief) {
          this.logger.info('teams brief dropped: lead erased', { leadId });
          return { kind: 'dropped' };
        }
        try {
          await this.post(reference, brief);
        } catch (error) {
          return { kind: 'failed', failure: failureCode(error) };
        }
        this.logger.info('teams brief posted', { leadId, bookingId, attempts: message.attempts + 1 });
        return { kind: 'delivered' };
      },
      (message, failure, retryAt) => {
        if (failure === 'no-destination') return;
        const { leadId } = message.payload as BriefPayload;
        this.logger.warn('teams brief not posted; will retry', { leadId, attempts: message.attempts + 1, failure, retryAt: retryAt.toISOString() });
      },
    );
    if (waiting > 0 && !this.warnedNoDestination) this.logger.warn("teams briefs waiting: no practitioners' channel registered", { waiting: await this.pending() });
    this.warnedNoDestination = waiting > 0;
    return { posted: drained.delivered, failed: drained.failed - waiting, dropped: drained.dropped, waiting };
  }

  idle(): Promise<void> {
    return this.worker.idle();
  }

  private async post(reference: Partial<ConversationReference>, brief: Brief): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      // A new post in the channel, not a reply to the continuation's made-up activity id.
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const activity of activities) delete activity.replyToId;
        return next();
      });
      await context.sendActivity(briefActivity(brief, null) as Partial<Activity>);
    });
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
