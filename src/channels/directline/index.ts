import path from 'node:path';
import type { Server } from 'node:http';
import express, { type Router } from 'express';
import type { CloudAdapter } from 'botbuilder';
import type { Config } from '../../config/config';
import { AzureTokens } from './azure';
import { CONNECTOR_PATH } from './connector';
import { Conversations } from './conversations';
import { BotDelivery, DIRECTLINE_CHANNEL_ID, type Bot } from './delivery';
import { InProcessConnectorFactory } from './in-process-connector';
import { OriginPolicy, ownOrigins } from './origins';
import { protocolRouter, type ProtocolLogger } from './protocol';
import { ConversationRateLimit } from './rateLimit';
import { ActivityStream } from './stream';
import { loadSigningKey, TokenSigner } from './tokens';
import { Transcript } from './transcript';
import type { ActivityNotifier, TranscriptStore } from './transcript-store';
import { createRateLimit, type RateLimit, type RateLimitStore } from '../../rate-limit';

export { staticSiteRouter } from './site';
export { DIRECTLINE_CHANNEL_ID } from './delivery';

/**
 * The website channel: a self-hosted Direct Line 3.0 service for the Web Chat
 * widget, delivering to the same bot through the same CloudAdapter pipeline as
 * every other channel. Mount `router` at '/', call `attach(server)` once the
 * HTTP server exists (WebSocket streams), and `close()` on shutdown.
 */

export interface DirectLineChannelDeps {
  config: Config;
  logger: ProtocolLogger;
  adapter: CloudAdapter;
  bot: Bot;
  /** Where this server can reach itself, e.g. http://127.0.0.1:3978, once listening. */
  selfUrl: () => string;
  /**
   * Several instances (PostgreSQL): the log they share and the notifier that
   * wakes the instance holding a visitor's WebSocket. Unset: SQLite under dataDir.
   */
  shared?: { transcript: TranscriptStore; notifier: ActivityNotifier };
  /** Where rate limits count; unset: this process's memory. */
  rateLimits?: RateLimitStore;
}

export interface DirectLineChannel {
  router: Router;
  attach(server: Server): void;
  close(): Promise<void>;
}

const SWEEP_EVERY_MS = 10 * 60 * 1000;

export function createDirectLineChannel(deps: DirectLineChannelDeps): DirectLineChannel {
  const settings = deps.config.directLine;
  // One process: a sliding window in memory. Several instances: one budget in PostgreSQL (rate-limiter-flexible).
  const rateLimit = (name: string, limit: number, windowSeconds: number): RateLimit => {
    if (deps.rateLimits?.kind === 'postgres') return createRateLimit(deps.rateLimits, { name, limit, windowSeconds });
    const local = new ConversationRateLimit(limit, windowSeconds * 1000);
    return { take: async (key) => local.take(key) };
  };
  const signer = new TokenSigner(loadSigningKey(settings.tokenSecret, deps.config.dataDir));
  const transcript: TranscriptStore =
    deps.shared?.transcript ??
    new Transcript(path.join(deps.config.dataDir, 'directline.sqlite'), settings.historyLimit, (conversationId, seq) =>
      deps.logger.warn('directline transcript row unreadable; skipped', { conversationId, seq }),
    );
  const origins = new OriginPolicy(settings.allowedOrigins, () => ownOrigins(deps.selfUrl(), deps.config.publicBaseUrl));
  const stream = new ActivityStream(transcript, signer, origins, deps.logger, settings.maxStreamsPerConversation, undefined, deps.shared?.notifier);
  const bot = { id: deps.config.auth.appId ?? 'scoping-assistant', name: 'QL Security scoping assistant', role: 'bot' as const };
  const conversations = new Conversations(transcript, stream, signer, settings.tokenLifetimeSeconds, bot);
  const serviceUrl = () => `${deps.selfUrl().replace(/\/+$/, '')}${CONNECTOR_PATH}`;
  const delivery = new BotDelivery(deps.adapter, deps.bot, deps.config.auth.appId, new InProcessConnectorFactory({ conversations, transcript }), serviceUrl);
  deps.bot.onErased?.(({ channelId, conversationId }) => {
    if (channelId === DIRECTLINE_CHANNEL_ID) return transcript.forget(conversationId).then(() => undefined);
  });

  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const settled = work.catch((err: Error) => deps.logger.error('directline turn failed', { error: err.message.split('\n')[0] }));
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };

  const router = express.Router();
  router.use(
    protocolRouter({
      config: settings,
      conversations,
      transcript,
      signer,
      origins,
      rateLimit: rateLimit('directline-messages', settings.rateLimit.messages, settings.rateLimit.windowSeconds),
      tokenRateLimit: rateLimit('directline-tokens', settings.tokenRateLimit.tokens, settings.tokenRateLimit.windowSeconds),
      consented: async (conversationId) => (deps.bot.hasConsent ? deps.bot.hasConsent({ channelId: DIRECTLINE_CHANNEL_ID, conversationId }) : false),
      delivery,
      azure: settings.secret ? new AzureTokens(settings.secret, settings.azureEndpoint) : undefined,
      logger: deps.logger,
      track,
    }),
  );

  const sweep = () => void transcript.sweep().catch((error: Error) => deps.logger.error('directline sweep failed', { error: error.message }));
  sweep();
  const sweeper = setInterval(sweep, SWEEP_EVERY_MS);
  sweeper.unref();
  deps.logger.info('website channel ready', { mode: settings.secret ? 'azure' : 'self-hosted', allowedOrigins: settings.allowedOrigins });

  return {
    router,
    attach: (server) => stream.attach(server),
    async close() {
      clearInterval(sweeper);
      await stream.close();
      await Promise.all([...inFlight]);
      await delivery.drain();
      await transcript.close();
    },
  };
}
