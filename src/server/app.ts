import http from 'node:http';
import { TypingWhileSlow } from '../bot/typing';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { CachingBotFrameworkAuthentication } from '../adapter/caching-authentication';
import { LeanCloudAdapter } from '../adapter/lean-cloud-adapter';
import { createServices, type AppServices } from '../app/services';
import { ScopingBot } from '../bot/scoping-bot';
import type { Config } from '../config/config';
import { createDirectLineChannel, staticSiteRouter } from '../channels/directline';
import { createTeamsChannel } from '../channels/teams';
import { PostgresActivityNotifier, PostgresTranscript } from '../channels/directline/transcript-postgres';
import { checkEnvelope } from './activity-envelope';
import { funnelPage } from '../funnel/page';
import { processTurn } from './turn-response';
import { replyTargetListening } from './reply-target';
import { checkDataFiles } from '../storage/preflight';
import { createLogger, type Logger } from './logger';
import type { GraphClientOptions } from '../booking/graph/client';

/**
 * The HTTP server: `POST /api/messages` through CloudAdapter, a health check,
 * the iCalendar files, and a graceful stop that lets turns in flight finish
 * before the stores close.
 */

const MAX_BODY = '256kb';
const WEBHOOK_TICK_MS = 5_000;

export interface RunningServer {
  url: string;
  port: number;
  server: http.Server;
  app: express.Express;
  adapter: CloudAdapter;
  bot: ScopingBot;
  services: AppServices;
  logger: Logger;
  stop(): Promise<void>;
}

export interface ServerOptions {
  clock?: () => Date;
  logger?: Logger;
  /** Tests: how Graph is reached (a stand-in's certificate). */
  graph?: GraphClientOptions;
}

/** botbuilder's authentication for the configured app registration (none: the local emulator and tests). */
export function configuredAuthentication(config: Config): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.auth.appId ?? '',
    MicrosoftAppPassword: config.auth.appPassword ?? '',
    MicrosoftAppType: config.auth.appType,
    MicrosoftAppTenantId: config.auth.tenantId ?? '',
  });
}

