import fs from 'node:fs';
import path from 'node:path';
import { BookingConflict } from '../booking/store/types';
import { BACKENDS } from '../../test/support/backends';
import { DEAD_LETTER_TOPIC, WebhookDelivery } from '../webhook/delivery';
import { WEBHOOK_TOPIC, WebhookFeed } from '../webhook/feed';
import { NOW, openService, registerAda, WEDNESDAY_0900, WEDNESDAY_1000, type Stores } from '../../test/booking/fixtures';

/** The records store's own promises, on every backend. Clock: Mon 30 Nov 2026 10:15 GMT. */

for (const backend of BACKENDS) {
  describe(`records on ${backend.name}`, () => {
    let env: Record<string, string>;
    let stores: Stores;
    beforeEach(async () => {
      env = await backend.freshEnv();
      stores = await openService(env.DATA_DIR, env);
    });
    afterEach(() => stores.close());

    describe('a lead holds one active booking', () => {
      it('confirming another slot moves the booking the lead already holds (its state was lost, say)', async () => {
        const leadId = await registerAda(stores);
        const first = await stores.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW });
        const second = await stores.booking.confirm({ leadId, slotId: WEDNESDAY_1000, now: NOW });
        expect(first.ok && second.ok && second.booking.id).toBe(first.ok && first.booking.id);
        expect(second).toMatchObject({ ok: true, booking: { start: '2026-12-02T10:00:00.000Z', status: 'confirmed' } });
        const [listed] = await stores.leads.listLeads();
        expect(listed.booking).toMatchObject({ start: '2026-12-02T10:00:00.000Z', status: 'confirmed' });
        // 09:00 is free again.
        expect((await stores.booking.offerSlots({ now: NOW, day: '2026-12-02', limit: 1 }))[0].id).toBe(WEDNESDAY_0900);
      });

      it('the store itself refuses a second active booking for a lead', async () => {
        const leadId = await registerAda(stores);
        expect((await stores.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW })).ok).toBe(true);
        const second = stores.records.transaction((tx) =>
          tx.bookings.insert({
            leadId,
            practitioner: 'practitioner-1',
            slot: { id: 'slot-20261203T1000Z', start: '2026-12-03T10:00:00.000Z', end: '2026-12-03T10:30:00.000Z' },
            busyUntil: '2026-12-03T10:45:00.000Z',
            now: NOW.toISOString(),
          }),
        );
        await expect(second).rejects.toEqual(new BookingConflict('lead'));
      });

      it('the store refuses two active bookings of one practitioner at one time', async () => {
        const a = await registerAda(stores);
        const b = await registerAda(stores);
        expect((await stores.booking.confirm({ leadId: a, slotId: WEDNESDAY_0900, now: NOW })).ok).toBe(true);
        const clash = stores.records.transaction((tx) =>
          tx.bookings.insert({
            leadId: b,
            practitioner: 'practitioner-1',
            slot: { id: WEDNESDAY_0900, start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z' },
            busyUntil: '2026-12-02T09:45:00.000Z',
            now: NOW.toISOString(),
          }),
        );
        await expect(clash).rejects.toEqual(new BookingConflict('slot'));
      });
    });

    describe('erasing a lead takes its queued CRM webhook events with it', () => {
      it('in the same transaction as the lead: a transaction that rolls back leaves the queued messages where they were', async () => {
        const leadId = await registerAda(stores);
        await new WebhookFeed(stores.outbox, stores.leads, () => NOW).lead('lead.created', leadId);
        const failed = stores.records.transaction(async (tx) => {
          expect(await tx.outbox.forget({ leadId, bookingIds: [], topics: [WEBHOOK_TOPIC] })).toBe(1);
          await tx.leads.erase(leadId);
          throw new Error('a fault after the outbox delete, before the commit');
        });
        await expect(failed).rejects.toThrow('a fault after the outbox delete');
        expect(await stores.outbox.pending(WEBHOOK_TOPIC)).toBe(1);
        expect(await stores.leads.brief(leadId)).not.toBeNull();
      });

      const refusing = (async () => new Response(null, { status: 500 })) as unknown as typeof fetch;

      it('undelivered and dead-lettered events about the lead go in the erase; the lead.erased event (ids only) is what is left', async () => {
        const leadId = await registerAda(stores, { email: 'ada.queued@example.org' });
        const other = await registerAda(stores, { email: 'grace.stays@example.org' });
        const feed = new WebhookFeed(stores.outbox, stores.leads, () => NOW);
        const crm = new WebhookDelivery(stores.outbox, { url: 'http://127.0.0.1:9/never', secret: 'whsec_test_0123456789abcdef', maxAttempts: 1 }, () => NOW, refusing);
        await feed.lead('lead.created', leadId);
        await crm.drain(); // refused once with maxAttempts 1: now a dead letter holding the brief
        const confirmed = await stores.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW });
        expect(confirmed.ok).toBe(true);
        await feed.booking('booking.confirmed', leadId, confirmed.ok ? confirmed.booking.id : '');
        await feed.lead('lead.created', other);
        expect(await stores.outbox.pending(DEAD_LETTER_TOPIC)).toBe(1);
        expect(await backend.dumpRecords(env)).toContain(backend.name === 'postgres' ? 'ada.queued@example.org' : 'Lovelace');

        const erased = await stores.leads.deleteLead(leadId);
        expect(erased.ok).toBe(true);
        await feed.erased(leadId, erased.ok ? erased.cancelled.map((b) => b.id) : []);

        expect(await stores.outbox.pending(DEAD_LETTER_TOPIC)).toBe(0);
        const queued = (await stores.outbox.list(WEBHOOK_TOPIC, 10)).map((m) => m.payload as { type: string; leadId: string });
        expect(queued.map((e) => [e.type, e.leadId === leadId ? 'erased lead' : 'other'])).toEqual([
          ['lead.created', 'other'],
          ['lead.erased', 'erased lead'],
        ]);
        const everything = JSON.stringify(await Promise.all([WEBHOOK_TOPIC, DEAD_LETTER_TOPIC].map((t) => stores.outbox.list(t, 100))));
        expect(everything).not.toContain('ada.queued@example.org');
        expect(everything).toContain('grace.stays@example.org'); // the check can see an address that is there
        expect(await backend.dumpRecords(env)).not.toContain('ada.queued@example.org');
      });
    });

    it('registering again from the same conversation returns the first lead', async () => {
      const first = await registerAda(stores, { conversationId: 'conv-a' });
      await registerAda(stores, { conversationId: 'conv-b' });
      expect(await registerAda(stores, { conversationId: 'conv-a' })).toBe(first);
    });

    it('the list reads every lead with its latest booking, newest first', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push(await registerAda(stores));
      await stores.booking.confirm({ leadId: ids[2], slotId: WEDNESDAY_0900, now: NOW });
      const listed = await stores.leads.listLeads();
      expect(listed.map((l) => l.id)).toEqual([...ids].reverse());
      expect(listed.map((l) => l.booking?.status ?? null)).toEqual([null, null, 'confirmed', null, null]);
      expect(listed[0]).toMatchObject({ name: 'Ada Lovelace', organisation: 'Analytical Engines Ltd', pathway: '42001-first', tier: 'hot', urgency: 'high' });
    });
  });
}

