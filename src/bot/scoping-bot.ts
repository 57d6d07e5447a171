import { ActivityTypes, TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import { runTurn, type TurnEvent } from '../../dialogs/turn';
import { channelInfo } from '../../dialogs/channel';
import { readInput } from '../../dialogs/input';
import type { TurnServices } from '../../dialogs/services';
import { textReply } from '../../dialogs/render/replies';
import type { Logger } from '../server/logger';
import { ConversationStore } from './conversation-store';
import { KeyedQueue } from './keyed-queue';

/**
 * The bot: for each activity, load the conversation, run one turn, store the
 * result, and only then send the replies, so a reply is never shown for an
 * answer that was not kept. Turns of one conversation run one at a time; a
 * write that lost a race with another process is retried on fresh state.
 */

const MAX_ATTEMPTS = 3;

export interface ScopingBotDeps {
  services: TurnServices;
  conversations: ConversationStore;
  logger: Logger;
  queue?: KeyedQueue;
}

export class ScopingBot extends TeamsActivityHandler {
  readonly queue: KeyedQueue;

  constructor(private readonly deps: ScopingBotDeps) {
    super();
    this.queue = deps.queue ?? new KeyedQueue();
  }

  override async run(context: TurnContext): Promise<void> {
    const event = this.turnEventOf(context);
    if (!event) return;
    const key = ConversationStore.keyFor(context.activity.channelId, context.activity.conversation?.id ?? 'unknown');
    await this.queue.run(key, () => this.handleTurn(context, key, event));
  }

  private turnEventOf(context: TurnContext): TurnEvent | null {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message: {
        if (activity.conversation?.isGroup) TurnContext.removeRecipientMention(activity as Activity);
        return readInput(activity);
      }
      case ActivityTypes.ConversationUpdate: {
        const botId = activity.recipient?.id;
        const joined = (activity.membersAdded ?? []).some((member) => member.id !== botId);
        return joined ? { kind: 'joined' } : null;
      }
      default:
        // Typing, reactions, events and the like need no reply.
        return null;
    }
  }

  private async handleTurn(context: TurnContext, key: string, event: TurnEvent): Promise<void> {
    const { services, conversations, logger } = this.deps;
    const started = Date.now();
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const loaded = await conversations.load(key);
        if (loaded.restarted) logger.warn('conversation restarted', { key, detail: loaded.detail });
        const turnEvent: TurnEvent = loaded.restarted && event.kind !== 'joined' ? { kind: 'restarted' } : event;
        const result = await runTurn(
          loaded.snapshot,
          { event: turnEvent, channel: channelInfo(context.activity), conversationId: key },
          services,
        );
        const saved = await conversations.save(key, result.snapshot, loaded.eTag);
        if (saved.ok) {
          if (result.replies.length > 0) await context.sendActivities(result.replies);
          logger.debug('turn', { key, kind: event.kind, state: result.snapshot.value, ms: Date.now() - started });
          return;
        }
        logger.warn('conversation changed meanwhile; retrying the turn', { key, attempt });
      }
      throw new Error(`conversation ${key} kept changing underneath the turn`);
    } catch (error) {
      logger.error('turn failed', { key, error });
      await context.sendActivity(textReply(services.messages.error));
    }
  }
}
