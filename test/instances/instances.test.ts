import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startBot, stopAllBots, type BotProcess } from '../http/bot-process';
import { bookingIn, bookingSteps, everyoneOnOneSlot, slotsIn } from '../http/booking-flow';
import { Conversation, promptIn, recommendationIn } from '../http/client';
import { BACKENDS, freshDatabase } from '../support/backends';
import { NOW, openService, registerAda } from '../booking/fixtures';
import { startSmtp } from '../support/smtp';
import { waitFor } from '../http/client';
import { verify } from '../../src/webhook/signature';
import { WebhookEventSchema, type WebhookEvent } from '../../src/webhook/events';
import { ANSWERS_IN_ORDER } from '../booking/fixtures';

/**
 * Several instances behind a load balancer, on one PostgreSQL: three server
 * processes, each with a data folder of its own, so anything that still lived
 * in a file or in memory would show. Nothing here is scheduled by time: each
 * step waits for what it needs.
 */

const postgres = BACKENDS.some((b) => b.name === 'postgres');
const describeWithPostgres = postgres ? describe : describe.skip;
if (!postgres) it.skip('needs PostgreSQL (see the message from the test set-up)', () => undefined);

const SECRET = 'multi-instance-test-secret-0123456789abcdef';

async function instances(n: number, url: string): Promise<BotProcess[]> {
  return Promise.all(
    Array.from({ length: n }, () =>
      startBot(fs.mkdtempSync(path.join(os.tmpdir(), 'instance-')), { DATABASE_URL: url, DIRECTLINE_TOKEN_SECRET: SECRET }),
    ),
  );
}

describeWithPostgres('three instances on one PostgreSQL', () => {
  let url: string;
  let bots: BotProcess[];
  beforeAll(async () => {
    url = await freshDatabase();
    bots = await instances(3, url);
  }, 120_000);
  afterAll(() => stopAllBots());

  it('one visitor whose turns land on A, B and C in turn: welcome on A, answers on B and C, booking on A, nothing lost', async () => {
    const id = `visitor-${process.pid}`;
    const [a, b, c] = bots.map((bot) => new Conversation(bot.url, { id }));
    await a.join();
    let replies = await a.start();
    const on = [b, c];
    for (const [i, [question, answer]] of ANSWERS_IN_ORDER.entries()) {
      expect(promptIn(replies)?.question).toBe(question); // each instance asks what the last one left off at
      replies = await on[i % 2].click(question, answer);
    }
    expect(recommendationIn(replies)).toMatchObject({ pathway: '42001-first', tier: 'hot' });
    await bookingSteps.book(a);
    await bookingSteps.acceptDisclaimer(b);
    const offered = slotsIn(await bookingSteps.submitContact(c, 1));
    await bookingSteps.pickSlot(a, offered[0].id);
    const booked = bookingIn(await bookingSteps.confirm(a));
    expect(booked).toMatchObject({ status: 'confirmed', start: offered[0].start });
  }, 120_000);

  it('eight visitors on three instances race for one slot: one booking, seven fresh offers without it', async () => {
    const people = Array.from({ length: 8 }, (_, n) => new Conversation(bots[n % 3].url, { id: `race-${process.pid}-${n}` }));
    const contested = await everyoneOnOneSlot(people);
    const outcomes = await Promise.all(people.map((person) => bookingSteps.confirm(person)));
    expect(outcomes.map(bookingIn).filter((booking) => booking?.status === 'confirmed')).toHaveLength(1);
    const refused = outcomes.filter((replies) => !bookingIn(replies));
    expect(refused).toHaveLength(7);
    for (const replies of refused) {
      expect(replies.map((r) => r.text ?? '').join('\n')).toMatch(/just been taken/);
      expect(slotsIn(replies).map((slot) => slot.id)).not.toContain(contested);
      expect(slotsIn(replies).length).toBeGreaterThan(0);
    }
  }, 180_000);
});