describe('records on sqlite: files and erasure', () => {
  let dataDir: string;
  let stores: Stores;
  beforeEach(async () => {
    dataDir = (await BACKENDS[0].freshEnv()).DATA_DIR;
    stores = await openService(path.join(dataDir, 'data'));
  });
  afterEach(() => stores.close());

  const bytesOf = (dir: string) =>
    Buffer.concat(fs.readdirSync(dir).filter((f) => f.startsWith('records.sqlite')).map((f) => fs.readFileSync(path.join(dir, f)))).toString('latin1');

  it('the data folder is 0700 and the records file 0600: no other account can read them', async () => {
    await registerAda(stores);
    expect(fs.statSync(path.join(dataDir, 'data')).mode & 0o777).toBe(0o700);
    for (const file of fs.readdirSync(path.join(dataDir, 'data'))) {
      expect([file, fs.statSync(path.join(dataDir, 'data', file)).mode & 0o777]).toEqual([file, 0o600]);
    }
  });

  it('after "delete my data" no byte of the email is left in the outbox file or its log, though a webhook event about the lead was queued', async () => {
    const leadId = await registerAda(stores, { email: 'ada.outbox@example.org' });
    const feed = new WebhookFeed(stores.outbox, stores.leads, () => NOW);
    await feed.lead('lead.created', leadId);
    const outboxBytes = () =>
      Buffer.concat(
        fs
          .readdirSync(path.join(dataDir, 'data'))
          .filter((f) => f.startsWith('outbox.sqlite'))
          .map((f) => fs.readFileSync(path.join(dataDir, 'data', f))),
      ).toString('latin1');
    expect(outboxBytes()).toContain('ada.outbox@example.org'); // the check can see it while it is there
    const erased = await stores.leads.deleteLead(leadId);
    await feed.erased(leadId, erased.ok ? erased.cancelled.map((b) => b.id) : []);
    const left = outboxBytes();
    expect(left).not.toContain('ada.outbox@example.org');
    expect(left).not.toContain('Lovelace');
    expect(left).toContain('lead.erased'); // what is left is the erasure's own event, ids only
  });

  it('after "delete my data" no byte of the name, email or phone is left in the file or its log', async () => {
    const leadId = await registerAda(stores, { email: 'ada.erased@example.org' });
    expect((await stores.booking.confirm({ leadId, slotId: WEDNESDAY_0900, now: NOW })).ok).toBe(true);
    expect(bytesOf(path.join(dataDir, 'data'))).toContain('ada.erased@example.org'); // the check can see it while it is there
    await stores.leads.deleteLead(leadId);
    const left = bytesOf(path.join(dataDir, 'data'));
    expect(left).not.toContain('ada.erased@example.org');
    expect(left).not.toContain('Lovelace');
    expect(left).not.toContain('7946 0000');
  });
});
