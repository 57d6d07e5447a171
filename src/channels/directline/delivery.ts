import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import type { AuthenticateRequestResult, ConnectorFactory } from 'botframework-connector';
import type { WireActivity } from './transcript';

/**
 * Hands a website activity to the bot through CloudAdapter, exactly as an
 * activity from any other channel: the bot sees a `directline` activity with a
 * serviceUrl and replies through botbuilder's ConnectorClient — here to this
 * server's own connector (connector.ts), which logs the reply for the widget;
 * the client given here (in-process-connector.ts) reaches it without a socket.
 *
 * The inbound side needs no network authentication (the activity never left
 * this process), so the AuthenticateRequestResult is built here rather than
 * from a JWT; with MicrosoftAppId configured the identity carries it, as the
 * adapter's own proactive and named-pipe paths do.
 */

export const DIRECTLINE_CHANNEL_ID = 'directline';

export interface Bot {
  run(context: TurnContext): Promise<void>;
  /** Told when a user's data was deleted, so the transcript kept here goes too. */
  onErased?(listener: (conversation: { channelId: string; conversationId: string }) => void): void;
  /** Whether the user of this conversation has consented to their details being kept; unknown counts as no. */
  hasConsent?(conversation: { channelId: string; conversationId: string }): Promise<boolean>;
}

export class BotDelivery {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly auth: AuthenticateRequestResult;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly bot: Bot,
    appId: string | undefined,
    connectorFactory: ConnectorFactory,
    private readonly serviceUrl: () => string,
  ) {
    const claimsIdentity = appId
      ? new ClaimsIdentity(
          [
            { type: AuthenticationConstants.AudienceClaim, value: appId },
            { type: AuthenticationConstants.AppIdClaim, value: appId },
          ],
          true,
        )
      : new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType);
    this.auth = {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      callerId: undefined,
      claimsIdentity,
      connectorFactory,
    };
  }

  /**
   * Runs one turn. Turns of one conversation run one after another, in the
   * order the user sent them; different conversations run side by side.
   */
  deliver(activity: WireActivity): Promise<void> {
    const conversationId = (activity.conversation as { id?: string } | undefined)?.id ?? '';
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const turn = previous
      .catch(() => undefined)
      .then(() => this.adapter.processActivityDirect({ ...this.auth }, { ...activity, serviceUrl: this.serviceUrl() } as unknown as Activity, (context) => this.bot.run(context)));
    const tail = turn.catch(() => undefined);
    this.queues.set(conversationId, tail);
    void tail.then(() => {
      if (this.queues.get(conversationId) === tail) this.queues.delete(conversationId);
    });
    return turn;
  }

  /** Resolves once every turn in flight has finished. */
  async drain(): Promise<void> {
    await Promise.all([...this.queues.values()]);
  }
}
