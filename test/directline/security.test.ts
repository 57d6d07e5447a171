import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WebSocket } from 'ws';
import { postRaw } from '../http/client';
import { MONDAY } from '../http/booking-flow';
import { startTestServer, type TestServer } from '../http/server';

/**
 * The website channel against hostile or broken input (issue 10, items 3, 8,
 * 9, 10): the real server and bot, spoken to over HTTP and WebSockets as the
 * widget does.
 */

type Json = Record<string, any>;

class Site {
  constructor(readonly server: TestServer) {}

  async call(method: string, url: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.server.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Json = {};
    try {
      parsed = JSON.parse(text) as Json;
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** A visitor's new chat, started as the widget starts it. */
  async open(): Promise<Visitor> {
    const issued = await this.call('POST', '/api/directline/token');
    expect(issued.status).toBe(200);
    const started = await this.call('POST', '/v3/directline/conversations', issued.body.token);
    return new Visitor(this, issued.body.conversationId, issued.body.token, started.body.streamUrl);
  }

  /** Every stored row of the website transcript, as text. */
  storedTranscript(): string {
    const db = new Database(path.join(this.server.dataDir, 'directline.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT json FROM activities').all() as { json: string }[]).map((r) => r.json).join('\n');
    } finally {
      db.close();
    }
  }
}

class Visitor {
  constructor(
    readonly site: Site,
    readonly id: string,
    public token: string,
    readonly streamUrl: string,
  ) {}

  get base() {
    return `/v3/directline/conversations/${encodeURIComponent(this.id)}`;
  }

  post(activity: Json, token = this.token) {
    return this.site.call('POST', `${this.base}/activities`, token, { from: { id: 'dl_visitor' }, ...activity });
  }

  say(text: string) {
    return this.post({ type: 'message', text });
  }

  submit(value: unknown) {
    return this.post({ type: 'message', value });
  }