export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  // Kept clients instead of new ones per request, and no zod schemas built per request (src/adapter).
  const adapter = new LeanCloudAdapter(new CachingBotFrameworkAuthentication(configuredAuthentication(config)));
  adapter.use(new TypingWhileSlow());
  adapter.onTurnError = async (context, error) => {
    logger.error('unhandled turn error', { error });
    await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
  };
  return adapter;
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  let baseUrl = config.publicBaseUrl ?? `http://localhost:${config.port}`;
  checkDataFiles(config.dataDir);
  const services = await createServices(config, logger, { clock: options.clock, baseUrl: () => baseUrl, graph: options.graph });
  const adapter = createAdapter(config, logger);
  const bot = new ScopingBot({ services: services.turn, conversations: services.conversations, logger, turnLock: services.backend.turnLock ?? undefined });
  // An erased conversation's earlier state (with the contact details) must not stay readable in the store's log.
  bot.onErased(() => services.storage.scrub());
  // Teams: answered-card updates, identity prefill, and briefs posted to the practitioners' channel.
  const teams = createTeamsChannel({
    config,
    adapter,
    bot,
    booking: services.turn.booking,
    leads: services.turn.leads,
    logger,
    dataDir: config.dataDir,
    stores: { teams: services.backend.teams, outbox: services.backend.outbox },
    services: services.turn,
    clock: options.clock,
  });
  const app = express();
  app.disable('x-powered-by');
  // Per-address limits (Direct Line tokens) count req.ip: the client, once proxies are trusted.
  app.set('trust proxy', config.trustProxy);
  let stopping = false;

  app.get('/healthz', (_req, res) => {
    res.status(stopping ? 503 : 200).json({ status: stopping ? 'stopping' : 'ok', turnsInFlight: bot.queue.size });
  });

  const checkActivity = (req: Request, res: Response, next: NextFunction): void => {
    const checked = checkEnvelope(req.body, { authenticated: Boolean(config.auth.appId), websiteSelfHosted: !(config.directLine.secret && config.auth.appId) });
    if (checked.ok) return next();
    res.status(checked.status).json({ error: checked.error });
  };

  app.post('/api/messages', express.json({ limit: MAX_BODY, type: () => true }), checkActivity, replyTargetListening(config), async (req, res) => {
    if (stopping) return void res.status(503).json({ error: 'The server is shutting down; please retry shortly.' });
    await processTurn(adapter, req, res, (context) => bot.run(context), logger);
  });

  app.get('/calendar/:file', async (req, res) => {
    const match = /^([\w-]{1,80})\.ics$/.exec(req.params.file);
    const token = typeof req.query.token === 'string' ? req.query.token : null;
    const body = match ? await services.turn.booking.calendarFor(match[1], token) : null;
    if (!body) return void res.status(404).type('text/plain').send('Not found');
    res.type('text/calendar; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${match![1]}.ics"`);
    // The file names the visitor: no shared cache may keep it, and a cancellation must replace it.
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  });

  // The practitioners' funnel chart: off unless ADMIN_TOKEN is set, then bearer-token only.
  app.use(
    '/',
    funnelPage({ adminToken: config.practice.adminToken, store: services.backend.funnel, flush: () => services.turn.funnel!.flush(), clock: options.clock ?? (() => new Date()) }),
  );

  // The website: the self-hosted Direct Line channel Web Chat talks to, and the firm's demo page.
  let port = config.port;
  const { pool } = services.backend;
  const website = createDirectLineChannel({
    config,
    logger,
    adapter,
    bot,
    selfUrl: () => `http://127.0.0.1:${port}`,
    // Several instances: the website channel's log is shared, and a reply logged by one instance wakes the one holding the socket.
    shared:
      pool && config.database.url
        ? { transcript: new PostgresTranscript(pool, config.directLine.historyLimit), notifier: new PostgresActivityNotifier(config.database.url) }
        : undefined,
    rateLimits: services.backend.rateLimits,
  });
  app.use('/', website.router);
  app.use('/', staticSiteRouter());

  app.use(jsonErrors(logger));

  const server = http.createServer(app);
  website.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  if (!config.publicBaseUrl) baseUrl = `http://localhost:${port}`;
  teams.start();
  // The CRM webhook: what is due is sent every few seconds (retries wait their backoff).
  const webhookTimer = services.webhook
    ? setInterval(() => void services.webhook!.drain().catch((error: Error) => logger.error('webhook delivery failed', { error: error.name })), WEBHOOK_TICK_MS)
    : null;
  webhookTimer?.unref();
  services.mail?.start();
  logger.info('listening', { port, auth: config.auth.appId ? 'bot framework' : 'none (local)' });

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      // WebSockets first: open streams would keep the HTTP server from closing.
      await website.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bot.queue.drain();
      await teams.stop();
      if (webhookTimer) clearInterval(webhookTimer);
      await services.close();
      logger.info('stopped');
    })());

  return { url: `http://127.0.0.1:${port}`, port, server, app, adapter, bot, services, logger, stop };
}

function jsonErrors(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 500) logger.error('request failed', { error });
    const message =
      (error as { type?: string }).type === 'entity.parse.failed'
        ? 'The body is not valid JSON.'
        : (error as { type?: string }).type === 'entity.too.large'
          ? `The body is larger than ${bodyLimitOf(error)} bytes, the most this endpoint accepts.`
          : status >= 500
            ? 'Internal error.'
            : 'Bad request.';
    if (!res.headersSent) res.status(status).json({ error: message });
  };
}

/** The limit the body parser that refused the request was given (it differs per route). */
function bodyLimitOf(error: unknown): number {
  const limit = (error as { limit?: unknown }).limit;
  return typeof limit === 'number' ? limit : 256 * 1024;
}
