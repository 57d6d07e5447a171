import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { createServices, type AppServices } from '../../src/app/services';
import { ScopingBot } from '../../src/bot/scoping-bot';
import { testConfig } from '../../src/config/config';
import { createTeamsChannel, type TeamsChannel } from '../../src/channels/teams';
import type { RosterMember } from '../../src/channels/teams/identity';
import type { Logger } from '../../src/server/logger';

/**
 * The real bot and the Teams channel on a TestAdapter with channelId
 * "msteams": activities shaped as Teams sends them (personal chat, channel
 * thread with an <at> mention, card submits with replyToId), card updates
 * recorded, proactive posts captured, logs kept raw so a test can prove no
 * contact detail was ever handed to the logger (the real logger masks them).
 */

export const BOT = { id: '28:bot-app-id', name: 'Scoping assistant' };
export const TEAM_CHANNEL_ID = '19:practitioners@thread.tacv2';
export const PRACTITIONER = { id: '29:practitioner', name: 'Pat Practitioner', aadObjectId: 'aad-pat' };
export const OUTSIDER = { id: '29:outsider', name: 'Olly Outsider', aadObjectId: 'aad-olly' };
export const USER = { id: '29:user-ada', name: 'Ada Lovelace', aadObjectId: 'aad-ada' };
export const NOW = new Date('2026-11-30T10:15:00.000Z');

export class RecordingAdapter extends TestAdapter {
  readonly updates: Partial<Activity>[] = [];
  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<any> {
    this.updates.push(activity);
    return super.updateActivity(context, activity);
  }
}

/** Stands in for CloudAdapter.continueConversationAsync; fails on demand like Teams would (a 404 for a removed channel). */
export class ProactiveStandIn {
  readonly posts: { appId: string; reference: Partial<ConversationReference>; activity: Partial<Activity> }[] = [];
  failures = 0;
  private readonly adapter = new TestAdapter();

  async continueConversationAsync(appId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw Object.assign(new Error('Conversation not found. Body: {"text":"ada@example.org +44 20 7946 0000"}'), {
        statusCode: 404,
        code: 'ConversationNotFound',
      });
    }
    const context = new TurnContext(this.adapter, TurnContext.applyConversationReference({ type: 'event', name: 'continue' }, reference, true));
    await logic(context);
    for (const activity of this.adapter.activeQueue.splice(0)) this.posts.push({ appId, reference, activity });
  }
}

export interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

export function rawLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (message: string, fields: Record<string, unknown> = {}) => void lines.push({ level, message, fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface TeamsHarness {
  services: AppServices;
  bot: ScopingBot;
  teams: TeamsChannel;
  proactive: ProactiveStandIn;
  logs: LogLine[];
  clock: { now: Date };
  roster: Map<string, RosterMember>;
  personal(user?: typeof USER): Conversation;
  channel(from: { id: string; name: string; aadObjectId: string }, threadId?: string): Conversation;
  close(): Promise<void>;
}

export interface Conversation {
  adapter: RecordingAdapter;
  /** Typed text; in a channel, `mention: true` prefixes "<at>Scoping assistant</at>" with its mention entity. */
  say(text: string, opts?: { mention?: boolean }): Promise<Partial<Activity>[]>;
  /** An Action.Submit click: Teams sends the data as `value`, no text, and `replyToId` = the card's message id. */
  click(data: Record<string, unknown>, replyToId?: string): Promise<Partial<Activity>[]>;
}

export async function startTeams(env: Record<string, string> = {}): Promise<TeamsHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-'));
  const config = testConfig({ DATA_DIR: dataDir, TEAMS_PRACTITIONER_ALLOWLIST: 'AAD-PAT, lead@firm.example', ...env });
  const clock = { now: NOW };
  const logs: LogLine[] = [];
  const logger = rawLogger(logs);
  const services = await createServices(config, logger, { clock: () => clock.now, baseUrl: () => 'http://localhost:3978' });
  const bot = new ScopingBot({ services: services.turn, conversations: services.conversations, logger });
  const proactive = new ProactiveStandIn();
  const roster = new Map<string, RosterMember>();
  const teams = createTeamsChannel({
    config,
    adapter: proactive,
    bot,
    booking: services.turn.booking,
    leads: services.turn.leads,
    logger,
    dataDir,
    clock: () => clock.now,
    memberLookup: async (_context, userId) => roster.get(userId) ?? null,
  });

  const conversation = (conv: Partial<Activity['conversation']>, from: { id: string; name: string; aadObjectId: string }, channelData: object): Conversation => {
    const adapter = new RecordingAdapter((context) => bot.run(context), {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      conversation: conv,
      from,
      recipient: BOT,
    } as never);
    const send = async (activity: Partial<Activity>) => {
      await adapter.receiveActivity({ channelData, ...activity } as Activity);
      return adapter.activeQueue.splice(0) as Partial<Activity>[];
    };
    return {
      adapter,
      say: (text, opts = {}) =>
        send(
          opts.mention
            ? {
                type: 'message',
                text: `<at>${BOT.name}</at> ${text}`,
                entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } }],
              }
            : { type: 'message', text },
        ),
      click: (data, replyToId) => send({ type: 'message', value: data, ...(replyToId ? { replyToId } : {}) }),
    };
  };

  return {
    services,
    bot,
    teams,
    proactive,
    logs,
    clock,
    roster,
    personal: (user = USER) =>
      conversation({ id: `a:personal-${user.id}`, conversationType: 'personal', isGroup: false, tenantId: 'tenant-1' } as never, user, { tenant: { id: 'tenant-1' } }),
    channel: (from, threadId = '1700000000000') =>
      conversation(
        { id: `${TEAM_CHANNEL_ID};messageid=${threadId}`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' } as never,
        from,
        { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: TEAM_CHANNEL_ID } },
      ),
    async close() {
      await teams.stop();
      services.close();
    },
  };
}

/** The Adaptive Card content of an activity's first attachment. */
export function cardOf(activity: Partial<Activity> | undefined): Record<string, any> | undefined {
  return activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as Record<string, any> | undefined;
}

export const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');