  activities(token = this.token) {
    return this.site.call('GET', `${this.base}/activities?watermark=0`, token);
  }
}

let server: TestServer;
let site: Site;
beforeAll(async () => {
  server = await startTestServer({}, { clock: () => MONDAY });
  site = new Site(server);
});
afterAll(async () => {
  await server?.close();
});

async function atContactStep(visitor: Visitor) {
  expect((await visitor.submit({ action: 'book' })).status).toBe(200);
  expect((await visitor.submit({ question: 'disclaimer', answer: 'accept' })).status).toBe(200);
}

describe('no personal data in the website transcript before consent', () => {
  it('a contact form sent with consent off: neither the stored activity nor the re-shown form holds the details', async () => {
    const visitor = await site.open();
    await atContactStep(visitor);
    const posted = await visitor.submit({ question: 'contact', name: 'Rita Refuser', email: 'rita.refuser@acme.example', organisation: 'Acme', phone: '+44 20 7946 0101', consent: 'false' });
    expect(posted.status).toBe(200);
    const page = await visitor.activities();
    const served = JSON.stringify(page.body.activities);
    // The bot answered with the form again, empty.
    expect(served).toMatch(/"question":"contact"/);
    for (const detail of ['rita.refuser@acme.example', 'Rita Refuser', '7946 0101']) {
      expect(served).not.toContain(detail);
      expect(site.storedTranscript()).not.toContain(detail);
    }
  });

  it('a contact form sent as a JSON string without consent is redacted too', async () => {
    const visitor = await site.open();
    await atContactStep(visitor);
    const form = JSON.stringify({ question: 'contact', name: 'Stringy Sam', email: 'stringy.sam@acme.example', organisation: 'Acme', consent: 'false' });
    expect((await visitor.submit(form)).status).toBe(200);
    expect(site.storedTranscript()).not.toContain('stringy.sam@acme.example');
    expect(site.storedTranscript()).not.toContain('Stringy Sam');
  });

  it('an email typed at the consent question, then "no": the email is not kept', async () => {
    const visitor = await site.open();
    await atContactStep(visitor);
    expect((await visitor.say('it is typed.tina@acme.example')).status).toBe(200);
    expect((await visitor.say('no')).status).toBe(200);
    expect(site.storedTranscript()).not.toContain('typed.tina@acme.example');
    expect(JSON.stringify((await visitor.activities()).body.activities)).not.toContain('typed.tina@acme.example');
  });

  it('once consent is recorded, what the visitor types is kept as typed', async () => {
    const visitor = await site.open();
    await atContactStep(visitor);
    await visitor.say('yes');
    await visitor.say('Connie Consenting');
    await visitor.say('connie@acme.example');
    expect(site.storedTranscript()).toContain('connie@acme.example');
  });
});

describe('bounds on what a visitor posts', () => {
  it('a 60 KB value is refused with 413 naming the limit, and nothing is logged', async () => {
    const visitor = await site.open();
    const before = (await visitor.activities()).body.watermark;
    const res = await visitor.submit({ question: 'contact', name: 'x'.repeat(60_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/value is limited to 4096 bytes/);
    expect((await visitor.activities()).body.watermark).toBe(before);
  });

  it('a value nested 6,000 deep is a 400, not a 500', async () => {
    const visitor = await site.open();
    const deep = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`;
    const res = await site.call('POST', `${visitor.base}/activities`, visitor.token, `{"type":"message","value":${deep}}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/nested more than \d+ levels/);
  });

  it('short fields stay short: a 60 KB locale is refused and nothing is logged', async () => {
    const visitor = await site.open();
    const before = (await visitor.activities()).body.watermark;
    const res = await visitor.post({ type: 'message', text: 'hi', locale: 'x'.repeat(60_000) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/locale must be a string of at most 100 characters/);
    expect((await visitor.activities()).body.watermark).toBe(before);
  });

  it('a body over the route limit gets a 413 that states that limit', async () => {
    const visitor = await site.open();
    const res = await visitor.post({ type: 'message', text: 'hi', pad: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(JSON.stringify(res.body)).toContain(`${64 * 1024} bytes`);
  });
});

describe('resource limits', () => {
  it('a few WebSockets per conversation; the next is refused with 429', async () => {
    const visitor = await site.open();
    const streamUrl = async () => (await site.call('GET', visitor.base, visitor.token)).body.streamUrl as string;
    const open: WebSocket[] = [];
    const connect = (url: string) =>
      new Promise<{ ws: WebSocket; status: number }>((resolve) => {
        const ws = new WebSocket(url);
        ws.once('open', () => resolve({ ws, status: 101 }));
        ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? 0 }));
        ws.once('error', () => resolve({ ws, status: 0 }));
      });
    try {
      for (let i = 0; i < 4; i += 1) {
        const { ws, status } = await connect(await streamUrl());
        open.push(ws);
        expect(status).toBe(101);
      }
      const fifth = await connect(await streamUrl());
      open.push(fifth.ws);
      expect(fifth.status).toBe(429);
    } finally {
      await Promise.all(open.map((ws) => new Promise<void>((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve() : (ws.once('close', () => resolve()), ws.terminate())))));
    }
  });

  it('after a refresh the old token stops working, for REST and for new streams', async () => {
    const visitor = await site.open();
    const old = visitor.token;
    const oldStream = (await site.call('GET', visitor.base, old)).body.streamUrl as string;
    const refreshed = await site.call('POST', '/v3/directline/tokens/refresh', old);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.token).not.toBe(old);
    expect((await visitor.activities(refreshed.body.token)).status).toBe(200);
    expect((await visitor.activities(old)).status).toBe(403);
    expect((await visitor.post({ type: 'message', text: 'hello' }, old)).status).toBe(403);
    expect((await site.call('POST', '/v3/directline/tokens/refresh', old)).status).toBe(403);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(oldStream);
      ws.once('open', () => (ws.terminate(), resolve(101)));
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(0));
    });
    expect(status).toBe(403);
  });

  it("an Origin equal to the Host header is not enough: only configured origins and the server's own", async () => {
    const port = new URL(server.url).port;
    const rebinding = await postRaw(server.url, '', { path: '/api/directline/token', headers: { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` } });
    expect(rebinding.status).toBe(403);
    const own = await postRaw(server.url, '', { path: '/api/directline/token', headers: { origin: `http://localhost:${port}` } });
    expect(own.status).toBe(200);
  });
});

describe('clear errors, never a 500', () => {
  it('a corrupt transcript row is skipped; polling keeps working', async () => {
    const visitor = await site.open();
    await visitor.say('hello');
    const db = new Database(path.join(server.dataDir, 'directline.sqlite'));
    db.prepare('UPDATE activities SET json = ? WHERE conversation_id = ? AND seq = 1').run('{"type":"message","text":', visitor.id);
    db.close();
    const page = await visitor.activities();
    expect(page.status).toBe(200);
    expect(page.body.activities.length).toBeGreaterThan(0);
    expect((await visitor.say('and again')).status).toBe(200);
  });
});

describe('token issue', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ DIRECTLINE_TOKEN_RATE_LIMIT: '3', DIRECTLINE_TOKEN_RATE_SECONDS: '600', TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('is limited per client address: past the limit, 429 with Retry-After and no new conversation', async () => {
    const limitedSite = new Site(limited);
    const statuses: number[] = [];
    let last: Headers | undefined;
    for (let i = 0; i < 5; i += 1) {
      const res = await limitedSite.call('POST', '/api/directline/token');
      statuses.push(res.status);
      last = res.headers;
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.get('retry-after'))).toBeGreaterThan(0);
    const db = new Database(path.join(limited.dataDir, 'directline.sqlite'), { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number }).n).toBe(3);
    db.close();
  });

  it('behind a trusted proxy each visitor is counted by the address the proxy names', async () => {
    const limitedSite = new Site(limited);
    const forwarded = (address: string) => limitedSite.call('POST', '/api/directline/token', undefined, undefined, { 'x-forwarded-for': address });
    expect((await forwarded('198.51.100.7')).status).toBe(200);
    expect((await forwarded('198.51.100.8')).status).toBe(200);
    for (let i = 0; i < 2; i += 1) expect((await forwarded('198.51.100.7')).status).toBe(200);
    expect((await forwarded('198.51.100.7')).status).toBe(429);
  });
});

