import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Which web pages may talk to the channel. A browser names the page in the
 * `Origin` header and cannot lie about it; a request with no Origin is not from
 * a cross-site page (a server, a test client) and still needs a valid token.
 *
 * Allowed: the configured origins, and the server's own origin (its demo page),
 * i.e. an Origin whose host is the Host the request was sent to.
 */
export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(allowedOrigins: string[]) {
    this.allowed = new Set(allowedOrigins.map((origin) => origin.toLowerCase()));
  }

  allows(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const normalised = origin.toLowerCase();
    if (this.allowed.has(normalised)) return true;
    try {
      const host = req.headers.host;
      return host !== undefined && new URL(normalised).host === host.toLowerCase();
    } catch {
      return false;
    }
  }

  /** CORS for the widget on the firm's pages; refuses a page not allowed. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const origin = req.headers.origin;
      if (!this.allows(req)) {
        res.status(403).json({ error: { code: 'OriginNotAllowed', message: 'This page is not allowed to use the chat.' } });
        return;
      }
      if (origin !== undefined) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
        res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
      }
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept, x-ms-bot-agent');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
      next();
    };
  }
}
