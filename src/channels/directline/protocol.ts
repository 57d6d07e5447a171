import express, { type Request, type Response, type Router } from 'express';
import type { DirectLineConfig } from '../../config/config';
import { CLIENT_TYPES, type Conversations } from './conversations';
import type { BotDelivery } from './delivery';
import type { OriginPolicy } from './origins';
import type { RateLimit } from '../../rate-limit';
import { parseWatermark } from './stream';
import type { TokenClaims, TokenSigner } from './tokens';
import type { TranscriptStore } from './transcript-store';
import type { AzureTokens } from './azure';
import { checkPostedActivity } from './posted-activity';
import { clientKey } from './rateLimit';
import { stripControls } from '../../validation/text-hygiene';

/**
 * The Direct Line 3.0 REST surface the widget (botframework-directlinejs) calls,
 * plus `POST /api/directline/token` for the page. Statuses follow Azure's,
 * because the client acts on them: 403 means "token expired or refused" (it
 * stops), 404 "conversation gone", 429 "wait Retry-After seconds".
 */

export interface ProtocolLogger {
  info(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  error(msg: string, fields?: object): void;
  debug(msg: string, fields?: object): void;
}

export interface ProtocolDeps {
  config: DirectLineConfig;
  conversations: Conversations;
  transcript: TranscriptStore;
  signer: TokenSigner;
  origins: OriginPolicy;
  rateLimit: RateLimit;
  /** New conversations per client address (keyed by address, same sliding window). */
  tokenRateLimit: RateLimit;
  /** Whether the conversation's visitor has consented; until then their details are stored redacted. */
  consented(conversationId: string): Promise<boolean>;
  delivery: BotDelivery;
  azure: AzureTokens | undefined;
  logger: ProtocolLogger;
  /** Runs a turn in the background; close() waits for these. */
  track(work: Promise<unknown>): void;
}

const fail = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

/** SQLite errors that mean "storage cannot take writes now", not "bug". */
const STORAGE_UNAVAILABLE = /^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED|CANTOPEN|CORRUPT|NOTADB)/;
const isStorageError = (err: unknown) => STORAGE_UNAVAILABLE.test(String((err as { code?: unknown }).code ?? ''));

