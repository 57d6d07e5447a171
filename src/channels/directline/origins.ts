import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Which web pages may talk to the channel. A browser names the page in the
 * `Origin` header and cannot lie about it; a request with no Origin is not from
 * a cross-site page (a server, a test client) and still needs a valid token.
 *
 * Allowed: the configured origins (DIRECTLINE_ALLOWED_ORIGINS) and this
 * server's own pages, named from its configuration (PUBLIC_BASE_URL, and
 * localhost / 127.0.0.1 at the port it listens on). Never "whatever the Host
 * header says": under DNS rebinding an attacker's name resolves to this server,
 * and its page's Origin then equals the Host it sent.
 */
export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(
    allowedOrigins: string[],
    private readonly ownOrigins: () => string[] = () => [],
  ) {
    this.allowed = new Set(allowedOrigins.map((origin) => origin.toLowerCase()));
  }

  allows(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const normalised = origin.toLowerCase();
    return this.allowed.has(normalised) || this.ownOrigins().some((own) => own.toLowerCase() === normalised);
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

/** This server's own page origins: its public URL, and loopback at the port it listens on. */
export function ownOrigins(selfUrl: string, publicBaseUrl: string | undefined): string[] {
  const origins: string[] = [];
  try {
    const port = new URL(selfUrl).port;
    const suffix = port ? `:${port}` : '';
    origins.push(`http://localhost${suffix}`, `http://127.0.0.1${suffix}`, `http://[::1]${suffix}`);
  } catch {
    // not listening yet
  }
  if (publicBaseUrl) {
    try {
      origins.push(new URL(publicBaseUrl).origin);
    } catch {
      // checked by config
    }
  }
  return origins;
}
