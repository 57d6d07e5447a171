import WebSocket from 'ws';
import { TokenSigner } from '../../src/channels/directline/tokens';
import { collect, ConnectionStatus, directLineClient, post, whenStatus } from './directlineClient';
import { startHarness, tempDataDir, type Harness } from './harness';

/**
 * The self-hosted website channel, spoken to by the official Direct Line client
 * (botframework-directlinejs) as Web Chat speaks to it, with an echo bot behind
 * the same CloudAdapter pipeline as every other channel.
 */

const KEY = 'test-signing-key-0123456789abcdef0123456789';
const text = (a: any) => a.text as string | undefined;

async function pageToken(h: Harness, origin?: string) {
  const res = await fetch(`${h.baseUrl}/api/directline/token`, { method: 'POST', headers: origin ? { Origin: origin } : {} });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

describe('website channel (Direct Line 3.0, self-hosted)', () => {
  let h: Harness;
  const clients: { end(): void }[] = [];
  beforeEach(async () => {
    h = await startHarness({ DIRECTLINE_TOKEN_SECRET: KEY, DIRECTLINE_ALLOWED_ORIGINS: 'https://www.qlsecurity.example' });
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.end());
    await h.stop();
  });
  const client = (opts: Parameters<typeof directLineClient>[0]) => {
    const dl = directLineClient(opts);
    clients.push(dl);
    return dl;
  };

  it('starts a conversation, greets, and echoes over the WebSocket stream', async () => {
    const { body: issued } = await pageToken(h);
    expect(issued).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });

    const dl = client({ domain: `${h.baseUrl}/v3/directline`, token: issued.token, webSocket: true });
    const [welcome] = await collect(dl, 1);
    expect(welcome).toMatchObject({ type: 'message', text: 'Welcome to the echo bot.', from: { role: 'bot' }, conversation: { id: issued.conversationId } });
    expect(welcome.id).toMatch(new RegExp(`^${issued.conversationId}\\|\\d{7}$`));

    const echoAndReply = collect(dl, 2, (a) => a.type === 'message' && a.id !== welcome.id);
    const id = await post(dl, { type: 'message', text: 'hello', channelData: { clientActivityID: 'c-1' } } as any);
    const [echo, reply] = await echoAndReply;
    expect(echo).toMatchObject({ id, text: 'hello', from: { role: 'user' }, channelData: { clientActivityID: 'c-1' } });
    expect(echo.from.id).toMatch(/^dl_/);
    expect(reply).toMatchObject({ text: 'You said: hello', replyToId: id, from: { role: 'bot' } });
    expect(new Date(reply.timestamp!).getTime()).toBeGreaterThan(new Date(echo.timestamp!).getTime());

    // The bot saw an ordinary channel activity: it cannot tell this channel from another.
    expect(h.bot.seen).toEqual([{ channelId: 'directline', type: 'message', text: 'hello', serviceUrl: `${h.baseUrl}/directline-connector`, fromId: echo.from.id }]);
  });

  it('delivers by polling, and GET activities honours the watermark', async () => {
    const { body: issued } = await pageToken(h);
    const dl = client({ domain: `${h.baseUrl}/v3/directline`, token: issued.token, webSocket: false, pollingInterval: 200 });
    await collect(dl, 1, (a) => text(a) === 'Welcome to the echo bot.');
    const replies = collect(dl, 1, (a) => text(a) === 'You said: ping');
    await post(dl, { type: 'message', text: 'ping', value: { step: 1 } } as any);
    const [reply] = await replies;
    expect((reply as any).value).toEqual({ echo: { step: 1 } });

    const auth = { Authorization: `Bearer ${issued.token}` };
    const all = (await (await fetch(`${h.baseUrl}/v3/directline/conversations/${issued.conversationId}/activities`, { headers: auth })).json()) as any;
    expect(all.activities.map((a: any) => a.type + ':' + (a.text ?? ''))).toEqual([
      'message:Welcome to the echo bot.',
      'message:ping',
      'message:You said: ping',
    ]);
    expect(all.watermark).toBe('3');
    const after1 = (await (await fetch(`${h.baseUrl}/v3/directline/conversations/${issued.conversationId}/activities?watermark=1`, { headers: auth })).json()) as any;
    expect(after1.activities.map(text)).toEqual(['ping', 'You said: ping']);
    const none = (await (await fetch(`${h.baseUrl}/v3/directline/conversations/${issued.conversationId}/activities?watermark=3`, { headers: auth })).json()) as any;
    expect(none).toEqual({ activities: [], watermark: '3' });
  });

  it('resumes a conversation: the whole history with no watermark, only what is new after one', async () => {
    const { body: issued } = await pageToken(h);
    const first = client({ domain: `${h.baseUrl}/v3/directline`, token: issued.token, webSocket: true });
    const replied = collect(first, 1, (a) => text(a) === 'You said: one');
    await whenStatus(first, ConnectionStatus.Online);
    await post(first, { type: 'message', text: 'one' } as any);
    await replied;
    first.end();

    const again = client({ domain: `${h.baseUrl}/v3/directline`, token: issued.token, conversationId: issued.conversationId, webSocket: true });
    const history = await collect(again, 3);
    expect(history.map(text)).toEqual(['Welcome to the echo bot.', 'one', 'You said: one']);
    const next = collect(again, 1, (a) => text(a) === 'You said: two');
    await post(again, { type: 'message', text: 'two' } as any);
    await next;
    expect(h.bot.seen.map((s) => s.text)).toEqual(['one', 'two']); // no second welcome: the conversation was already started

    const fromWatermark = client({ domain: `${h.baseUrl}/v3/directline`, token: issued.token, conversationId: issued.conversationId, watermark: '3', webSocket: true });
    const newer = await collect(fromWatermark, 2);
    expect(newer.map(text)).toEqual(['two', 'You said: two']);
  });

  it('refreshes a token for the same conversation (client refreshToken)', async () => {
    const { body: issued } = await pageToken(h);
    const dl = client({ domain: `${h.baseUrl}/v3/directline`, token: issued.token, webSocket: true });
    await collect(dl, 1);
    const fresh: string = await new Promise((resolve, reject) => (dl as any).refreshToken().subscribe(resolve, reject));
    expect(fresh).toEqual(expect.any(String));
    const claims = new TokenSigner(Buffer.from(KEY)).verify(fresh, 'conversation');
    expect(claims).toMatchObject({ ok: true, claims: { conv: issued.conversationId } });

    const res = await fetch(`${h.baseUrl}/v3/directline/conversations/${issued.conversationId}/activities`, { headers: { Authorization: `Bearer ${fresh}` } });
    expect(res.status).toBe(200);
  });

  it('refuses an expired token, a forged one, one for another conversation, and none at all', async () => {
    const { body: issued } = await pageToken(h);
    const { body: other } = await pageToken(h);
    const claimsOf = new TokenSigner(Buffer.from(KEY)).verify(issued.token, 'conversation');
    if (!claimsOf.ok) throw new Error('bad token');
    const expired = new TokenSigner(Buffer.from(KEY), () => Date.now() - 3600_000).sign('conversation', issued.conversationId, claimsOf.claims.user, 1800).token;
    const forged = new TokenSigner(Buffer.from('another-key-0123456789abcdef0123456789ab')).sign('conversation', issued.conversationId, claimsOf.claims.user, 1800).token;
    const [header, , sig] = issued.token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claimsOf.claims, exp: claimsOf.claims.exp + 9999, iss: 'scopingbot-directline' })).toString('base64url')}.${sig}`;

    const activitiesUrl = `${h.baseUrl}/v3/directline/conversations/${issued.conversationId}/activities`;
    for (const token of [expired, forged, tampered, other.token]) {
      expect((await fetch(activitiesUrl, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(403);
      expect((await fetch(`${h.baseUrl}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(token === other.token ? 200 : 403);
    }
    expect((await fetch(activitiesUrl)).status).toBe(401);

    // The official client resuming with an expired token never gets connected.
    const dl = client({ domain: `${h.baseUrl}/v3/directline`, token: expired, conversationId: issued.conversationId, webSocket: false });
    await expect(post(dl, { type: 'message', text: 'hi' } as any)).rejects.toMatchObject({ status: 403 });
    expect(dl.connectionStatus$.getValue()).toBe(ConnectionStatus.FailedToConnect);
  });

  it('refuses a page origin that is not allowed, and answers CORS for one that is', async () => {
    expect((await pageToken(h, 'https://evil.example')).status).toBe(403);
    const ok = await pageToken(h, 'https://www.qlsecurity.example');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.qlsecurity.example');
    const preflight = await fetch(`${h.baseUrl}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.qlsecurity.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);

    // Same token, wrong page: refused on REST and on the WebSocket upgrade.
    const token = ok.body.token;
    const start = await fetch(`${h.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, Origin: 'https://evil.example' } });
    expect(start.status).toBe(403);
    const started = (await (await fetch(`${h.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).json()) as any;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(started.streamUrl, { origin: 'https://evil.example' });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(403);
    const accepted = await new Promise<number>((resolve) => {
      const ws = new WebSocket(started.streamUrl, { origin: 'https://www.qlsecurity.example' });
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(accepted).toBe(101);
  });

  it('limits message size and the rate of messages per conversation', async () => {
    const { body: issued } = await pageToken(h);
    const url = `${h.baseUrl}/v3/directline/conversations/${issued.conversationId}/activities`;
    const send = (body: object) =>
      fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${issued.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await send({ type: 'message', text: 'x'.repeat(8193) })).status).toBe(413);
    expect((await send({ type: 'message', text: 'é'.repeat(4097) })).status).toBe(413); // bytes, not characters
    expect((await send({ type: 'invoke', name: 'x' })).status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await send({ type: 'message', text: `m${i}` })).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const limited = await send({ type: 'message', text: 'one too many' });
    expect(statuses[20]).toBe(429);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('accepts bot replies only from the bot in this process: nothing listens at the connector address', async () => {
    const { body: issued } = await pageToken(h);
    const res = await fetch(`${h.baseUrl}/directline-connector/v3/conversations/${issued.conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'spoofed' }),
    });
    expect(res.status).toBe(404);
  });
});