export function protocolRouter(deps: ProtocolDeps): Router {
  const { conversations, signer, logger } = deps;
  const router = express.Router();
  const json = express.json({ limit: Math.max(64 * 1024, deps.config.maxMessageBytes * 4), type: ['application/json', 'application/vnd.microsoft.activity'] });

  router.use(['/v3/directline', '/api/directline'], deps.origins.middleware());

  const authorised = async (req: Request, res: Response): Promise<TokenClaims | undefined> => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      fail(res, 401, 'Unauthorized', 'A Direct Line token is required.');
      return undefined;
    }
    const verified = signer.verify(match[1], 'conversation');
    if (!verified.ok) {
      logger.debug('directline token refused', { reason: verified.reason });
      fail(res, 403, verified.reason === 'expired' ? 'TokenExpired' : 'BadToken', 'The token is not valid for this conversation.');
      return undefined;
    }
    if ((await conversations.tokenState(verified.claims)) === 'replaced') {
      fail(res, 403, 'TokenExpired', 'This token was replaced by a refreshed one.');
      return undefined;
    }
    return verified.claims;
  };

  const forConversation = async (req: Request, res: Response): Promise<TokenClaims | undefined> => {
    const claims = await authorised(req, res);
    if (!claims) return undefined;
    if (claims.conv !== req.params.conversationId) {
      fail(res, 403, 'BadToken', 'The token is for another conversation.');
      return undefined;
    }
    if (!(await conversations.exists(claims.conv))) {
      fail(res, 404, 'NotFound', 'The conversation has ended.');
      return undefined;
    }
    return claims;
  };

  const wsBase = (req: Request) => `${req.protocol === 'https' ? 'wss' : 'ws'}://${req.get('host')}`;

  /** The page's token: a new conversation here, or (Azure mode) one from Azure Bot Service. */
  const pageToken = async (req: Request, res: Response) => {
    const allowed = await deps.tokenRateLimit.take(clientKey(req.ip ?? req.socket.remoteAddress));
    if (!allowed.ok) {
      logger.warn('directline token rate limited');
      res.setHeader('Retry-After', String(allowed.retryAfterSeconds));
      return fail(res, 429, 'TooManyRequests', 'Too many new chats from this address; please wait a moment.');
    }
    if (deps.azure) {
      const result = await deps.azure.generate();
      if (!result.ok) logger.warn('directline azure token failed', { reason: result.reason });
      if (!result.ok) return fail(res, 502, 'DirectLineUnavailable', 'The chat service is unavailable; please try again shortly.');
      return res.json({ ...result.token, domain: deps.config.azureEndpoint });
    }
    try {
      res.json(await conversations.open());
    } catch (err) {
      if (!isStorageError(err)) throw err;
      logger.error('directline storage unavailable', { code: (err as { code?: string }).code });
      res.setHeader('Retry-After', '30');
      fail(res, 503, 'StorageUnavailable', 'The chat cannot start right now (the server cannot store the conversation); please try again later.');
    }
  };
  router.post('/api/directline/token', pageToken);
  router.post('/v3/directline/tokens/generate', pageToken);

  router.post('/v3/directline/tokens/refresh', async (req, res) => {
    const claims = await authorised(req, res);
    if (!claims) return;
    let issued;
    try {
      issued = await conversations.refresh(claims);
    } catch (err) {
      if (!isStorageError(err)) throw err;
      return fail(res, 503, 'StorageUnavailable', 'The token cannot be refreshed right now; please try again later.');
    }
    if (!issued) return fail(res, 404, 'NotFound', 'The conversation has ended.');
    res.json(issued);
  });

  // Start (or rejoin) the conversation the token is for. The first start tells
  // the bot the user joined, as Azure does, so its welcome arrives unasked.
  router.post('/v3/directline/conversations', async (req, res) => {
    const claims = await authorised(req, res);
    if (!claims) return;
    if (!(await conversations.exists(claims.conv))) return fail(res, 404, 'NotFound', 'The conversation has ended.');
    const first = await conversations.markStarted(claims.conv);
    res.status(first ? 201 : 200).json({
      conversationId: claims.conv,
      token: bearer(req),
      expires_in: Math.max(0, claims.exp - Math.floor(Date.now() / 1000)),
      streamUrl: conversations.streamUrl(wsBase(req), claims, 0),
    });
    if (first) deps.track(deps.delivery.deliver(conversations.joined(claims)));
  });

  // Reconnect: a new streamUrl that resumes after the watermark.
  router.get('/v3/directline/conversations/:conversationId', async (req, res) => {
    const claims = await forConversation(req, res);
    if (!claims) return;
    res.json({
      conversationId: claims.conv,
      token: bearer(req),
      expires_in: Math.max(0, claims.exp - Math.floor(Date.now() / 1000)),
      streamUrl: conversations.streamUrl(wsBase(req), claims, parseWatermark(String(req.query.watermark ?? ''))),
    });
  });

  router.get('/v3/directline/conversations/:conversationId/activities', async (req, res) => {
    const claims = await forConversation(req, res);
    if (!claims) return;
    const page = await deps.transcript.since(claims.conv, parseWatermark(String(req.query.watermark ?? '')));
    res.json({ activities: page.activities.map((a) => a.activity), watermark: String(page.watermark) });
  });

  router.post('/v3/directline/conversations/:conversationId/activities', json, async (req, res) => {
    const claims = await forConversation(req, res);
    if (!claims) return;
    const posted = (req.body ?? {}) as Record<string, unknown>;
    if (typeof posted.type !== 'string' || !CLIENT_TYPES.has(posted.type)) {
      return fail(res, 400, 'BadArgument', 'Only message, event and typing activities can be posted.');
    }
    const checked = checkPostedActivity(posted, deps.config.maxMessageBytes);
    if (!checked.ok) return fail(res, checked.status, checked.code, checked.message);
    const allowed = await deps.rateLimit.take(claims.conv);
    if (!allowed.ok) {
      res.setHeader('Retry-After', String(allowed.retryAfterSeconds));
      return fail(res, 429, 'TooManyRequests', 'Too many messages; please wait a moment.');
    }
    const from = posted.from as { name?: unknown } | undefined;
    let logged;
    try {
      const consented = await deps.consented(claims.conv).catch(() => false);
      logged = await conversations.logFromUser(claims, posted, typeof from?.name === 'string' ? stripControls(from.name).slice(0, 100) : undefined, consented);
    } catch (err) {
      if (!isStorageError(err)) throw err;
      return fail(res, 503, 'StorageUnavailable', 'The message could not be stored; please try again later.');
    }
    try {
      await deps.delivery.deliver(logged);
      res.json({ id: logged.id });
    } catch (err) {
      logger.error('directline turn failed', { error: (err as Error).message.split('\n')[0] });
      fail(res, 502, 'BotError', 'The assistant could not answer; please try again.');
    }
  });

  router.post('/v3/directline/conversations/:conversationId/upload', async (req, res) => {
    if (!(await forConversation(req, res))) return;
    fail(res, 415, 'BadArgument', 'File uploads are not accepted in this chat.');
  });

  // Storage that cannot take a write (full disk, read-only, locked) is the server's
  // problem for now, not a bug: 503 with Retry-After on every route, never a 500.
  router.use(['/v3/directline', '/api/directline'], (err: unknown, _req: Request, res: Response, next: (err?: unknown) => void) => {
    if (!isStorageError(err) || res.headersSent) return next(err);
    logger.error('directline storage unavailable', { code: (err as { code?: string }).code });
    res.setHeader('Retry-After', '30');
    fail(res, 503, 'StorageUnavailable', 'The chat service cannot store messages right now; please try again later.');
  });

  return router;
}

const bearer = (req: Request) => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';

