import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import type { GraphConfig } from '../../config/config';

/**
 * Microsoft Graph over HTTP with an app-only token (OAuth client
 * credentials, through MSAL, which keeps the token until it nears expiry).
 * A refused request is a `GraphError` carrying the status and, for 429 and
 * 503, Retry-After; callers decide whether to wait (the outbox) or fall
 * back (offers). Neither the secret nor the token is ever put in an error.
 */

export class GraphError extends Error {
  constructor(
    readonly status: number | undefined,
    /** From Retry-After (seconds, or an HTTP date), when Graph sent it. */
    readonly retryAfterMs: number | undefined,
    readonly code: string,
  ) {
    super(`Microsoft Graph: ${status === undefined ? code : `HTTP ${status} ${code}`}`);
    this.name = 'GraphError';
  }

  /** Worth trying again later: throttled, a server fault or the network. */
  get transient(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }
}

/** The tenant refused the app's identity: stop at start-up, naming the settings to check. */
export class GraphCredentialsError extends Error {
  constructor(readonly code: string) {
    super(
      `Microsoft Graph refused the app's credentials (${code}). Check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET, ` +
        'and that the app registration has the Calendars.ReadWrite application permission with admin consent (docs/booking.md).',
    );
    this.name = 'GraphCredentialsError';
  }
}

export interface GraphClientOptions {
  /** Tests: MSAL's network layer, to trust the stand-in's certificate. */
  networkClient?: INetworkModule;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const PUBLIC_CLOUD = 'https://login.microsoftonline.com';

export class GraphClient {
  private readonly msal: ConfidentialClientApplication;
  private readonly scope: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(
    private readonly config: GraphConfig,
    options: GraphClientOptions = {},
  ) {
    const authorityHost = new URL(config.authorityHost);
    this.msal = new ConfidentialClientApplication({
      auth: {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        authority: `${config.authorityHost}/${encodeURIComponent(config.tenantId)}`,
        // Another host (a national cloud, the test stand-in) is trusted as named rather than looked up in Microsoft's list.
        knownAuthorities: config.authorityHost === PUBLIC_CLOUD ? [] : [authorityHost.host],
      },
      system: { ...(options.networkClient ? { networkClient: options.networkClient } : {}), loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
    });
    // The resource is Graph's origin: https://graph.microsoft.com/.default asks for the permissions granted to the app.
    this.scope = `${new URL(config.baseUrl).origin}/.default`;
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** An app-only token; a refusal of the credentials is a GraphCredentialsError, anything else a GraphError. */
  async token(): Promise<string> {
    try {
      const result = await this.msal.acquireTokenByClientCredential({ scopes: [this.scope] });
      if (!result?.accessToken) throw new GraphError(undefined, undefined, 'no-token');
      return result.accessToken;
    } catch (error) {
      if (error instanceof GraphError) throw error;
      const e = error as { errorCode?: string; errorMessage?: string; name?: string };
      // AADSTS7000215 (bad secret), 700016 (unknown app), 90002 (unknown tenant): the code only, never the request.
      const aadsts = /AADSTS\d+/.exec(e.errorMessage ?? '')?.[0];
      const code = [e.errorCode, aadsts].filter(Boolean).join(' ') || e.name || 'unknown';
      if (/invalid_client|unauthorized_client|invalid_request|invalid_tenant|AADSTS(7000215|700016|90002|7000222)/.test(code)) throw new GraphCredentialsError(code);
      throw new GraphError(undefined, undefined, code.slice(0, 80));
    }
  }

  /** One request; JSON in and out. A 2xx with no body resolves to null. */
  async request<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T | null> {
    const token = await this.token();
    let response: Response;
    try {
      response = await this.fetch(`${this.config.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new GraphError(undefined, undefined, (error as Error).name === 'TimeoutError' ? 'timeout' : 'network');
    }
    const text = await response.text();
    if (!response.ok) {
      // Graph's error body is { error: { code, message } }; the code is kept, the message (which may quote the request) is not.
      let code = 'error';
      try {
        code = String((JSON.parse(text) as { error?: { code?: unknown } }).error?.code ?? 'error').slice(0, 60);
      } catch {
        /* not JSON */
      }
      throw new GraphError(response.status, retryAfterMs(response.headers.get('retry-after')), code);
    }
    return text ? (JSON.parse(text) as T) : null;
  }
}

/** Retry-After is seconds ("7") or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A user in a path: /users/jane%40firm.example */
export const userPath = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}`;
