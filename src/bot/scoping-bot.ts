import { ActivityTypes, TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import { runTurn, type TurnEvent } from '../../dialogs/turn';
import { channelInfo } from '../../dialogs/channel';
import { readInput } from '../../dialogs/input';
import type { TurnServices } from '../../dialogs/services';
import { textReply } from '../../dialogs/render/replies';
import type { Logger } from '../server/logger';
import type { ChannelInfo } from '../../dialogs/channel';
import { ConversationStore } from './conversation-store';
import { KeyedQueue } from './keyed-queue';
import type { TurnLock } from './turn-lock';

/**
 * The bot: for each activity, load the conversation, run one turn, store the
 * result, and only then send the replies, so a reply is never shown for an
 * answer that was not kept. Turns of one conversation run one at a time; a
 * write that lost a race with another process is retried on fresh state.
 */

const MAX_ATTEMPTS = 3;

/**
 * What a channel (Teams) adds around the scoping turn. All optional: without
 * hooks the bot behaves the same on every channel.
 */
export interface ChannelHooks {
  /** Before the scoping turn, mention already stripped: true when the activity was handled here (e.g. practitioner commands). */
  intercept?(context: TurnContext): Promise<boolean>;
  /** Name and email to prefill the contact form with; only asked when the form may be shown next. */
  identify?(context: TurnContext): Promise<ChannelInfo['identity'] | null>;
  /** After the replies went out: e.g. replace the card that was just answered. Errors are logged, not shown. */
  afterTurn?(context: TurnContext, outcome: { event: TurnEvent; stateChanged: boolean }): Promise<void>;
}

export type ErasedListener = (conversation: { channelId: string; conversationId: string }) => void | Promise<void>;

export interface ScopingBotDeps {
  services: TurnServices;
  conversations: ConversationStore;
  logger: Logger;
  queue?: KeyedQueue;
  /** Several instances on one database: a turn also holds this conversation's lock there (src/bot/turn-lock.ts). */
  turnLock?: TurnLock;
}

export class ScopingBot extends TeamsActivityHandler {
  readonly queue: KeyedQueue;
  private hooks: ChannelHooks = {};
  private readonly erasedListeners: ErasedListener[] = [];

  constructor(private readonly deps: ScopingBotDeps) {
    super();
    this.queue = deps.queue ?? new KeyedQueue();
  }

  /** What each turn is given: content, booking, config. */
  get services(): TurnServices {
    return this.deps.services;
  }

  /** Channel-specific behaviour (src/channels/teams); one set of hooks, replaced on each call. */
  useChannelHooks(hooks: ChannelHooks): void {
    this.hooks = hooks;
  }

  override async run(context: TurnContext): Promise<void> {
    if (!this.addressedToBot(context)) return;
    // A card submit carries no text: nothing to strip a mention from (botbuilder would crash on it).
    if (context.activity.type === ActivityTypes.Message && context.activity.conversation?.isGroup && typeof context.activity.text === 'string') {
      TurnContext.removeRecipientMention(context.activity as Activity);
    }
    if (this.hooks.intercept && (await this.interceptSafely(context))) return;
    const event = this.turnEventOf(context);
    if (!event) return;
    const key = ConversationStore.keyFor(context.activity.channelId, context.activity.conversation?.id ?? 'unknown');
    const lock = this.deps.turnLock;
    await this.queue.run(key, () => (lock ? lock.run(key, () => this.handleTurn(context, key, event)) : this.handleTurn(context, key, event)));
  }

  /**
   * In group conversations (a Teams channel or group chat) a typed message is
   * for the bot only when it mentions the bot; card clicks always are.
   */
  private addressedToBot(context: TurnContext): boolean {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message || !activity.conversation?.isGroup) return true;
    if (activity.value !== undefined && activity.value !== null && !activity.text?.trim()) return true;
    const botId = activity.recipient?.id;
    return TurnContext.getMentions(activity as Activity).some((mention) => mention.mentioned?.id === botId);
  }

  private async interceptSafely(context: TurnContext): Promise<boolean> {
    try {
      return await this.hooks.intercept!(context);
    } catch (error) {
      this.deps.logger.error('channel hook failed', { error: (error as Error).name, conversation: context.activity.conversation?.id });
      await context.sendActivity(textReply(this.deps.services.messages.error));
      return true;
    }
  }

  /** Only when the next prompt may be the contact form: the identity lookup may cost a roster call. */
  private async identityFor(context: TurnContext, snapshot: { matches(state: never): boolean }): Promise<ChannelInfo['identity'] | null> {
    if (!this.hooks.identify) return null;
    if (!snapshot.matches('booking.disclaimer' as never) && !snapshot.matches('booking.contact' as never)) return null;
    try {
      return await this.hooks.identify(context);
    } catch {
      return null;
    }
  }

  private turnEventOf(context: TurnContext): TurnEvent | null {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message:
        return readInput(activity);
      case ActivityTypes.ConversationUpdate: {
        const botId = activity.recipient?.id;
        const members = Array.isArray(activity.membersAdded) ? activity.membersAdded : [];
        const joined = members.some((member) => typeof member?.id === 'string' && member.id !== botId);
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
        const identity = await this.identityFor(context, loaded.snapshot);
        const channel = { ...channelInfo(context.activity), ...(identity ? { identity } : {}) };
        const result = await runTurn(loaded.snapshot, { event: turnEvent, channel, conversationId: key }, services);
        const saved = await conversations.save(key, result.snapshot, loaded.eTag);
        if (saved.ok) {
          await services.funnel?.turn({
            isNew: loaded.eTag === null,
            before: loaded.snapshot,
            after: result.snapshot,
            events: result.events,
            channelId: channel.channelId,
            text: turnEvent.kind === 'text' ? turnEvent.text : null,
          });
          // Before the replies go out, so the confirmation is all that remains of the conversation.
          if (result.erased) await this.notifyErased(context);
          if (result.replies.length > 0) await context.sendActivities(result.replies);
          await this.afterTurn(context, turnEvent, () => JSON.stringify(result.snapshot.value) !== JSON.stringify(loaded.snapshot.value));
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

  /**
   * Channels that keep their own copy of a conversation (the website's
   * transcript) subscribe here to forget it when the user deletes their data.
   */
  onErased(listener: ErasedListener): void {
    this.erasedListeners.push(listener);
  }

  /**
   * Whether the user of a conversation has consented to their details being
   * kept; channels that keep their own copy (the website transcript) redact
   * contact details until then.
   */
  async hasConsent(conversation: { channelId: string; conversationId: string }): Promise<boolean> {
    return this.deps.conversations.consentRecorded(ConversationStore.keyFor(conversation.channelId, conversation.conversationId));
  }

  private async notifyErased(context: TurnContext): Promise<void> {
    const ref = { channelId: context.activity.channelId, conversationId: context.activity.conversation.id };
    for (const listener of this.erasedListeners) {
      try {
        await listener(ref);
      } catch (error) {
        this.deps.logger.error('forgetting an erased conversation failed', { channelId: ref.channelId, error });
      }
    }
  }

  /** `stateChanged` is worked out only for a channel that asks (Teams). */
  private async afterTurn(context: TurnContext, event: TurnEvent, stateChanged: () => boolean): Promise<void> {
    if (!this.hooks.afterTurn) return;
    try {
      await this.hooks.afterTurn(context, { event, stateChanged: stateChanged() });
    } catch (error) {
      this.deps.logger.warn('channel after-turn hook failed', { error: (error as Error).name, conversation: context.activity.conversation?.id });
    }
  }
}
