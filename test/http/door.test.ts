import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import path from 'node:path';
import { ConversationStore } from '../../src/bot/conversation-store';
import { allText, Conversation, get, postRaw, promptIn, valueWith } from './client';
import { bookingIn, bookingSteps, MONDAY, slotsIn } from './booking-flow';
import { startTestServer, type TestServer } from './server';

/**
 * The door of POST /api/messages without Bot Framework credentials (the
 * embedded default): what it refuses before any turn runs, and the clear
 * answers it gives where a turn cannot be delivered (issue 10, items 1, 2, 8, 10).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { clock: () => MONDAY });
});
afterAll(async () => {
  await server?.close();
});

async function websiteConversation(): Promise<{ conversationId: string; token: string }> {
  const res = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
  const issued = (await res.json()) as { conversationId: string; token: string };
  await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${issued.token}` } });
  return issued;
}

describe('the website channel is reachable only through its own routes', () => {
  it.each(['directline', 'DirectLine', ' directline '])('an activity with channelId %j is refused with 403 and changes nothing', async (channelId) => {
    const site = await websiteConversation();
    const key = ConversationStore.keyFor('directline', site.conversationId);
    const before = await server.running.services.storage.read([key]);
    const intruder = new Conversation(server.url, { id: site.conversationId, channelId });
    const res = await intruder.post({ type: 'message', text: 'delete my data' });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toMatch(/website channel/);
    expect(res.replies).toEqual([]);
    expect(await server.running.services.storage.read([key])).toEqual(before);
  });

  it('local tools keep working: channelId "test" with any id, and the Emulator', async () => {
    for (const channelId of ['test', 'emulator']) {
      const local = new Conversation(server.url, { id: `any id ${channelId} ${Date.now()}`, channelId });
      expect((await local.join())[0].value).toEqual({ welcome: true });
      expect(promptIn(await local.start())).toEqual({ question: 'ai_use', step: 1, of: 7 });
    }
  });
});

/** A non-loopback address of this machine, where a stand-in "foreign" host can listen. */
function externalAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const net of list ?? []) if (net.family === 'IPv4' && !net.internal) return net.address;
  }
  return null;
}

describe('no call-outs to an address a caller chooses', () => {
  it('a Teams activity with a foreign serviceUrl is refused whatever the delivery mode, and nothing calls that host', async () => {
    const requests: string[] = [];
    const foreign = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'x', email: 'victim@acme.example', name: 'Victim' }));
    });
    const host = externalAddress() ?? '0.0.0.0';
    await new Promise<void>((resolve) => foreign.listen(0, host === '0.0.0.0' ? '127.0.0.1' : '0.0.0.0', resolve));
    try {
      const port = (foreign.address() as AddressInfo).port;
      const serviceUrl = `http://${externalAddress() ?? 'foreign.invalid'}:${port}/`;
      const teams = new Conversation(server.url, { channelId: 'msteams' });
      for (const deliveryMode of ['expectReplies', undefined]) {
        // A card submit with replyToId: on success the Teams channel would PUT the answered card to serviceUrl.
        const res = await teams.post({ type: 'message', value: { action: 'book' }, replyToId: 'card-1', serviceUrl, deliveryMode });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toMatch(/serviceUrl/);
        expect(res.replies).toEqual([]);
      }
      expect(requests).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => foreign.close(() => resolve()));
    }
  });

  it('a loopback serviceUrl (Agents Playground, Emulator) is accepted', async () => {
    const local = new Conversation(server.url, { channelId: 'msteams' });
    const res = await local.post({ type: 'message', text: 'hello', serviceUrl: 'http://127.0.0.1:9/playground' });
    expect(res.status).toBe(200);
  });
});

