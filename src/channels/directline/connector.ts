import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Conversations } from './conversations';
import type { TranscriptStore as Transcript, WireActivity } from './transcript-store';

/**
 * The Bot Connector side of the channel: where botbuilder's ConnectorClient
 * sends the bot's replies (serviceUrl = `<self>/directline-connector`). Only
 * this process calls it: a loopback caller with the per-process key.
 *
 *   POST /directline-connector/v3/conversations/:conversationId/activities              send
 *   POST /directline-connector/v3/conversations/:conversationId/activities/:activityId  reply
 *   PUT  /directline-connector/v3/conversations/:conversationId/activities/:activityId  update
 *
 * An update is logged as a new entry carrying the same id, so streams and
 * pollers past the original still receive it.
 */

export const CONNECTOR_PATH = '/directline-connector';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function connectorRouter(deps: { conversations: Conversations; transcript: Transcript; connectorKey: string }): Router {
  const router = express.Router();
  const expected = Buffer.from(`Bearer ${deps.connectorKey}`);

  const onlyThisProcess = (req: Request, res: Response, next: NextFunction) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    const keyOk = given.length === expected.length && timingSafeEqual(given, expected);
    if (!keyOk || !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      res.status(401).json({ error: { code: 'Unauthorized', message: 'Connector calls come from this server only.' } });
      return;
    }
    next();
  };

  const base = `${CONNECTOR_PATH}/v3/conversations/:conversationId/activities`;
  router.use(CONNECTOR_PATH, onlyThisProcess, express.json({ limit: '1mb' }));

  const append = async (req: Request, res: Response) => {
    const conversationId = String(req.params.conversationId);
    if (!(await deps.conversations.exists(conversationId))) {
      res.status(404).json({ error: { code: 'NotFound', message: 'No such conversation.' } });
      return;
    }
    const logged = await deps.conversations.logFromBot(conversationId, (req.body ?? {}) as WireActivity);
    res.status(200).json({ id: logged.id });
  };
  router.post(base, append);
  router.post(`${base}/:activityId`, append);

  router.put(`${base}/:activityId`, async (req, res) => {
    const conversationId = String(req.params.conversationId);
    const activityId = String(req.params.activityId);
    if (!(await deps.conversations.exists(conversationId)) || !(await deps.transcript.findActivity(conversationId, activityId))) {
      res.status(404).json({ error: { code: 'NotFound', message: 'No such activity.' } });
      return;
    }
    await deps.conversations.logUpdate(conversationId, activityId, (req.body ?? {}) as WireActivity);
    res.status(200).json({ id: activityId });
  });

  router.delete(`${base}/:activityId`, (_req, res) => {
    res.status(200).end();
  });

  return router;
}
