import type { Request, Response } from 'express';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from './logger';

/**
 * CloudAdapter answers a failed turn with status 500 and the error's message as
 * the body ("connect ECONNREFUSED 127.0.0.1:9"), which tells a caller nothing
 * useful and leaks internals. This runs the adapter against a stand-in response
 * and turns such failures into a JSON error that says what went wrong and what
 * to do; successful answers (200, invoke responses, 401) pass through as they are.
 */

const UNREACHABLE = /\b(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up)\b/;

export async function processTurn(
  adapter: CloudAdapter,
  req: Request,
  res: Response,
  logic: (context: TurnContext) => Promise<void>,
  logger: Logger,
): Promise<void> {
  let status = 200;
  let body: unknown;
  const headers: [string, string][] = [];
  const captured = {
    status(code: number) {
      status = code;
      return captured;
    },
    send(payload: unknown) {
      body = payload;
      return captured;
    },
    header(name: string, value: string) {
      headers.push([name, value]);
      return captured;
    },
    end() {
      return captured;
    },
  };
  await adapter.process(req, captured as unknown as Response, logic);
  if (res.headersSent) return;
  for (const [name, value] of headers) res.setHeader(name, value);
  if (status >= 500) {
    const detail = typeof body === 'string' ? body : body instanceof Error ? body.message : '';
    const unreachable = UNREACHABLE.exec(detail);
    logger.warn('turn failed', { status, reason: unreachable ? unreachable[1] : 'error' });
    if (unreachable) {
      res.status(502).json({
        error: `The replies could not be delivered to the activity's serviceUrl (${unreachable[1]}): is the client listening there? Use deliveryMode "expectReplies" to get replies in the response instead.`,
      });
      return;
    }
    res.status(500).json({ error: 'The turn failed on the server; please retry.' });
    return;
  }
  if (status === 401 || status === 403) {
    res.status(status).json({ error: 'Unauthorized: this server needs a valid Bot Framework token.' });
    return;
  }
  res.status(status);
  if (body === undefined || body === null || body === '') res.end();
  else if (typeof body === 'string' || Buffer.isBuffer(body)) res.send(body);
  else sendJson(res, body);
}

/**
 * The turn's replies as JSON, without the ETag express's res.json() adds: a
 * POSTed turn's answer is never revalidated, and hashing every reply (cards
 * included) was a tenth of the time spent sending it.
 */
function sendJson(res: Response, body: unknown): void {
  const json = Buffer.from(JSON.stringify(body));
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', json.length);
  res.end(json);
}
