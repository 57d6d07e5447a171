import { BACKENDS } from '../../test/support/backends';
import { openOutbox } from '../outbox/open';
import type { OutboxStore } from '../outbox/types';
import { WebhookDelivery } from './delivery';
import { WEBHOOK_TOPIC } from './feed';

/**
 * Order and attempts: an event held behind a failing earlier one waits without
 * using up its own attempts, so only the event that really fails reaches the
 * dead-letter list, and the ones behind it are delivered afterwards, in order.
 */

const NOW = new Date('2026-11-30T10:15:00.000Z');

for (const backend of BACKENDS) {
  describe(`webhook delivery on ${backend.name}`, () => {
    let outbox: OutboxStore;
    beforeEach(async () => {
      outbox = await openOutbox(await backend.freshEnv());
    });
    afterEach(() => outbox.close());

    it('events behind a failing one wait without spending attempts; only the failing one is dead-lettered', async () => {
      let clock = new Date(NOW.getTime() + 1000);
      const event = (n: number) => ({ id: `evt-${n}`, type: 'lead.updated', createdAt: NOW.toISOString(), leadId: 'lead-1', data: { n } });
      for (let n = 1; n <= 3; n += 1) {
        await outbox.enqueue({ topic: WEBHOOK_TOPIC, key: `evt-${n}`, payload: event(n), now: new Date(NOW.getTime() + n), expiresAt: new Date(NOW.getTime() + 7 * 86_400_000) });
      }
      const seen: string[] = [];
      const post = (async (_url: string, init: { body: string }) => {
        const { id } = JSON.parse(init.body) as { id: string };
        seen.push(id);
        return new Response(null, { status: id === 'evt-1' ? 500 : 204 });
      }) as unknown as typeof fetch;
      const delivery = new WebhookDelivery(outbox, { url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-sixteen+', maxAttempts: 3 }, () => clock, post);

      // Three passes, each after the backoff: evt-1 fails three times; evt-2 and evt-3 are never tried meanwhile.
      for (let pass = 0; pass < 3; pass += 1) {
        await delivery.drain();
        clock = new Date(clock.getTime() + 2 * 3_600_000);
      }
      expect(seen).toEqual(['evt-1', 'evt-1', 'evt-1']);
      await delivery.drain();
      expect(seen).toEqual(['evt-1', 'evt-1', 'evt-1', 'evt-2', 'evt-3']);
      expect((await delivery.deadLetters()).map((d) => d.event.id)).toEqual(['evt-1']);
      expect(await outbox.pending(WEBHOOK_TOPIC)).toBe(0);
    });
  });
}