describeWithPostgres('outboxes across instances', () => {
  afterAll(() => stopAllBots());

  it('briefs queued while three instances start are each posted to Teams exactly once', async () => {
    const url = await freshDatabase();
    // The practitioners' channel: a stand-in Teams connector on loopback that counts posts.
    const posts: string[] = [];
    let allPosted: () => void = () => undefined;
    const sixPosted = new Promise<void>((resolve) => (allPosted = resolve));
    const teams = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        posts.push(JSON.parse(body).attachments?.[0]?.content?.actions?.[0]?.data?.leadId ?? 'unknown');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `post-${posts.length}` }));
        if (posts.length === 6) allPosted();
      });
    });
    await new Promise<void>((resolve) => teams.listen(0, '127.0.0.1', () => resolve()));
    const port = (teams.address() as { port: number }).port;
    try {
      // Six booked leads, their briefs queued, before any instance runs.
      const env = { DATABASE_URL: url };
      const setup = await openService(fs.mkdtempSync(path.join(os.tmpdir(), 'setup-')), env);
      const { openBackend } = await import('../../src/app/backend');
      const { testConfig } = await import('../../src/config/config');
      const backend = await openBackend(testConfig(env));
      await backend.teams.setDestination(
        { channelId: 'msteams', serviceUrl: `http://127.0.0.1:${port}/`, conversation: { id: '19:practitioners@thread.tacv2' } as never, bot: { id: '28:bot', name: 'bot' } },
        'aad-pat',
        NOW,
      );
      const leads: string[] = [];
      const slots = ['slot-20261202T0900Z', 'slot-20261202T1000Z', 'slot-20261202T1100Z', 'slot-20261202T1200Z', 'slot-20261202T1300Z', 'slot-20261202T1400Z'];
      for (const slotId of slots) {
        const leadId = await registerAda(setup);
        const booked = await setup.booking.confirm({ leadId, slotId, now: NOW });
        if (!booked.ok) throw new Error(booked.reason);
        await backend.outbox.enqueue({ topic: 'teams.brief', key: leadId, payload: { leadId, bookingId: booked.booking.id }, now: new Date(), expiresAt: new Date(Date.now() + 86_400_000) });
        leads.push(leadId);
      }
      // Each instance flushes the outbox as it starts: three claim at once.
      await instances(3, url);
      await sixPosted;
      await stopAllBots(); // a graceful stop waits for deliveries in flight to be recorded
      expect(posts.sort()).toEqual([...leads].sort());
      expect((await backend.pool!.query(`SELECT COUNT(*) AS n FROM outbox`)).rows[0].n).toBe('0');
      await setup.close();
      await backend.close();
    } finally {
      teams.close();
    }
  }, 180_000);
});

describeWithPostgres('email and webhook outboxes across instances', () => {
  afterAll(() => stopAllBots());

  it('confirmations and CRM events queued while three instances run are each delivered exactly once', async () => {
    const url = await freshDatabase();
    const smtp = await startSmtp();
    // The CRM: checks each delivery's signature over the raw body and the schema, and keeps every one it accepted.
    const WEBHOOK_SECRET = 'crm-webhook-secret-0123456789';
    const events: WebhookEvent[] = [];
    const refused: string[] = [];
    const crm = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const signed = verify(WEBHOOK_SECRET, req.headers['scoping-signature'] as string | undefined, body, new Date());
        const parsed = WebhookEventSchema.safeParse(JSON.parse(body));
        if (!signed.ok || !parsed.success || req.headers['scoping-event-id'] !== parsed.data.id) {
          refused.push(signed.ok ? 'bad event' : signed.reason);
          res.writeHead(400).end();
          return;
        }
        events.push(parsed.data);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', () => resolve()));
    const crmUrl = `http://127.0.0.1:${(crm.address() as { port: number }).port}/crm/leads`;
    try {
      const env = {
        DATABASE_URL: url,
        DIRECTLINE_TOKEN_SECRET: SECRET,
        SMTP_URL: smtp.url,
        MAIL_FROM: 'scoping@example.com',
        LEADS_WEBHOOK_URL: crmUrl,
        LEADS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      };
      const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'instance-'));
      const bots = await Promise.all([startBot(dir(), env), startBot(dir(), env), startBot(dir(), env)]);

      // Six visitors book while all three run, two on each instance; every instance drains the shared outbox meanwhile.
      const booked: { email: string; bookingId: string }[] = [];
      for (let n = 0; n < 6; n += 1) {
        const visitor = new Conversation(bots[n % 3].url, { id: `outbox-${process.pid}-${n}` });
        await visitor.join();
        await bookingSteps.book(visitor);
        await bookingSteps.acceptDisclaimer(visitor);
        const [slot] = slotsIn(await bookingSteps.submitContact(visitor, n));
        await bookingSteps.pickSlot(visitor, slot.id);
        const booking = bookingIn(await bookingSteps.confirm(visitor));
        expect(booking).toMatchObject({ status: 'confirmed' });
        booked.push({ email: `person${n}@example.org`, bookingId: booking!.id });
      }

      // Wait (bounded) for what must arrive: six confirmations and a booking.confirmed per booking.
      const confirmedIds = () => events.filter((e) => e.type === 'booking.confirmed').map((e) => (e.data as { bookingId: string }).bookingId);
      await waitFor(() => smtp.received.length >= 6 || undefined, 'six confirmation emails', 60_000);
      await waitFor(() => booked.every((b) => confirmedIds().includes(b.bookingId)) || undefined, 'a booking.confirmed event per booking', 150_000);
      await stopAllBots(); // a graceful stop waits for deliveries in flight to be recorded

      // Each email once: one per visitor, to that visitor.
      const recipients = smtp.received.map((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((to) => to!.value.map((v) => v.address)).join(','));
      expect(recipients.sort()).toEqual(booked.map((b) => b.email).sort());
      // Each webhook event once, by its id; each booking confirmed once.
      expect(refused).toEqual([]);
      const ids = events.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(confirmedIds().sort()).toEqual(booked.map((b) => b.bookingId).sort());
      // Nothing left to send, and nothing sent that is still queued.
      const db = new (await import('pg')).default.Client({ connectionString: url });
      await db.connect();
      const left = (await db.query(`SELECT topic, COUNT(*)::int AS n FROM outbox WHERE topic IN ('mail.booking', 'webhook', 'webhook.dead') GROUP BY topic`)).rows;
      await db.end();
      expect(left).toEqual([]);
    } finally {
      crm.close();
      await smtp.close();
    }
  }, 240_000);
});

