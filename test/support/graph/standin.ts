import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { INetworkModule } from '@azure/msal-node';
import type { DateTimeTimeZone, Event, ScheduleInformation, ScheduleItem } from '@microsoft/microsoft-graph-types';

/**
 * A local stand-in for the parts of Microsoft 365 the bot uses, answering
 * with the shapes in Microsoft's Graph documentation:
 * - the Microsoft identity platform: OpenID metadata and the client
 *   credentials token endpoint (`/{tenant}/oauth2/v2.0/token`), over HTTPS
 *   (MSAL refuses an authority that is not), with a self-signed certificate;
 * - Graph v1.0 over HTTP: `POST /users/{id}/calendar/getSchedule`,
 *   `POST /users/{id}/events`, `PATCH /users/{id}/events/{id}`,
 *   `POST /users/{id}/events/{id}/cancel`.
 * Events made through it count as busy in getSchedule, as in Outlook.
 * `fail(route, ...)` queues faults (429 with Retry-After, 503).
 */

const CERT = fs.readFileSync(path.join(__dirname, 'standin-cert.pem'));
const KEY = fs.readFileSync(path.join(__dirname, 'standin-key.pem'));

export type Route = 'getSchedule' | 'createEvent' | 'updateEvent' | 'cancelEvent';
export interface Fault {
  status: number;
  retryAfterSeconds?: number;
}

export interface StandinEvent extends Event {
  mailbox: string;
  cancelled: boolean;
}

export interface GraphStandin {
  authorityHost: string;
  graphBaseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** MSAL's network layer, trusting the stand-in's certificate. */
  networkClient: INetworkModule;
  /** Something already in a practitioner's calendar (a meeting booked directly in Outlook). */
  addBusy(mailbox: string, start: string, end: string, status?: ScheduleItem['status']): void;
  fail(route: Route, ...faults: Fault[]): void;
  /** Empties the calendars, the fault queue and the request log (tokens stay valid). */
  reset(): void;
  events: StandinEvent[];
  requests: { route: Route | 'token'; status: number }[];
  close(): Promise<void>;
}

