import { inTransaction, iso, type Pool } from '../../db/postgres';
import type { FunnelCount, FunnelStore, Miss } from './types';

/** The funnel in PostgreSQL (migrations/postgres/007_funnel.sql): instances add to the same counters. */
export class PostgresFunnelStore implements FunnelStore {
  constructor(private readonly pool: Pool) {}

  async add(increments: readonly FunnelCount[]): Promise<void> {
    if (increments.length === 0) return;
    // One order for every writer: two transactions touching the same counters never deadlock.
    const rows = [...increments].sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel) || a.metric.localeCompare(b.metric));
    await inTransaction(this.pool, async (client) => {
      for (const row of rows) {
        await client.query(
          `INSERT INTO funnel_counts (day, channel, metric, count) VALUES ($1, $2, $3, $4)
           ON CONFLICT (day, channel, metric) DO UPDATE SET count = funnel_counts.count + EXCLUDED.count`,
          [row.day, row.channel, row.metric, row.count],
        );
      }
    });
  }

  async addMiss(miss: Miss): Promise<void> {
    await this.pool.query(`INSERT INTO funnel_misses (at, channel, question, text) VALUES ($1, $2, $3, $4)`, [miss.at, miss.channel, miss.question, miss.text]);
  }

  async counts(fromDay: string): Promise<FunnelCount[]> {
    const { rows } = await this.pool.query<{ day: string; channel: string; metric: string; count: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, channel, metric, count FROM funnel_counts WHERE day >= $1::date ORDER BY day, channel, metric`,
      [fromDay],
    );
    return rows;
  }

  async misses(since: string, limit: number): Promise<Miss[]> {
    const { rows } = await this.pool.query<{ at: Date; channel: string; question: string | null; text: string }>(
      `SELECT at, channel, question, text FROM funnel_misses WHERE at >= $1 ORDER BY at DESC, seq DESC LIMIT $2`,
      [since, limit],
    );
    return rows.map((r) => ({ at: iso(r.at), channel: r.channel, question: r.question, text: r.text }));
  }

  async purgeMisses(cutoff: string): Promise<number> {
    return (await this.pool.query(`DELETE FROM funnel_misses WHERE at < $1`, [cutoff])).rowCount ?? 0;
  }

  async close(): Promise<void> {}
}
