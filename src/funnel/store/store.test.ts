import { BACKENDS } from '../../../test/support/backends';
import { openBackend, type Backend } from '../../app/backend';
import { testConfig } from '../../config/config';

/** The funnel store on every backend: counters that add up, per day and channel; misses newest first; purge. */

for (const backend of BACKENDS) {
  describe(`funnel store on ${backend.name}`, () => {
    let a: Backend;
    let b: Backend;
    beforeEach(async () => {
      const env = await backend.freshEnv();
      a = await openBackend(testConfig(env));
      b = await openBackend(testConfig(env)); // a second process or instance on the same store
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });

    it('counts add up across writers, per day, channel and metric', async () => {
      const count = (day: string, channel: string, metric: string, n = 1) => ({ day, channel, metric, count: n });
      await Promise.all([
        a.funnel.add([count('2026-11-30', 'webchat', 'started'), count('2026-11-30', 'webchat', 'reached:ai_use')]),
        b.funnel.add([count('2026-11-30', 'webchat', 'started'), count('2026-11-30', 'webchat', 'faq:faq.cost', 2)]),
        a.funnel.add([count('2026-11-30', 'msteams', 'started')]),
        b.funnel.add([count('2026-11-29', 'webchat', 'started')]),
      ]);
      expect(await a.funnel.counts('2026-11-30')).toEqual([
        { day: '2026-11-30', channel: 'msteams', metric: 'started', count: 1 },
        { day: '2026-11-30', channel: 'webchat', metric: 'faq:faq.cost', count: 2 },
        { day: '2026-11-30', channel: 'webchat', metric: 'reached:ai_use', count: 1 },
        { day: '2026-11-30', channel: 'webchat', metric: 'started', count: 2 },
      ]);
      expect((await b.funnel.counts('2026-11-01')).map((c) => c.day)).toContain('2026-11-29');
    });

    it('misunderstood messages: newest first, limited, purged by age', async () => {
      for (const [at, text] of [
        ['2026-11-28T09:00:00.000Z', 'old one'],
        ['2026-11-30T09:00:00.000Z', 'newer'],
        ['2026-11-30T10:00:00.000Z', 'newest'],
      ]) {
        await a.funnel.addMiss({ at, channel: 'webchat', question: 'ai_use', text });
      }
      expect((await b.funnel.misses('2026-11-29T00:00:00.000Z', 10)).map((m) => m.text)).toEqual(['newest', 'newer']);
      expect(await b.funnel.misses('2026-11-01T00:00:00.000Z', 1)).toEqual([{ at: '2026-11-30T10:00:00.000Z', channel: 'webchat', question: 'ai_use', text: 'newest' }]);
      expect(await a.funnel.purgeMisses('2026-11-29T00:00:00.000Z')).toBe(1);
      expect(await a.funnel.misses('2026-01-01T00:00:00.000Z', 10)).toHaveLength(2);
    });
  });
}