/** A small tmpfs to fill: the real "disk full" (needs root and mount; skipped with a reason otherwise). */
function smallDisk(): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    fs.rmdirSync(dir);
    return null;
  }
}

describe('on a full disk', () => {
  const disk = smallDisk();
  if (!disk) {
    it.skip('a token request answers 503 (needs `mount -t tmpfs`: run as root to include this)', () => undefined);
    return;
  }
  let full: TestServer;
  beforeAll(async () => {
    full = await startTestServer({ DATA_DIR: disk });
  });
  afterAll(async () => {
    await full?.running.stop();
    execFileSync('umount', [disk]);
    fs.rmdirSync(disk);
  });

  it('a token request answers a clear 503, and works again once there is room', async () => {
    const fullSite = new Site(full);
    const issued = await fullSite.call('POST', '/api/directline/token');
    expect(issued.status).toBe(200);
    const filler = path.join(disk, 'filler');
    const chunk = Buffer.alloc(64 * 1024, 1);
    const fd = fs.openSync(filler, 'w');
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      fs.closeSync(fd);
    }
    const refused = await fullSite.call('POST', '/api/directline/token');
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toMatch(/cannot start right now/);
    const start = await fullSite.call('POST', '/v3/directline/conversations', issued.body.token);
    expect(start.status).toBe(503);
    expect(start.headers.get('retry-after')).toBe('30');
    fs.rmSync(filler);
    expect((await fullSite.call('POST', '/api/directline/token')).status).toBe(200);
  });
});
