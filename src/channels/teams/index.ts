import type { Activity, TurnContext } from 'botbuilder';
import type { BookingService } from '../../booking/service';
import type { LeadService } from '../../leads/service';
import type { OutboxStore } from '../../outbox/types';
import { SqliteOutbox } from '../../outbox/sqlite';
import type { Config } from '../../config/config';
import type { Logger } from '../../server/logger';
import type { ChannelHooks, ScopingBot } from '../../bot/scoping-bot';
import type { TurnServices } from '../../../dialogs/services';
import { answeredActivity } from './cards';
import { teamsIdentity, teamsMemberLookup, type MemberLookup } from './identity';
import { BriefOutbox, type FlushResult, type ProactiveAdapter } from './outbox';
import { Practitioners } from './practitioners';
import { BRIEF_TOPIC } from './topic';
import { TeamsHandoff } from './handoff';
import { SqliteTeamsStore, type TeamsStore } from './store';

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
  leads: LeadService;
  logger: Logger;
  dataDir: string;
  /** The shared stores (Postgres); unset: SQLite files under dataDir, opened and closed by the channel. */
  stores?: { teams: TeamsStore; outbox: OutboxStore };
  /** For the answered-card labels; defaults to the bot's. Without either, answered cards are not rewritten. */
  services?: TurnServices;
  clock?: () => Date;
  /** Tests replace the roster call. */
  memberLookup?: MemberLookup;
}

export interface TeamsChannel {
  hooks: ChannelHooks;
  /** "Talk to a person" requests, posted to the practitioners' channel. */
  handoff: TeamsHandoff;
  /** Posts the due briefs now (the retry loop calls this; tests call it directly). */
  flush(): Promise<FlushResult>;
  pendingBriefs(): Promise<number>;
  store: TeamsStore;
  /** Starts the retry loop (an unref'd timer) and posts anything left from before a restart. */
  start(): void;
  stop(): Promise<void>;
}

export function createTeamsChannel(deps: TeamsChannelDeps): TeamsChannel {
  const clock = deps.clock ?? (() => new Date());
  const lookup = deps.memberLookup ?? teamsMemberLookup;
  const owned = deps.stores ? null : { teams: new SqliteTeamsStore(SqliteTeamsStore.fileIn(deps.dataDir)), outbox: new SqliteOutbox(SqliteOutbox.fileIn(deps.dataDir)) };
  const { teams: store, outbox: outboxStore } = deps.stores ?? owned!;
  // With no app id (local, no auth) CloudAdapter accepts the empty string and sends unauthenticated.
  const outbox = new BriefOutbox(outboxStore, store, deps.leads, deps.adapter, deps.config.auth.appId ?? '', deps.logger, clock);
  const moved = owned ? owned.teams.moveLegacyOutbox(outboxStore, BRIEF_TOPIC, clock(), new Date(clock().getTime() + 30 * 86_400_000)) : Promise.resolve(0);
  const practitioners = new Practitioners({
    store,
    briefs: deps.leads,
    allowlist: deps.config.teams.practitionerAllowlist,
    lookup,
    logger: deps.logger,
    clock,
  });
  let timer: NodeJS.Timeout | null = null;
  let started = false;

  const flushQuietly = () =>
    moved.then(() => outbox.flush()).catch((error: Error) => {
      deps.logger.error('teams brief outbox failed', { error: error.name });
      return null;
    });

  const unsubscribe = deps.booking.onBooked(async ({ leadId, booking }) => {
    await outbox.enqueue(leadId, booking.id, new Date(booking.end));
    if (started) setImmediate(() => void flushQuietly());
  });

  const services = deps.services ?? deps.bot?.services;
  // "Talk to a person" posts to the registered channel, from Teams and the website alike.
  const handoff = new TeamsHandoff({
    destinations: store,
    briefs: deps.leads,
    adapter: deps.adapter,
    appId: deps.config.auth.appId ?? '',
    hours: deps.config.booking,
    contactEmail: deps.config.practice.contactEmail,
    logger: deps.logger,
    clock,
  });
  if (services) services.handoff = handoff;
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
    handoff,
    flush: () => moved.then(() => outbox.flush()),
    pendingBriefs: () => outbox.pending(),
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
      if (owned) await Promise.all([moved.catch(() => 0), owned.teams.close(), owned.outbox.close()]);
    },
  };
}
