import { FunnelBatch } from './batch';
import type { FunnelCount, FunnelStore } from './store/types';

/** A store that records each add call, and can be told to fail. */
function recordingStore(): FunnelStore & { calls: FunnelCount[][]; failing: boolean } {
  const store = {
    calls: [] as FunnelCount[][],
    failing: false,
    async add(increments: readonly FunnelCount[]) {
      if (store.failing) throw new Error('database down');
      store.calls.push(increments.map((r) => ({ ...r })));
    },
    addMiss: async () => undefined,
    counts: async () => [],
    misses: async () => [],
    purgeMisses: async () => 0,
    close: async () => undefined,
  };
  return store;
}

const sorted = (rows: FunnelCount[]) => [...rows].sort((a, b) => `${a.day}${a.channel}${a.metric}`.localeCompare(`${b.day}${b.channel}${b.metric}`));

describe('funnel counts in batches', () => {
  it('turns add up in memory and reach the store in one write on flush', async () => {
    const store = recordingStore();
    const batch = new FunnelBatch(store, undefined, 60_000);
    batch.add('2026-11-30', 'webchat', ['started', 'reached:ai_use']);
    batch.add('2026-11-30', 'webchat', ['reached:ai_use', 'answered:ai_use']);
    batch.add('2026-11-30', 'msteams', ['started']);
    expect(store.calls).toEqual([]);
    await batch.flush();
    expect(store.calls).toHaveLength(1);
    expect(sorted(store.calls[0])).toEqual([
      { day: '2026-11-30', channel: 'msteams', metric: 'started', count: 1 },
      { day: '2026-11-30', channel: 'webchat', metric: 'answered:ai_use', count: 1 },
      { day: '2026-11-30', channel: 'webchat', metric: 'reached:ai_use', count: 2 },
      { day: '2026-11-30', channel: 'webchat', metric: 'started', count: 1 },
    ]);
  });

  it('a flush with nothing pending writes nothing', async () => {
    const store = recordingStore();
    const batch = new FunnelBatch(store, undefined, 60_000);
    batch.add('2026-11-30', 'webchat', []);
    await batch.flush();
    expect(store.calls).toEqual([]);
  });

  it('a failed write keeps its counts, added to later ones, for the next flush', async () => {
    const store = recordingStore();
    const batch = new FunnelBatch(store, undefined, 60_000);
    batch.add('2026-11-30', 'webchat', ['started']);
    store.failing = true;
    await expect(batch.flush()).rejects.toThrow('database down');
    batch.add('2026-11-30', 'webchat', ['started']);
    store.failing = false;
    await batch.flush();
    expect(store.calls).toEqual([[{ day: '2026-11-30', channel: 'webchat', metric: 'started', count: 2 }]]);
  });

  it('writes by itself once the interval has passed', async () => {
    jest.useFakeTimers();
    try {
      const store = recordingStore();
      const batch = new FunnelBatch(store, undefined, 1000);
      batch.add('2026-11-30', 'webchat', ['started']);
      await jest.advanceTimersByTimeAsync(999);
      expect(store.calls).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(store.calls).toEqual([[{ day: '2026-11-30', channel: 'webchat', metric: 'started', count: 1 }]]);
      await batch.flush();
    } finally {
      jest.useRealTimers();
    }
  });

  it('a timed write that fails is reported and retried', async () => {
    jest.useFakeTimers();
    try {
      const store = recordingStore();
      const errors: string[] = [];
      const batch = new FunnelBatch(store, (e) => errors.push(e.message), 1000);
      store.failing = true;
      batch.add('2026-11-30', 'webchat', ['consent']);
      await jest.advanceTimersByTimeAsync(1000);
      expect(errors).toEqual(['database down']);
      store.failing = false;
      await jest.advanceTimersByTimeAsync(1000);
      expect(store.calls).toEqual([[{ day: '2026-11-30', channel: 'webchat', metric: 'consent', count: 1 }]]);
    } finally {
      jest.useRealTimers();
    }
  });
});