describe('bounds on what a client sends', () => {
  it('a value nested 6,000 deep gets a 400 naming the problem, not a 500', async () => {
    const c = new Conversation(server.url);
    const envelope = JSON.stringify(c.activity({ type: 'message' }));
    const deep = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`;
    const res = await postRaw(server.url, `${envelope.slice(0, -1)},"value":${deep}}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/nested more than \d+ levels/);
  });

  it('a 200 KB slot cursor is refused and never stored', async () => {
    const c = new Conversation(server.url);
    await c.join();
    await bookingSteps.book(c);
    await bookingSteps.acceptDisclaimer(c);
    expect(slotsIn(await bookingSteps.submitContact(c, 7)).length).toBeGreaterThan(0);
    const replies = await c.submit({ question: 'slot', action: 'later', after: 'x'.repeat(200_000) });
    expect(allText(replies)).not.toContain('xxxxxxxxxx');
    const size = await server.running.services.storage.sizeOf(ConversationStore.keyFor('test', c.id));
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(20_000);
  });

  it('objects as contact fields are refused: no lead, no "[object Object]"', async () => {
    const c = new Conversation(server.url);
    await bookingSteps.book(c);
    await bookingSteps.acceptDisclaimer(c);
    const replies = await c.submit({ question: 'contact', name: { first: 'Ada' }, email: ['ada@acme.example'], organisation: 'Acme', consent: true });
    expect(allText(replies)).not.toContain('[object Object]');
    expect(slotsIn(replies)).toEqual([]);
    expect((await server.running.services.turn.leads.listLeads()).some((lead) => lead.organisation === 'Acme')).toBe(false);
  });

  it('a contact form sent without consent is not echoed back: the re-shown form is empty', async () => {
    const c = new Conversation(server.url);
    await bookingSteps.book(c);
    await bookingSteps.acceptDisclaimer(c);
    const replies = await c.submit({ question: 'contact', name: 'Refusing Rita', email: 'rita@acme.example', organisation: 'Acme', phone: '+44 20 7946 0000', consent: false });
    expect(valueWith(replies, (v) => v.question === 'contact')).not.toBeNull();
    const text = allText(replies);
    expect(text).not.toContain('rita@acme.example');
    expect(text).not.toContain('Refusing Rita');
    expect(text).not.toContain('7946');
  });

  it('the 413 states the limit that was applied', async () => {
    const res = await postRaw(server.url, JSON.stringify({ type: 'message', pad: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(JSON.stringify(res.body)).toContain(`${256 * 1024} bytes`);
  });
});

describe('clear errors instead of crashes', () => {
  it('a loopback serviceUrl on a closed port: a clear 502, not the raw ECONNREFUSED', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const c = new Conversation(server.url);
    const res = await c.post({ type: 'message', text: 'hello', serviceUrl: `http://127.0.0.1:${port}/`, deliveryMode: undefined });
    expect(res.status).toBe(502);
    const body = res.body as { error: string };
    expect(body.error).toMatch(/the serviceUrl refused the connection/);
    expect(body.error).toMatch(/expectReplies/);
    expect(body.error).not.toMatch(/connect ECONNREFUSED 127/);
  });

  it('a Teams mention without `mentioned` is refused at the door; a card submit with a mention and no text is a normal turn', async () => {
    const group = new Conversation(server.url, { channelId: 'msteams' });
    const bad = await group.post({ type: 'message', text: '<at>bot</at> hi', conversation: { id: group.id, isGroup: true }, entities: [{ type: 'mention', text: '<at>bot</at>' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/entities\.0\.mentioned\.id/);
    const submit = await group.post({
      type: 'message',
      value: { action: 'start' },
      conversation: { id: group.id, isGroup: true },
      entities: [{ type: 'mention', text: '<at>bot</at>', mentioned: { id: 'bot', name: 'Scoping bot' } }],
    });
    expect(submit.status).toBe(200);
    expect(allText(submit.replies)).not.toMatch(/something went wrong/i);
    expect(promptIn(submit.replies)).toEqual({ question: 'ai_use', step: 1, of: 7 });
  });

  it('a stored state row that is not JSON restarts that conversation with an apology, and it works again', async () => {
    const c = new Conversation(server.url);
    await c.join();
    await c.start();
    const db = new Database(path.join(server.dataDir, 'conversations.sqlite'));
    db.prepare('UPDATE state SET doc = ? WHERE key = ?').run('{"machineVersion": 3, "value": ', ConversationStore.keyFor('test', c.id));
    db.close();
    const replies = await c.say('hello');
    expect(allText(replies)).toMatch(/start again\. Sorry/);
    expect(allText(replies)).not.toMatch(/something went wrong/i);
    expect(promptIn(await c.start())).toEqual({ question: 'ai_use', step: 1, of: 7 });
  });

  it('a calendar file is served with Cache-Control: no-store', async () => {
    const c = new Conversation(server.url);
    await bookingSteps.book(c);
    await bookingSteps.acceptDisclaimer(c);
    const slots = slotsIn(await bookingSteps.submitContact(c, 8));
    await bookingSteps.pickSlot(c, slots[1].id);
    const booking = bookingIn(await bookingSteps.confirm(c))!;
    const ics = new URL(booking.ics);
    const res = await fetch(`${server.url}${ics.pathname}${ics.search}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(get).toBeDefined();
  });
});
