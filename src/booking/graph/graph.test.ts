import net from 'node:net';
import { openBackend, type Backend } from '../../app/backend';
import { testConfig, type Config } from '../../config/config';
import { LeadService } from '../../leads/service';
import { ANSWERS, tempDataDir } from '../../../test/booking/fixtures';
import { startGraphStandin, type GraphStandin } from '../../../test/support/graph/standin';
import { assess } from '../../scoping/recommendation';
import { readBankHolidays } from '../bank-holidays';
import { BookingService } from '../service';
import { GraphCalendar, GraphCredentialsError, PostgresEventLinks, SqliteEventLinks } from '.';
import { BACKENDS } from '../../../test/support/backends';

/**
 * The `graph` calendar provider against a local stand-in of Microsoft 365
 * (identity platform + the four Graph endpoints, shaped as Microsoft
 * documents them): busy times come off the offers, a booking becomes an
 * event with the visitor invited to a Teams meeting, moves and cancels
 * follow, and throttling, outages and a refused secret are handled.
 */

const MONDAY = new Date('2026-11-30T10:15:00.000Z');
const JANE = 'jane@firm.example';

let standin: GraphStandin;
beforeAll(async () => (standin = await startGraphStandin()));
afterAll(() => standin.close());

let clock: Date;
let backend: Backend;
let calendar: GraphCalendar;
let booking: BookingService;
let leadId: string;
let leads: LeadService;

function graphConfig(env: Record<string, string>, overrides: Record<string, string> = {}): Config {
  return testConfig({
    ...env,
    CALENDAR_PROVIDER: 'graph',
    GRAPH_TENANT_ID: standin.tenantId,
    GRAPH_CLIENT_ID: standin.clientId,
    GRAPH_CLIENT_SECRET: standin.clientSecret,
    GRAPH_AUTHORITY_HOST: standin.authorityHost,
    GRAPH_BASE_URL: standin.graphBaseUrl,
    BOOKING_PRACTITIONERS: JSON.stringify([{ id: 'jane', name: 'Jane Doe', mailbox: JANE }]),
    ...overrides,
  });
}

function graphCalendar(config: Config): GraphCalendar {
  return new GraphCalendar({
    config: config.calendar.graph!,
    practitioners: config.booking.roster,
    horizonDays: config.booking.horizonDays,
    outbox: backend.outbox,
    // As src/app/services.ts wires them: a table in PostgreSQL, or calendar.sqlite.
    links: backend.pool ? new PostgresEventLinks(backend.pool) : new SqliteEventLinks(SqliteEventLinks.fileIn(config.dataDir)),
    bookings: { snapshot: (id) => booking.snapshot(id) },
    clock: () => clock,
    log: () => undefined,
    client: { networkClient: standin.networkClient },
  });
}

