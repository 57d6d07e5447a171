import { createPool } from '../db/postgres';
import { openBackend } from '../app/backend';
import { testConfig } from '../config/config';
import { BACKENDS } from '../../test/support/backends';
import { createRateLimit, type RateLimitStore } from '.';

/** One budget per key, shared by every instance when the store is PostgreSQL. */

for (const backend of BACKENDS) {
  describe(`rate limits on ${backend.name}`, () => {
    let close: () => Promise<void>;
    let stores: RateLimitStore[];
    beforeEach(async () => {
      const env = await backend.freshEnv();
      if (backend.name === 'sqlite') {
        stores = [{ kind: 'memory' }];
        close = async () => undefined;
        return;
      }
      const migrated = await openBackend(testConfig(env)); // runs the migrations
      await migrated.close();
      const pools = [createPool(env.DATABASE_URL, 2), createPool(env.DATABASE_URL, 2)];
      stores = pools.map((pool) => ({ kind: 'postgres', pool }));
      close = async () => void (await Promise.all(pools.map((p) => p.end())));
    });
    afterEach(() => close());

    it('three per window, counted across two instances: the fourth is refused with the seconds to wait', async () => {
      const make = (store: RateLimitStore) => createRateLimit(store, { name: 'tokens', limit: 3, windowSeconds: 60 });
      // In memory the budget lives in the one process (its one limiter); in Postgres each instance has its own limiter on the shared table.
      const [a, b] = backend.name === 'sqlite' ? Array(2).fill(make(stores[0])) : stores.map(make);
      expect(await a.take('203.0.113.7')).toEqual({ ok: true });
      expect(await b.take('203.0.113.7')).toEqual({ ok: true });
      expect(await a.take('203.0.113.7')).toEqual({ ok: true });
      const refused = await b.take('203.0.113.7');
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(!refused.ok && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(await a.take('198.51.100.1')).toEqual({ ok: true }); // another key, its own budget
    });
  });
}
