import { BACKENDS } from '../../test/support/backends';
import { openOutbox } from './open';
import type { OutboxStore } from './types';
import { MAX_PENDING, OutboxWorker } from './worker';

/** The outbox on every backend: durable, claimed by one worker at a time, bounded. */

const NOW = new Date('2026-11-30T10:15:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 86_400_000;

for (const backend of BACKENDS) {
  describe(`outbox on ${backend.name}`, () => {
    let a: OutboxStore;
    let b: OutboxStore;
    beforeEach(async () => {
      const env = await backend.freshEnv();
      a = await openOutbox(env);
      b = await openOutbox(env); // a second process or instance on the same store
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });

    const brief = (key: string, payload: unknown = { leadId: key }) => ({ topic: 'teams.brief', key, payload, now: NOW, expiresAt: later(2 * DAY) });

    it('two workers claiming at once each get different messages: every message once', async () => {
      for (let i = 0; i < 10; i += 1) await a.enqueue(brief(`lead-${i}`));
      const [first, second] = await Promise.all([a.claim('teams.brief', NOW, later(60_000), 6), b.claim('teams.brief', NOW, later(60_000), 6)]);
      const keys = [...first, ...second].map((m) => m.key).sort();
      expect(keys).toEqual(Array.from({ length: 10 }, (_v, i) => `lead-${i}`).sort());
      expect(await b.claim('teams.brief', NOW, later(60_000), 10)).toEqual([]); // all leased
    });

    it('a worker that dies mid-delivery loses nothing: the message falls due again when the lease ends', async () => {
      await a.enqueue(brief('lead-1'));
      expect(await a.claim('teams.brief', NOW, later(60_000), 10)).toHaveLength(1);
      expect(await b.claim('teams.brief', later(59_000), later(120_000), 10)).toHaveLength(0);
      expect(await b.claim('teams.brief', later(60_000), later(120_000), 10)).toMatchObject([{ key: 'lead-1', payload: { leadId: 'lead-1' } }]);
    });

    it('queuing the same key again replaces the payload, and a delivery of the older version does not delete the newer', async () => {
      await a.enqueue(brief('lead-1', { bookingId: 'old' }));
      const [old] = await a.claim('teams.brief', NOW, later(60_000), 1);
      await a.enqueue(brief('lead-1', { bookingId: 'new' }));
      await a.delivered(old);
      expect(await a.pending('teams.brief')).toBe(1);
      expect(await b.claim('teams.brief', NOW, later(60_000), 1)).toMatchObject([{ payload: { bookingId: 'new' } }]);
    });

    it('expired messages are dropped, and a topic never holds more than its cap', async () => {
      await a.enqueue({ ...brief('lead-old'), expiresAt: later(1000) });
      for (let i = 0; i < 5; i += 1) await a.enqueue({ ...brief(`lead-${i}`), now: later(i) });
      expect(await a.prune(later(1000), 3)).toBe(3); // one expired, two oldest over the cap
      const left = await a.claim('teams.brief', later(2000), later(60_000), 10);
      expect(left.map((m) => m.key).sort()).toEqual(['lead-2', 'lead-3', 'lead-4']);
    });

    it('a message with a not-before time is not claimed earlier, and queuing it again moves it', async () => {
      await a.enqueue({ ...brief('booking-1'), topic: 'mail.reminder', notBefore: later(DAY) });
      expect(await b.claim('mail.reminder', later(DAY - 1), later(DAY + 60_000), 10)).toEqual([]);
      await a.enqueue({ ...brief('booking-1'), topic: 'mail.reminder', notBefore: later(2 * DAY - 1000) });
      expect(await b.claim('mail.reminder', later(DAY), later(DAY + 60_000), 10)).toEqual([]);
      expect(await b.claim('mail.reminder', later(2 * DAY - 1000), later(2 * DAY), 10)).toMatchObject([{ key: 'booking-1', version: 2 }]);
    });

    it('a destination that says when to come back (Retry-After) is retried then, not on the backoff', async () => {
      await a.enqueue(brief('lead-1'));
      const worker = new OutboxWorker(a, 'teams.brief', () => NOW);
      await worker.drain(async () => ({ kind: 'failed', failure: 'http-429', retryAt: later(7000) }));
      expect(await a.claim('teams.brief', later(6999), later(60_000), 10)).toEqual([]);
      expect(await a.claim('teams.brief', later(7000), later(60_000), 10)).toHaveLength(1);
    });

    it('a message deferred (not tried, waiting for another) comes back when asked, with no attempt counted', async () => {
      await a.enqueue(brief('lead-1'));
      const worker = new OutboxWorker(a, 'teams.brief', () => NOW);
      for (let i = 0; i < 3; i += 1) {
        expect(await worker.drain(async () => ({ kind: 'deferred', retryAt: NOW }))).toMatchObject({ deferred: 1 });
      }
      const [message] = await a.claim('teams.brief', later(1), later(60_000), 10);
      expect(message).toMatchObject({ key: 'lead-1', attempts: 0 });
    });

    describe('forgetting an erased subject', () => {
      const message = (topic: string, key: string, payload: unknown) => ({ topic, key, payload, now: NOW, expiresAt: later(2 * DAY) });
      const subject = { leadId: 'lead-1', bookingIds: ['booking-1'], topics: ['webhook', 'webhook.dead', 'mail.booking', 'teams.brief'] };

      beforeEach(async () => {
        await a.enqueue(message('webhook', 'evt-1', { id: 'evt-1', leadId: 'lead-1', data: { brief: { email: 'ada@example.org' } } }));
        await a.enqueue(message('webhook', 'evt-2', { id: 'evt-2', leadId: 'lead-2', data: { brief: { email: 'grace@example.org' } } }));
        await a.enqueue(message('webhook.dead', 'evt-0', { event: { id: 'evt-0', leadId: 'lead-1', data: { bookingId: 'booking-1' } }, failure: 'http-500' }));
        await a.enqueue(message('mail.booking', 'booking-1', { bookingId: 'booking-1', kind: 'confirmed' }));
        await a.enqueue(message('teams.brief', 'lead-1', { leadId: 'lead-1', bookingId: 'booking-1' }));
        await a.enqueue(message('graph.event', 'booking-1', { bookingId: 'booking-1' }));
      });

      it('deletes every message of the topics about the lead or its bookings, undelivered or dead-lettered, and nothing else', async () => {
        expect(await b.forget(subject)).toBe(4);
        expect((await a.list('webhook', 10)).map((m) => m.key)).toEqual(['evt-2']); // another person's event stays
        for (const topic of ['webhook.dead', 'mail.booking', 'teams.brief']) expect(await a.pending(topic)).toBe(0);
        expect(await a.pending('graph.event')).toBe(1); // a topic not named stays: the calendar cancel still goes
      });

      it('takes a message already failing on its retries as well (claimed, attempted, waiting)', async () => {
        const [claimed] = await a.claim('webhook', NOW, later(60_000), 1);
        await a.failed(claimed, later(30_000), 'http-503');
        await b.forget(subject);
        expect(await a.claim('webhook', later(DAY), later(DAY + 60_000), 10)).toMatchObject([{ key: 'evt-2' }]);
      });

      it('a subject with nothing queued forgets nothing', async () => {
        expect(await b.forget({ leadId: 'lead-9', bookingIds: [], topics: subject.topics })).toBe(0);
        expect(await a.pending('webhook')).toBe(2);
      });
    });

    it('the worker retries a failure with backoff and counts each outcome', async () => {
      await a.enqueue(brief('lead-1'));
      await a.enqueue(brief('lead-2'));
      let clock = NOW;
      const worker = new OutboxWorker(a, 'teams.brief', () => clock);
      const outcome = async (m: { key: string }) => (m.key === 'lead-1' ? { kind: 'delivered' as const } : { kind: 'failed' as const, failure: 'http-503' });
      expect(await worker.drain(outcome)).toEqual({ delivered: 1, failed: 1, dropped: 0, deferred: 0 });
      expect(await worker.drain(outcome)).toEqual({ delivered: 0, failed: 0, dropped: 0, deferred: 0 }); // not due for 30 s
      clock = later(30_000);
      expect(await worker.drain(async () => ({ kind: 'delivered' }))).toEqual({ delivered: 1, failed: 0, dropped: 0, deferred: 0 });
      expect(await a.pending('teams.brief')).toBe(0);
      expect(MAX_PENDING).toBeGreaterThan(0);
    });
  });
}