describeWithPostgres('an instance killed mid-booking', () => {
  afterAll(() => stopAllBots());

  it('SIGKILL while a confirmation is in flight loses no confirmed booking, and the next message on another instance resumes', async () => {
    const url = await freshDatabase();
    const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'instance-'));
    const [a, b] = await Promise.all([
      startBot(dir(), { DATABASE_URL: url, DIRECTLINE_TOKEN_SECRET: SECRET }, { killable: true }),
      startBot(dir(), { DATABASE_URL: url, DIRECTLINE_TOKEN_SECRET: SECRET }),
    ]);
    const id = `killed-${process.pid}`;
    const onA = new Conversation(a.url, { id });
    const onB = new Conversation(b.url, { id });
    await onA.join();
    await bookingSteps.book(onA);
    await bookingSteps.acceptDisclaimer(onA);
    const [slot] = slotsIn(await bookingSteps.submitContact(onA, 1));
    await bookingSteps.pickSlot(onA, slot.id);

    // The confirmation reaches A, which dies at whatever point it has got to:
    // before the booking, between the booking and saving the conversation, or after.
    const inFlight = onA.post(onA.activity({ type: 'message', value: { question: 'confirm', answer: 'yes' } })).catch(() => null);
    await new Promise((resolve) => setImmediate(resolve));
    a.child.kill('SIGKILL');
    await Promise.all([a.exited, inFlight]);

    // The visitor, now on B, confirms again (or finds the call already booked).
    const replies = await bookingSteps.confirm(onB);
    const shown = bookingIn(replies);
    const db = new (await import('pg')).default.Client({ connectionString: url });
    await db.connect();
    const confirmed = (await db.query(`SELECT id, start_at FROM bookings WHERE status = 'confirmed'`)).rows;
    await db.end();
    expect(confirmed).toHaveLength(1);
    expect(shown).toMatchObject({ id: confirmed[0].id, status: 'confirmed', start: slot.start });
  }, 120_000);
});

describeWithPostgres('the self-hosted website channel across instances', () => {
  afterAll(() => stopAllBots());

  it('a Direct Line WebSocket held by instance A receives the reply produced on instance B', async () => {
    const url = await freshDatabase();
    const SITE = 'http://site.test';
    const env = { DATABASE_URL: url, DIRECTLINE_TOKEN_SECRET: SECRET, DIRECTLINE_ALLOWED_ORIGINS: SITE };
    const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'instance-'));
    const [a, b] = await Promise.all([startBot(dir(), env), startBot(dir(), env)]);
    const call = async (base: string, route: string, token?: string, body?: unknown) => {
      const res = await fetch(`${base}${route}`, {
        method: 'POST',
        headers: { origin: SITE, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${route} → ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, any>;
    };

    // The page gets its token and starts the conversation on A, and holds its WebSocket there.
    const { token, conversationId } = await call(a.url, '/api/directline/token');
    const started = await call(a.url, '/v3/directline/conversations', token);
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(started.streamUrl, { headers: { origin: SITE } });
    const frames: any[] = [];
    const waiters: (() => void)[] = [];
    ws.on('message', (data) => {
      const text = data.toString();
      if (text) frames.push(JSON.parse(text));
      for (const wake of waiters.splice(0)) wake();
    });
    const botActivities = () => frames.flatMap((f) => f.activities).filter((x: any) => x.from?.role === 'bot');
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await until(() => botActivities().length > 0); // the welcome, produced on A

    // The visitor's next message goes to B (the load balancer chose it); B's bot answers there.
    const posted = await call(b.url, `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`, token, {
      type: 'message',
      from: { id: 'visitor' },
      value: { action: 'start' },
    });
    await until(() => botActivities().some((x: any) => x.replyToId === posted.id || x.value?.question === 'ai_use'));
    const reply = botActivities().find((x: any) => x.value?.question === 'ai_use');
    expect(reply).toBeDefined();
    // Every frame's watermark moved forward: nothing skipped, nothing repeated.
    const seqs = frames.flatMap((f) => f.activities).map((x: any) => Number(String(x.id).split('|')[1]));
    expect(seqs).toEqual([...new Set(seqs)].sort((m, n) => m - n));
    ws.close();
  }, 120_000);
});