const graphTime = (iso: string): DateTimeTimeZone => ({ dateTime: new Date(iso).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$10000'), timeZone: 'UTC' });
const fromGraph = (t: DateTimeTimeZone) => new Date(`${t.dateTime!.replace(/\.\d+$/, '')}Z`).toISOString();

export async function startGraphStandin(): Promise<GraphStandin> {
  const tenantId = '8d3d1f4e-2b6a-4c1e-9f7a-3e5b2c1d0a99';
  const clientId = '5a0c7e2d-1f4b-4d3a-8c6e-9b2a7f1e0d44';
  const clientSecret = 'the-right-secret';
  const tokens = new Set<string>();
  const busy = new Map<string, ScheduleItem[]>();
  const faults = new Map<Route, Fault[]>();
  const events: StandinEvent[] = [];
  const requests: GraphStandin['requests'] = [];
  let loginBase = '';

  const json = (res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => resolve(data));
    });

  const login = https.createServer({ cert: CERT, key: KEY }, async (req, res) => {
    const url = new URL(req.url!, loginBase);
    if (req.method === 'GET' && url.pathname === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      return json(res, 200, {
        token_endpoint: `${loginBase}/${tenantId}/oauth2/v2.0/token`,
        authorization_endpoint: `${loginBase}/${tenantId}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${loginBase}/${tenantId}/oauth2/v2.0/logout`,
        jwks_uri: `${loginBase}/${tenantId}/discovery/v2.0/keys`,
        issuer: `${loginBase}/${tenantId}/v2.0`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      });
    }
    if (req.method === 'POST' && url.pathname === `/${tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(await readBody(req));
      const refused = form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret;
      requests.push({ route: 'token', status: refused ? 401 : 200 });
      if (form.get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type' });
      if (refused) {
        return json(res, 401, {
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'. Trace ID: ${randomUUID()}`,
          error_codes: [7000215],
          timestamp: new Date().toISOString(),
          trace_id: randomUUID(),
          correlation_id: randomUUID(),
        });
      }
      const token = randomUUID();
      tokens.add(token);
      return json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }
    json(res, 404, { error: 'not_found' });
  });

  const graph = http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://graph');
    const body = await readBody(req);
    const match = /^\/v1\.0\/users\/([^/]+)\/(calendar\/getSchedule|events)(?:\/([^/]+))?(\/cancel)?$/.exec(url.pathname);
    if (!match) return json(res, 404, { error: { code: 'ResourceNotFound', message: 'Resource not found.' } });
    const mailbox = decodeURIComponent(match[1]).toLowerCase();
    const route: Route =
      match[2] === 'calendar/getSchedule' ? 'getSchedule' : match[4] ? 'cancelEvent' : match[3] ? 'updateEvent' : 'createEvent';
    const fault = faults.get(route)?.shift();
    if (!tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
      requests.push({ route, status: 401 });
      return json(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
    }
    if (fault) {
      requests.push({ route, status: fault.status });
      const code = fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable';
      return json(res, fault.status, { error: { code, message: 'Try again later.' } }, fault.retryAfterSeconds ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
    }
    const input = body ? JSON.parse(body) : {};
    const eventId = match[3] ? decodeURIComponent(match[3]) : undefined;
    const existing = eventId ? events.find((e) => e.id === eventId && e.mailbox === mailbox) : undefined;
    if (eventId && !existing) {
      requests.push({ route, status: 404 });
      return json(res, 404, { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } });
    }
    const ok = (status: number, payload?: unknown) => (requests.push({ route, status }), json(res, status, payload));

    if (route === 'getSchedule') {
      const from = fromGraph(input.startTime);
      const until = fromGraph(input.endTime);
      const value: ScheduleInformation[] = (input.schedules as string[]).map((id) => {
        const mine = [
          ...(busy.get(id.toLowerCase()) ?? []),
          ...events.filter((e) => e.mailbox === id.toLowerCase() && !e.cancelled).map((e): ScheduleItem => ({ status: 'busy', isPrivate: false, subject: e.subject, start: e.start, end: e.end })),
        ].filter((item) => fromGraph(item.start!) < until && fromGraph(item.end!) > from);
        return { scheduleId: id, availabilityView: '0'.repeat(8), scheduleItems: mine, workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'GMT Standard Time' } } };
      });
      return ok(200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value });
    }
    if (route === 'createEvent') {
      // Graph answers a repeated transactionId with the event already made.
      const again = input.transactionId ? events.find((e) => e.transactionId === input.transactionId && e.mailbox === mailbox) : undefined;
      if (again) return ok(201, again);
      const id = `AAMkAG${randomUUID().replace(/-/g, '')}=`;
      const event: StandinEvent = {
        ...(input as Event),
        id,
        mailbox,
        cancelled: false,
        start: graphTime(fromGraph(input.start)),
        end: graphTime(fromGraph(input.end)),
        organizer: { emailAddress: { address: mailbox } },
        onlineMeeting: input.isOnlineMeeting ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${id.slice(6, 30)}%40thread.v2/0` } : null,
        webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
      };
      events.push(event);
      return ok(201, event);
    }
    if (route === 'updateEvent') {
      Object.assign(existing!, input, input.start ? { start: graphTime(fromGraph(input.start)) } : {}, input.end ? { end: graphTime(fromGraph(input.end)) } : {});
      return ok(200, existing);
    }
    existing!.cancelled = true;
    return ok(202);
  });

  await new Promise<void>((resolve) => login.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
  loginBase = `https://127.0.0.1:${(login.address() as AddressInfo).port}`;
  const agent = new https.Agent({ ca: CERT });

  const send = <T>(method: 'GET' | 'POST', url: string, options?: { headers?: Record<string, string>; body?: string }) =>
    new Promise<{ headers: Record<string, string>; body: T; status: number }>((resolve, reject) => {
      const req = https.request(url, { method, agent, headers: options?.headers }, (res) => {
        let data = '';
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body: JSON.parse(data || '{}') as T }),
        );
      });
      req.on('error', reject);
      req.end(options?.body);
    });

  return {
    authorityHost: loginBase,
    graphBaseUrl: `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v1.0`,
    tenantId,
    clientId,
    clientSecret,
    networkClient: {
      sendGetRequestAsync: (url, options) => send('GET', url, options),
      sendPostRequestAsync: (url, options) => send('POST', url, options),
    },
    addBusy(mailbox, start, end, status = 'busy') {
      const list = busy.get(mailbox.toLowerCase()) ?? [];
      list.push({ status, isPrivate: false, subject: 'Busy', start: graphTime(start), end: graphTime(end) });
      busy.set(mailbox.toLowerCase(), list);
    },
    fail(route, ...more) {
      faults.set(route, [...(faults.get(route) ?? []), ...more]);
    },
    reset() {
      busy.clear();
      faults.clear();
      events.length = 0;
      requests.length = 0;
    },
    events,
    requests,
    async close() {
      agent.destroy();
      await Promise.all([new Promise((r) => login.close(r)), new Promise((r) => graph.close(r))]);
    },
  };
}
