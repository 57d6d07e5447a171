import type { Activity, TurnContext } from 'botbuilder';
import type { BookingService } from '../../booking/service';
import type { Config } from '../../config/config';
import type { Logger } from '../../server/logger';
import type { ChannelHooks, ScopingBot } from '../../bot/scoping-bot';
import type { TurnServices } from '../../../dialogs/services';
import { answeredActivity } from './cards';
import { teamsIdentity, teamsMemberLookup, type MemberLookup } from './identity';
import { BriefOutbox, type FlushResult, type ProactiveAdapter } from './outbox';
import { Practitioners } from './practitioners';
import { TeamsStore } from './store';

export { practitionerCommand } from './practitioners';
export { retryDelayMs } from './outbox';
export type { FlushResult, ProactiveAdapter } from './outbox';

/**
 * The Teams channel: what Teams needs beyond the shared conversation.
 * - the answered question card is replaced by its answer (no live buttons left);
 * - the user's Teams name and email prefill the contact form;
 * - practitioners register the channel where briefs go, and each booking's
 *   brief is posted there through a durable outbox, retried until Teams takes it.
 * Wire it with `createTeamsChannel({...})`, `start()` once listening, `stop()` on shutdown.
 */

export const TEAMS_CHANNEL_ID = 'msteams';
const RETRY_TICK_MS = 15_000;

export interface TeamsChannelDeps {
  config: Config;
  adapter: ProactiveAdapter;
  /** When given, the channel's hooks are installed on it. */
  bot?: ScopingBot;
  booking: BookingService;
  logger: Logger;
  dataDir: string;
  /** For the answered-card labels; defaults to the bot's. Without either, answered cards are not rewritten. */
  services?: TurnServices;
  clock?: () => Date;
  /** Tests replace the roster call. */
  memberLookup?: MemberLookup;
}

export interface TeamsChannel {
  hooks: ChannelHooks;
  /** Posts the due briefs now (the retry loop calls this; tests call it directly). */
  flush(): Promise<FlushResult>;
  pendingBriefs(): number;
  store: TeamsStore;
  /** Starts the retry loop (an unref'd timer) and posts anything left from before a restart. */
  start(): void;
  stop(): Promise<void>;
}

export function createTeamsChannel(deps: TeamsChannelDeps): TeamsChannel {
  const clock = deps.clock ?? (() => new Date());
  const lookup = deps.memberLookup ?? teamsMemberLookup;
  const store = new TeamsStore(TeamsStore.fileIn(deps.dataDir));
  // With no app id (local, no auth) CloudAdapter accepts the empty string and sends unauthenticated.
  const outbox = new BriefOutbox(store, deps.booking, deps.adapter, deps.config.auth.appId ?? '', deps.logger, clock);
  const practitioners = new Practitioners({
    store,
    briefs: deps.booking,
    allowlist: deps.config.teams.practitionerAllowlist,
    lookup,
    logger: deps.logger,
    clock,
  });
  let timer: NodeJS.Timeout | null = null;
  let started = false;

  const flushQuietly = () =>
    outbox.flush().catch((error: Error) => {
      deps.logger.error('teams brief outbox failed', { error: error.name });
      return null;
    });

  const unsubscribe = deps.booking.onBooked(({ leadId, booking }) => {
    outbox.enqueue(leadId, booking.id);
    if (started) setImmediate(() => void flushQuietly());
  });

  const services = deps.services ?? deps.bot?.services;
  const isTeams = (context: TurnContext) => context.activity.channelId === TEAMS_CHANNEL_ID;

  const hooks: ChannelHooks = {
    intercept: async (context) => isTeams(context) && (await practitioners.handle(context)),
    identify: async (context) => {
      if (!isTeams(context)) return null;
      const { name, email } = await teamsIdentity(context, lookup);
      return { name, email };
    },
    afterTurn: async (context, { event, stateChanged }) => {
      const replyTo = context.activity.replyToId;
      if (!isTeams(context) || !services || !replyTo || event.kind !== 'submit' || !stateChanged) return;
      const answered = answeredActivity(replyTo, event.data, services);
      if (answered) await context.updateActivity(answered as Partial<Activity>);
    },
  };
  deps.bot?.useChannelHooks(hooks);

  return {
    hooks,
    store,
    flush: () => outbox.flush(),
    pendingBriefs: () => store.pending(),
    start() {
      if (started) return;
      started = true;
      timer = setInterval(() => void flushQuietly(), RETRY_TICK_MS);
      timer.unref();
      setImmediate(() => void flushQuietly());
    },
    async stop() {
      started = false;
      if (timer) clearInterval(timer);
      timer = null;
      unsubscribe();
      await outbox.idle();
      store.close();
    },
  };
}