describe('website channel across a restart', () => {
  it('keeps tokens valid and history available', async () => {
    const dataDir = tempDataDir();
    const first = await startHarness({}, dataDir); // no DIRECTLINE_TOKEN_SECRET: key generated and kept in dataDir
    const { body: issued } = await pageToken(first);
    const dl = directLineClient({ domain: `${first.baseUrl}/v3/directline`, token: issued.token, webSocket: true });
    const replied = collect(dl, 1, (a) => text(a) === 'You said: before');
    await whenStatus(dl, ConnectionStatus.Online);
    await post(dl, { type: 'message', text: 'before' } as any);
    await replied;
    dl.end();
    await first.stop();

    const second = await startHarness({}, dataDir);
    try {
      const resumed = directLineClient({ domain: `${second.baseUrl}/v3/directline`, token: issued.token, conversationId: issued.conversationId, webSocket: true });
      const history = await collect(resumed, 3);
      expect(history.map(text)).toEqual(['Welcome to the echo bot.', 'before', 'You said: before']);
      const after = collect(resumed, 1, (a) => text(a) === 'You said: after');
      await post(resumed, { type: 'message', text: 'after' } as any);
      const [reply] = await after;
      expect(reply.id).toBe(`${issued.conversationId}|0000005`);
      resumed.end();
    } finally {
      await second.stop();
    }
  });
});

describe('website channel with bot credentials configured', () => {
  it('delivers turns and replies over the loopback connector without Azure AD', async () => {
    const h = await startHarness({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used-for-loopback' });
    try {
      const { body: issued } = await pageToken(h);
      const dl = directLineClient({ domain: `${h.baseUrl}/v3/directline`, token: issued.token, webSocket: true });
      const [welcome] = await collect(dl, 1, (a) => a.type === 'message');
      expect(welcome.from.id).toBe('00000000-0000-0000-0000-000000000001');
      const replied = collect(dl, 1, (a) => text(a) === 'You said: hi');
      await post(dl, { type: 'message', text: 'hi' } as any);
      await replied;
      dl.end();
    } finally {
      await h.stop();
    }
  });
});
