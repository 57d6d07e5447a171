import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testConfig } from '../../src/config/config';
import { runLeadsCli } from '../../src/leads/cli/program';
import { type WebhookEvent, WebhookEventSchema } from '../../src/webhook/events';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verify } from '../../src/webhook/signature';
import { Conversation, recommendationIn } from './client';
import { bookingIn, bookingSteps, MONDAY, slotsIn } from './booking-flow';
import { SCENARIOS, converse } from './scenarios';
import { startTestServer, type TestServer } from './server';

/**
 * The CRM webhook end to end: a visitor books, reschedules, cancels and asks
 * for their data to be deleted over HTTP; a real receiver in this test checks
 * every signature, answers 500 to the first two deliveries, and deduplicates on
 * the event id. The outbox worker is driven explicitly, with the server's
 * clock moved on past each retry's backoff: no sleeping.
 */

const SECRET = 'whsec_test_0123456789abcdef';
let now = MONDAY;

interface Received {
  event: WebhookEvent;
  status: number;
  signature: ReturnType<typeof verify>;
}

class Receiver {
  readonly received: Received[] = [];
  failuresLeft: number;
  private server!: http.Server;
  url = '';

  constructor(failFirst: number) {
    this.failuresLeft = failFirst;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const signature = verify(SECRET, req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined, raw, now);
        const event = JSON.parse(raw) as WebhookEvent;
        expect(req.headers[EVENT_ID_HEADER.toLowerCase()]).toBe(event.id);
        const status = !signature.ok ? 401 : this.failuresLeft-- > 0 ? 500 : 204;
        this.received.push({ event, status, signature });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/leads`;
  }

  /** What a receiver keeps: each event once, by id, in the order first accepted. */
  accepted(): WebhookEvent[] {
    const seen = new Map<string, WebhookEvent>();
    for (const r of this.received) if (r.status < 300 && !seen.has(r.event.id)) seen.set(r.event.id, r.event);
    return [...seen.values()];
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let receiver: Receiver;
let server: TestServer;

beforeAll(async () => {
  receiver = new Receiver(2);
  await receiver.start();
  server = await startTestServer({ LEADS_WEBHOOK_URL: receiver.url, LEADS_WEBHOOK_SECRET: SECRET }, { clock: () => now });
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

/** Runs the worker until nothing is left, moving the clock an hour on each round (past any backoff). */
async function deliverEverything(): Promise<number> {
  const webhook = server.running.services.webhook!;
  let rounds = 0;
  for (; rounds < 12; rounds += 1) {
    await webhook.idle();
    await webhook.drain();
    if ((await server.running.services.backend.outbox.pending('webhook')) === 0) break;
    now = new Date(now.getTime() + 3_600_000);
  }
  return rounds;
}

it('book, reschedule, cancel, erase: each event once, in order, signed, through two failures', async () => {
  const c = new Conversation(server.url, { timezone: 'Europe/Paris' });
  const scenario = SCENARIOS.find((s) => s.expected.tier === 'hot')!;
  expect(recommendationIn((await converse(c, scenario.answers, () => 'click')).replies.at(-1)!)).not.toBeNull();
  await bookingSteps.book(c);
  await bookingSteps.acceptDisclaimer(c);
  const slots = slotsIn(await bookingSteps.submitContact(c, 7));
  await bookingSteps.pickSlot(c, slots[0].id);
  const first = bookingIn(await bookingSteps.confirm(c))!;
  const later = slotsIn(await c.submit({ action: 'reschedule' }));
  await bookingSteps.pickSlot(c, later[1].id);
  const moved = bookingIn(await bookingSteps.confirm(c))!;
  expect(moved.start).toBe(later[1].start);
  await c.submit({ action: 'cancel-booking' });
  const rounds = await deliverEverything();
  expect(rounds).toBeGreaterThanOrEqual(2); // the two 500s were retried after their backoff
  // Delivered before the erase: an event still queued at the erase goes with the lead (src/records/records.test.ts).
  await c.say('delete my data');
  await c.say('yes'); // "Are you sure?" first
  await deliverEverything();

  // Every request was signed correctly; the first two were refused with 500 and sent again.
  expect(receiver.received.every((r) => r.signature.ok)).toBe(true);
  expect(receiver.received.filter((r) => r.status === 500)).toHaveLength(2);
  const events = receiver.accepted();
  expect(events.map((e) => e.type)).toEqual(['lead.created', 'booking.confirmed', 'booking.rescheduled', 'booking.cancelled', 'lead.erased']);
  for (const e of events) expect(WebhookEventSchema.safeParse(e).success).toBe(true);
  expect(new Set(events.map((e) => e.leadId)).size).toBe(1);

  const [created, confirmed] = events as unknown as { data: { brief: unknown } }[];
  expect(created.data.brief).toMatchObject({ contact: { email: 'person7@example.org' }, visitorTimeZone: 'Europe/Paris', assessment: { recommendation: { tier: 'hot' } } });
  expect((confirmed as unknown as { data: { bookingId: string } }).data.bookingId).toBe(first.id);

  // An erasure carries ids only: nothing about the person.
  const erased = events[4] as { data: unknown };
  expect(erased.data).toEqual({ bookingIds: [] });
  const erasedBody = JSON.stringify(receiver.received.find((r) => r.event.type === 'lead.erased')!.event);
  expect(erasedBody).not.toMatch(/person7|Example Health|Test Person/);
}, 120_000);

it('a delivery that keeps failing goes to the dead-letter list, shown by `npm run leads -- webhooks`', async () => {
  const dead = new Receiver(1000);
  await dead.start();
  const s = await startTestServer({ LEADS_WEBHOOK_URL: dead.url, LEADS_WEBHOOK_SECRET: SECRET, LEADS_WEBHOOK_MAX_ATTEMPTS: '3' }, { clock: () => now });
  try {
    const c = new Conversation(s.url);
    await bookingSteps.book(c);
    await bookingSteps.acceptDisclaimer(c);
    await bookingSteps.submitContact(c, 8);
    const webhook = s.running.services.webhook!;
    for (let i = 0; i < 4; i += 1) {
      await webhook.idle();
      await webhook.drain();
      now = new Date(now.getTime() + 3_600_000);
    }
    expect(dead.received.map((r) => r.status)).toEqual([500, 500, 500]);
    const letters = await webhook.deadLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ event: { type: 'lead.created' }, failure: 'http-500', attempts: 3 });

    let out = '';
    const code = await runLeadsCli(['webhooks'], testConfig({ DATA_DIR: s.dataDir, LEADS_WEBHOOK_URL: dead.url, LEADS_WEBHOOK_SECRET: SECRET }), {
      out: (t) => void (out += t),
      err: () => undefined,
      now: () => now,
    });
    expect(code).toBe(0);
    expect(out).toContain('Waiting: 0');
    expect(out).toContain('Dead letters: 1');
    expect(out).toMatch(new RegExp(`${letters[0].event.id}\\s+lead.created\\s+lead-[\\w-]+\\s+\\S+\\s+\\S+\\s+3\\s+http-500`));
  } finally {
    await s.close();
    await dead.close();
  }
}, 120_000);
