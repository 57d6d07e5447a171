import type { FunnelCount, FunnelStore } from './store/types';

/**
 * The funnel's counts on their way to the store, added up in memory and
 * written at most once per `intervalMs` in one transaction, instead of a
 * commit per turn (which cost a fifth of a scoping turn's time). A count is
 * nothing about a person and adding is commutative, so this only delays
 * them: `flush` writes what is pending (the admin page and the leads command
 * see the counts of this process at once), `close` writes the rest on
 * shutdown. A failed write keeps its counts for the next attempt; a crash
 * loses at most the last interval's counts, never a turn.
 */
export class FunnelBatch {
  private pending = new Map<string, FunnelCount>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: FunnelStore,
    private readonly onError: (error: Error) => void = () => undefined,
    private readonly intervalMs = 1000,
  ) {}

  add(day: string, channel: string, metrics: readonly string[]): void {
    for (const metric of metrics) this.merge({ day, channel, metric, count: 1 });
  }

  private merge(row: FunnelCount): void {
    const key = `${row.day}\u0000${row.channel}\u0000${row.metric}`;
    const held = this.pending.get(key);
    if (held) held.count += row.count;
    else this.pending.set(key, { ...row });
    this.timer ??= setTimeout(() => void this.flush().catch(this.onError), this.intervalMs).unref();
  }

  /** Writes every pending count (after any write in progress); rejects when the store does, keeping the counts. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writing = this.writing.catch(() => undefined).then(() => this.writePending());
    return this.writing;
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.store.add(rows);
    } catch (error) {
      // Put back, added to whatever came meanwhile, and try again later.
      for (const row of rows) this.merge(row);
      throw error;
    }
  }
}