for (const store of BACKENDS) {
  describe(`graph calendar, bookings on ${store.name}`, () => {
    beforeEach(async () => {
      clock = MONDAY;
      standin.reset();
      const config = graphConfig(await store.freshEnv());
      backend = await openBackend(config);
      calendar = graphCalendar(config);
      booking = new BookingService({ config, records: backend.records, holidays: readBankHolidays().dates, clock: () => clock, calendar });
      await calendar.start();
      leads = new LeadService({ config, records: backend.records, clock: () => clock, onBookingsCancelled: (cancelled) => booking.cancelledElsewhere(cancelled) });
      ({ leadId } = await leads.registerLead({
        conversationId: `conv-${Math.random()}`,
        channelId: 'webchat',
        contact: { name: 'Ada Lovelace', email: 'ada@example.org', organisation: 'Analytical Engines Ltd' },
        consent: { givenAt: MONDAY, noticeVersion: '2026-01' },
        answers: ANSWERS,
        assessment: assess(ANSWERS),
      }));
    });
    afterEach(async () => {
      await calendar.stop();
      await backend.close();
    });

    const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
    const liveEvents = () => standin.events.filter((e) => !e.cancelled);

    it('an offered time never overlaps the practitioner’s busy time (buffer kept on both sides)', async () => {
      standin.addBusy(JANE, '2026-12-02T09:00:00Z', '2026-12-02T10:00:00Z');
      standin.addBusy(JANE, '2026-12-02T12:00:00Z', '2026-12-02T13:00:00Z', 'oof');
      later(61_000); // past the cache's minute
      await booking.offerSlots({ day: '2026-12-02', limit: 20 }); // answers from the stale copy while it refreshes
      await calendar.busy({ fresh: true });
      const offers = await booking.offerSlots({ day: '2026-12-02', limit: 20 });
      expect(offers.map((s) => s.id)).toEqual([
        'slot-20261202T1030Z',
        'slot-20261202T1100Z',
        // 11:30–12:00 clashes with 12:00 out of office: the buffer is kept before it too
        'slot-20261202T1330Z',
        'slot-20261202T1400Z',
        'slot-20261202T1430Z',
        'slot-20261202T1500Z',
        'slot-20261202T1530Z',
        'slot-20261202T1600Z',
        'slot-20261202T1630Z',
      ]);
    });

    it('a booking becomes an event: the visitor invited to a Teams meeting, the summary and the disclaimer in the body; moves PATCH it, cancel cancels it', async () => {
      const booked = await booking.confirm({ leadId, slotId: 'slot-20261202T1030Z' });
      if (!booked.ok) throw new Error(booked.reason);
      expect(await calendar.flush()).toMatchObject({ delivered: 1, failed: 0 });
      expect(standin.events).toHaveLength(1);
      const [event] = standin.events;
      expect(event).toMatchObject({
        mailbox: JANE,
        subject: 'AI Governance Scoping Call',
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
        attendees: [{ emailAddress: { address: 'ada@example.org', name: 'Ada Lovelace' }, type: 'required' }],
        start: { dateTime: '2026-12-02T10:30:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-12-02T11:00:00.0000000', timeZone: 'UTC' },
      });
      expect(event.body?.contentType).toBe('html');
      expect(event.body?.content).toContain('not legal or compliance advice');
      expect(event.body?.content).toMatch(/Recommended|route|pathway/i);
      expect(event.body?.content).not.toMatch(/hot|warm|nurture/i); // the lead's tier is for the practitioner only
      // The calendar file now carries the Teams link.
      expect(await booking.placeOf(booked.booking.id)).toEqual({ location: event.onlineMeeting!.joinUrl, joinUrl: event.onlineMeeting!.joinUrl });

      const moved = await booking.reschedule({ bookingId: booked.booking.id, slotId: 'slot-20261203T1400Z' });
      expect(moved.ok).toBe(true);
      expect(await calendar.flush()).toMatchObject({ delivered: 1 });
      expect(standin.events).toHaveLength(1);
      expect(standin.events[0].start).toEqual({ dateTime: '2026-12-03T14:00:00.0000000', timeZone: 'UTC' });

      await booking.cancel(booked.booking.id);
      expect(await calendar.flush()).toMatchObject({ delivered: 1 });
      expect(liveEvents()).toHaveLength(0);
      expect(standin.requests.filter((r) => r.route !== 'token' && r.route !== 'getSchedule').map((r) => `${r.route} ${r.status}`)).toEqual([
        'createEvent 201',
        'updateEvent 200',
        'cancelEvent 202',
      ]);
    });

    it('429 with Retry-After: the event is written when Graph said, not before', async () => {
      standin.fail('createEvent', { status: 429, retryAfterSeconds: 7 });
      const booked = await booking.confirm({ leadId, slotId: 'slot-20261202T1030Z' });
      expect(booked.ok).toBe(true); // committed in our store whatever Graph says
      expect(await calendar.flush()).toMatchObject({ delivered: 0, failed: 1 });
      later(6_999);
      expect(await calendar.flush()).toMatchObject({ delivered: 0, failed: 0 });
      later(1);
      expect(await calendar.flush()).toMatchObject({ delivered: 1 });
      expect(liveEvents()).toHaveLength(1);
    });

    it('503 then success: retried after the backoff, and one event, not two', async () => {
      standin.fail('createEvent', { status: 503 });
      const booked = await booking.confirm({ leadId, slotId: 'slot-20261202T1030Z' });
      expect(booked.ok).toBe(true);
      expect(await calendar.flush()).toMatchObject({ failed: 1 });
      later(30_000);
      expect(await calendar.flush()).toMatchObject({ delivered: 1 });
      expect(await calendar.flush()).toMatchObject({ delivered: 0 });
      expect(liveEvents()).toHaveLength(1);
      expect(await calendar.events.pending()).toBe(0);
    });

    it('the slot becomes busy between offer and confirm: the booking is refused, nothing is written to the calendar, and the time is no longer offered', async () => {
      const offers = await booking.offerSlots({ day: '2026-12-02' });
      expect(offers[0].id).toBe('slot-20261202T0900Z');
      standin.addBusy(JANE, '2026-12-02T09:00:00Z', '2026-12-02T09:30:00Z'); // booked directly in Outlook
      expect(await booking.confirm({ leadId, slotId: 'slot-20261202T0900Z' })).toEqual({ ok: false, reason: 'slot-taken' });
      expect(await calendar.flush()).toMatchObject({ delivered: 0 });
      expect(standin.events).toHaveLength(0);
      expect((await booking.offerSlots({ day: '2026-12-02' }))[0].id).toBe('slot-20261202T1000Z');
    });

    it('getSchedule throttled (429) at confirm: the booking goes ahead on our records and the last busy times, and the turn does not fail', async () => {
      standin.fail('getSchedule', { status: 429, retryAfterSeconds: 30 }, { status: 503 });
      expect(await booking.confirm({ leadId, slotId: 'slot-20261202T1030Z' })).toMatchObject({ ok: true });
      expect((await booking.offerSlots({ day: '2026-12-02' }))[0].id).toBe('slot-20261202T0900Z');
      await calendar.flush();
      expect(liveEvents()).toHaveLength(1);
    });

    it('our own event does not block confirming the same slot again or moving within the buffer', async () => {
      const booked = await booking.confirm({ leadId, slotId: 'slot-20261202T1030Z' });
      if (!booked.ok) throw new Error(booked.reason);
      await calendar.flush();
      expect(await booking.confirm({ leadId, slotId: 'slot-20261202T1030Z' })).toMatchObject({ ok: true, booking: { id: booked.booking.id } });
      expect(await booking.reschedule({ bookingId: booked.booking.id, slotId: 'slot-20261202T1100Z' })).toMatchObject({ ok: true });
    });

    it('a refused secret stops start-up with a clear message that names the settings and not the secret', async () => {
      const wrong = graphCalendar(graphConfig({ DATA_DIR: tempDataDir() }, { GRAPH_CLIENT_SECRET: 'not-the-secret' }));
      const started = wrong.start();
      await expect(started).rejects.toBeInstanceOf(GraphCredentialsError);
      await expect(started).rejects.toThrow(/refused the app's credentials \(invalid_client AADSTS7000215\).*GRAPH_CLIENT_SECRET/);
      await started.catch((error: Error) => expect(error.message).not.toContain('not-the-secret'));
      await wrong.stop();
    });

    it('erasing the lead cancels the event in the practitioner’s calendar', async () => {
      const booked = await booking.confirm({ leadId, slotId: 'slot-20261202T1030Z' });
      expect(booked.ok).toBe(true);
      await calendar.flush();
      expect(liveEvents()).toHaveLength(1);
      await leads.deleteLead(leadId);
      expect(await calendar.flush()).toMatchObject({ delivered: 1 });
      expect(liveEvents()).toHaveLength(0);
    });
  });
}

it('Microsoft 365 unreachable at start-up: start-up goes on, offers rest on our records, the booking stands and its event waits in the outbox', async () => {
  const closed = await new Promise<number>((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  clock = MONDAY;
  const env = { DATA_DIR: tempDataDir() };
  const config = graphConfig(env, { GRAPH_AUTHORITY_HOST: `https://127.0.0.1:${closed}`, GRAPH_BASE_URL: `http://127.0.0.1:${closed}/v1.0` });
  backend = await openBackend(config);
  calendar = graphCalendar(config);
  booking = new BookingService({ config, records: backend.records, holidays: readBankHolidays().dates, clock: () => clock, calendar });
  try {
    await calendar.start();
    const leadId = await new LeadService({ config, records: backend.records, clock: () => clock }).registerLead({
      conversationId: 'conv-offline',
      channelId: 'webchat',
      contact: { name: 'Ada Lovelace', email: 'ada@example.org', organisation: 'Analytical Engines Ltd' },
      consent: { givenAt: MONDAY, noticeVersion: '2026-01' },
      answers: ANSWERS,
      assessment: assess(ANSWERS),
    });
    const [first] = await booking.offerSlots({});
    expect(first.id).toBe('slot-20261201T1030Z');
    expect(await booking.confirm({ leadId: leadId.leadId, slotId: first.id })).toMatchObject({ ok: true });
    expect(await calendar.flush()).toMatchObject({ delivered: 0, failed: 1 });
    expect(await calendar.events.pending()).toBe(1);
  } finally {
    await calendar.stop();
    await backend.close();
  }
});
