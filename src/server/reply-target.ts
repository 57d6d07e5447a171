import net from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config/config';

/**
 * Without credentials, replies that are not returned in the response go to a
 * loopback serviceUrl (the Emulator, the Agents Playground). When nothing
 * listens there, botbuilder's connector would retry for about 15 seconds and
 * then fail the turn after its state was already saved. A TCP connect first
 * (loopback: well under a millisecond) lets the request be refused at once,
 * with a clear reason, before anything changes. A reachable address is
 * remembered for a few seconds so a chat does not pay it on every message.
 */

const REMEMBER_MS = 5000;
const CONNECT_TIMEOUT_MS = 1000;

export type ReplyTarget = { ok: true } | { ok: false; reason: string };

export class ReplyTargets {
  private readonly reachable = new Map<string, number>();

  async check(serviceUrl: string, now = Date.now()): Promise<ReplyTarget> {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return { ok: false, reason: 'is not a URL' };
    }
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const key = `${host}:${port}`;
    if ((this.reachable.get(key) ?? 0) > now) return { ok: true };
    const result = await connect(host, port);
    if (result.ok) {
      if (this.reachable.size > 1000) this.reachable.clear();
      this.reachable.set(key, now + REMEMBER_MS);
    }
    return result;
  }
}

function connect(host: string, port: number): Promise<ReplyTarget> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: ReplyTarget) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => done({ ok: false, reason: 'did not answer' }));
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (error: NodeJS.ErrnoException) => done({ ok: false, reason: error.code === 'ECONNREFUSED' ? 'refused the connection' : (error.code ?? 'failed') }));
  });
}

/** `/api/messages` middleware: without credentials, a serviceUrl nobody listens on gets a 502 before the turn runs. */
export function replyTargetListening(config: Config) {
  const targets = new ReplyTargets();
  return (req: Request, res: Response, next: NextFunction): void => {
    const { serviceUrl, deliveryMode } = req.body as { serviceUrl?: string; deliveryMode?: string };
    if (config.auth.appId || deliveryMode === 'expectReplies' || !serviceUrl) return next();
    void targets.check(serviceUrl).then((target) => {
      if (target.ok) return next();
      res.status(502).json({
        error: `Nothing to deliver the replies to: the serviceUrl ${target.reason}. Start the client listening there, or send deliveryMode "expectReplies" to get the replies in the response.`,
      });
    }, next);
  };
}
