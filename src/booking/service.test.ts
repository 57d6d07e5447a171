import type { BookingView } from './service';
import { BACKENDS } from '../../test/support/backends';
import { ANSWERS, NOW, openService, registerAda, TUESDAY_0900, WEDNESDAY_0900, WEDNESDAY_0930, WEDNESDAY_1000, type Stores } from '../../test/booking/fixtures';

/** The booking facade as the conversation uses it. Clock: Mon 30 Nov 2026 10:15 GMT. */

for (const backend of BACKENDS) {
describe(`bookings and leads on ${backend.name}`, () => {
  let env: Record<string, string>;
  let service: Stores;
  beforeEach(async () => {
    env = await backend.freshEnv();
    service = await openService(env.DATA_DIR, env);
  });
  afterEach(() => service.close());

  const tokenOf = (b: BookingView) => new URL(b.icsUrlPath, 'http://x').searchParams.get('token')!;

  describe('offering slots', () => {
    it('offers the next free slots after the notice period, four by default', async () => {
      expect((await service.booking.offerSlots({ now: NOW })).map((s) => s.id)).toEqual([
        'slot-20261201T1030Z',
        'slot-20261201T1100Z',
        'slot-20261201T1130Z',
        'slot-20261201T1200Z',
      ]);
    });

    it('"later" continues after a slot; "another day" keeps to that London date', async () => {
      expect((await service.booking.offerSlots({ now: NOW, after: 'slot-20261201T1200Z', limit: 2 })).map((s) => s.id)).toEqual([
        'slot-20261201T1230Z',
        'slot-20261201T1300Z',
      ]);
      expect(await service.booking.offerSlots({ now: NOW, day: '2026-12-02', limit: 2 })).toEqual([
        { id: WEDNESDAY_0900, start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z' },
        { id: WEDNESDAY_0930, start: '2026-12-02T09:30:00.000Z', end: '2026-12-02T10:00:00.000Z' },
      ]);
      expect(await service.booking.offerSlots({ now: NOW, day: '2026-12-25' })).toEqual([]);
    });

    it('a 09:00 booking blocks its practitioner until 09:45, so 09:30 goes and 10:00 stays', async () => {
      expect((await service.booking.confirm({ leadId: await registerAda(service), slotId: WEDNESDAY_0900, now: NOW })).ok).toBe(true);
      const wednesday = (await service.booking.offerSlots({ now: NOW, day: '2026-12-02', limit: 2 })).map((s) => s.id);
      expect(wednesday).toEqual([WEDNESDAY_1000, 'slot-20261202T1030Z']);
      expect(await service.booking.confirm({ leadId: await registerAda(service), slotId: WEDNESDAY_0930, now: NOW })).toEqual({ ok: false, reason: 'slot-taken' });
    });

    it('with two practitioners a slot stays free until both are booked', async () => {
      await service.close();
      service = await openService(env.DATA_DIR, { ...env, BOOKING_PRACTITIONERS: 'alice,bob' });
      const first = await service.booking.confirm({ leadId: await registerAda(service), slotId: WEDNESDAY_0900, now: NOW });
      const second = await service.booking.confirm({ leadId: await registerAda(service), slotId: WEDNESDAY_0900, now: NOW });
      expect([first.ok && first.booking.practitioner, second.ok && second.booking.practitioner]).toEqual(['alice', 'bob']);
      expect((await service.booking.offerSlots({ now: NOW, day: '2026-12-02', limit: 1 })).map((s) => s.id)).toEqual([WEDNESDAY_1000]);
      expect(await service.booking.confirm({ leadId: await registerAda(service), slotId: WEDNESDAY_0900, now: NOW })).toEqual({ ok: false, reason: 'slot-taken' });
    });
  });

  describe('confirming', () => {
    it('books, returns the view with a calendar link, stores the brief and tells listeners', async () => {
      const heard: string[] = [];
      service.booking.onBooked(({ booking, brief }) => void heard.push(`${booking.id} ${brief.booking?.status}`));
      const leadId = await registerAda(service);
      const result = await service.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW });
      if (!result.ok) throw new Error(result.reason);
      expect(result.booking).toEqual({
        id: expect.stringMatching(/^booking-/),
        start: '2026-12-02T09:00:00.000Z',
        end: '2026-12-02T09:30:00.000Z',
        status: 'confirmed',
        practitioner: 'practitioner-1',
        icsUrlPath: expect.stringMatching(new RegExp(`^/calendar/${result.booking.id}\\.ics\\?token=[A-Za-z0-9_-]{43}$`)),
      });
      expect((await service.leads.brief(leadId))?.booking).toMatchObject({ id: result.booking.id, start: '2026-12-02T09:00:00.000Z' });
      expect(heard).toEqual([`${result.booking.id} confirmed`]);
    });

    it('a turn retried after a write conflict repeats its effects harmlessly: one lead, one booking, one notice', async () => {
      const heard: string[] = [];
      service.booking.onBooked(({ booking }) => void heard.push(booking.id));
      const leadId = await registerAda(service, { conversationId: 'conv-retried' });
      expect(await registerAda(service, { conversationId: 'conv-retried' })).toBe(leadId);
      const first = await service.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW });
      const again = await service.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW });
      expect(first.ok && again.ok && again.booking.id).toBe(first.ok && first.booking.id);
      expect(heard).toHaveLength(1);
      expect(await service.leads.listLeads()).toHaveLength(1);
    });

    it('a listener that throws does not undo the booking', async () => {
      service.booking.onBooked(() => {
        throw new Error('teams is down');
      });
      expect((await service.booking.confirm({ leadId: await registerAda(service), slotId: WEDNESDAY_0900, now: NOW })).ok).toBe(true);
    });

    it.each([
      ['inside the minimum notice', TUESDAY_0900],
      ['Christmas Day', 'slot-20261225T1000Z'],
      ['not on the half hour', 'slot-20261202T0915Z'],
      ['not a slot id', 'tomorrow please'],
    ])('refuses a slot %s as slot-unavailable', async (_why, slotId) => {
      expect(await service.booking.confirm({ leadId: await registerAda(service), slotId, now: NOW })).toEqual({ ok: false, reason: 'slot-unavailable' });
    });

    it('needs a registered lead', async () => {
      expect(await service.booking.confirm({ leadId: 'lead-nobody', slotId: WEDNESDAY_0900, now: NOW })).toEqual({ ok: false, reason: 'lead-not-found' });
    });

    it('eight users racing for the last place: one booking, seven slot-taken', async () => {
      const services = await Promise.all(Array.from({ length: 8 }, () => openService(env.DATA_DIR, env)));
      const leadIds = await Promise.all(services.map((s) => registerAda(s)));
      const results = await Promise.all(services.map((s, i) => s.booking.confirm({ leadId: leadIds[i], slotId: WEDNESDAY_0900, now: NOW })));
      await Promise.all(services.map((s) => s.close()));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'slot-taken')).toHaveLength(7);
    });
  });

  describe('after booking', () => {
    let leadId: string;
    let booking: BookingView;
    beforeEach(async () => {
      leadId = await registerAda(service, { email: 'ada@example.org' });
      const r = await service.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW });
      if (!r.ok) throw new Error(r.reason);
      booking = r.booking;
    });

    it('survives a restart: booking, lead and consent record', async () => {
      await service.close();
      service = await openService(env.DATA_DIR, env);
      expect(await service.leads.lead(leadId)).toMatchObject({
        contact: { name: 'Ada Lovelace', email: 'ada@example.org' },
        consent: { givenAt: NOW.toISOString(), noticeVersion: '2026-01' },
        answers: ANSWERS,
      });
      expect((await service.leads.listLeads())[0].booking).toEqual({ id: booking.id, start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z', status: 'confirmed' });
      expect(await service.booking.calendarFor(booking.id, tokenOf(booking))).toContain('DTSTART:20261202T090000Z');
      expect(await service.booking.confirm({ leadId: await registerAda(service), slotId: WEDNESDAY_0900, now: NOW })).toEqual({ ok: false, reason: 'slot-taken' });
    });

    it('cancel frees the slot; cancelling twice says so', async () => {
      const cancelled = await service.booking.cancel(booking.id);
      expect(cancelled).toMatchObject({ ok: true, booking: { id: booking.id, status: 'cancelled' } });
      expect(await service.booking.cancel(booking.id)).toEqual({ ok: false, reason: 'already-cancelled' });
      expect(await service.booking.cancel('booking-nope')).toEqual({ ok: false, reason: 'not-found' });
      expect((await service.booking.offerSlots({ now: NOW, day: '2026-12-02', limit: 1 }))[0].id).toBe(WEDNESDAY_0900);
      expect((await service.leads.brief(leadId))?.booking?.status).toBe('cancelled');
    });

    it('reschedule moves the same booking, even into a slot its own buffer blocked', async () => {
      const moved = await service.booking.reschedule({ bookingId: booking.id, slotId: WEDNESDAY_0930, now: NOW });
      expect(moved).toMatchObject({ ok: true, booking: { id: booking.id, start: '2026-12-02T09:30:00.000Z', status: 'confirmed' } });
      // 09:30–10:00 keeps the practitioner busy to 10:15: 09:00 and 10:00 clash, 10:30 is next.
      expect((await service.booking.offerSlots({ now: NOW, day: '2026-12-02', limit: 1 }))[0].id).toBe('slot-20261202T1030Z');
      expect((await service.leads.brief(leadId))?.booking?.start).toBe('2026-12-02T09:30:00.000Z');
    });

    it('reschedule into a taken slot changes nothing', async () => {
      const other = await service.booking.confirm({ leadId: await registerAda(service), slotId: 'slot-20261203T1000Z', now: NOW });
      expect(other.ok).toBe(true);
      expect(await service.booking.reschedule({ bookingId: booking.id, slotId: 'slot-20261203T1000Z', now: NOW })).toEqual({ ok: false, reason: 'slot-taken' });
      expect((await service.leads.listLeads()).find((l) => l.id === leadId)?.booking).toEqual({ id: booking.id, start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z', status: 'confirmed' });
      expect(await service.booking.reschedule({ bookingId: booking.id, slotId: TUESDAY_0900, now: NOW })).toEqual({ ok: false, reason: 'slot-unavailable' });
      expect(await service.booking.reschedule({ bookingId: 'booking-nope', slotId: WEDNESDAY_1000, now: NOW })).toEqual({ ok: false, reason: 'not-found' });
    });

    it('deleteLead erases the person and cancels the booking; the calendar cancel carries no personal data', async () => {
      const result = await service.leads.deleteLead(leadId);
      expect(result).toMatchObject({ ok: true, cancelled: [{ id: booking.id, status: 'cancelled' }] });
      expect(await service.leads.lead(leadId)).toBeNull();
      expect(await service.leads.brief(leadId)).toBeNull();
      expect(await service.leads.listLeads()).toEqual([]);
      expect(await service.leads.exportCsv()).not.toContain('ada@example.org');
      const ics = (await service.booking.calendarFor(booking.id, tokenOf(booking)))!;
      expect(ics).toContain('METHOD:CANCEL');
      expect(ics).not.toMatch(/ada@example\.org|Lovelace/);
      expect((await service.booking.offerSlots({ now: NOW, day: '2026-12-02', limit: 1 }))[0].id).toBe(WEDNESDAY_0900);
      expect(await service.leads.deleteLead(leadId)).toEqual({ ok: false, reason: 'lead-not-found' });
      await service.close();
      const everything = await backend.dumpRecords(env);
      expect(everything).toContain(booking.id); // the anonymised booking is there…
      // The phone as stored, not its digits alone: "7946" turns up by chance in a token hash one run in a few hundred.
      expect(everything).not.toMatch(/ada@example\.org|Lovelace|\+?44 ?20 ?7946 ?0000|Analytical Engines/);
    });

    it('purge removes leads older than the retention period (365 days) with everything of theirs', async () => {
      const day = 86_400_000;
      await service.leads.registerLead({
        conversationId: 'conv-2',
        channelId: 'msteams',
        contact: { name: 'Grace Hopper', email: 'grace@example.org', organisation: 'Navy' },
        consent: { givenAt: NOW, noticeVersion: '2026-01' },
        answers: {},
        assessment: null,
      });
      expect(await service.leads.purge({ now: new Date(NOW.getTime() + 364 * day) })).toEqual({ leads: 0, consents: 0, bookings: 0, briefs: 0 });
      expect(await service.leads.purge({ now: new Date(NOW.getTime() + 366 * day) })).toEqual({ leads: 2, consents: 2, bookings: 1, briefs: 1 });
      expect(await service.leads.listLeads()).toEqual([]);
    });

    it('exportCsv: one quoted row a lead, formulas defused', async () => {
      await service.leads.registerLead({
        conversationId: 'conv-3',
        channelId: 'webchat',
        contact: { name: '=HYPERLINK("http://evil")', email: 'x@example.org', organisation: 'Quote "Co", Ltd' },
        consent: { givenAt: NOW, noticeVersion: '2026-01' },
        answers: {},
        assessment: null,
      });
      const lines = (await service.leads.exportCsv()).trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^lead_id,created_at,name,email,organisation,role,phone,consent_given_at,privacy_notice_version,pathway,tier,urgency,booking_start,booking_status,ai_use,/);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('"Ada Lovelace","ada@example.org","Analytical Engines Ltd","CTO","+44 20 7946 0000"');
      expect(lines[1]).toContain('"42001-first","hot","high","2026-12-02T09:00:00.000Z","confirmed"');
      expect(lines[2]).toContain('"\'=HYPERLINK(""http://evil"")"');
      expect(lines[2]).toContain('"Quote ""Co"", Ltd"');
    });
  });

  describe('consent', () => {
    it('a lead is stored only with its consent record: the schema refuses a lead without one', async () => {
      await service.close(); // an outsider's connection, as in a hand edit of the store
      if (backend.name === 'sqlite') {
        // The schema's declaration (a raw insert through a second connection proved unreliable under the full parallel run).
        const Database = require('better-sqlite3');
        const raw = new Database(`${env.DATA_DIR}/records.sqlite`, { readonly: true });
        const references = raw.pragma('foreign_key_list(leads)') as { table: string; from: string; to: string }[];
        const columns = raw.pragma('table_info(leads)') as { name: string; notnull: number }[];
        raw.close();
        expect(references).toContainEqual(expect.objectContaining({ table: 'consents', from: 'consent_id', to: 'id' }));
        expect(columns.find((c) => c.name === 'consent_id')?.notnull).toBe(1);
      } else {
        await expect(
          backend.exec(
            env,
            `INSERT INTO leads (id, consent_id, conversation_id, channel_id, name, email, organisation, answers, created_at, updated_at) VALUES ('l', 'none', 'c', 'w', 'n', 'e', 'o', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
          ),
        ).rejects.toThrow(/foreign key/i);
      }
      service = await openService(env.DATA_DIR, env);
    });
  });
});
}
