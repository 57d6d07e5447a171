import type { Pool } from '../db/postgres';

/**
 * One turn at a time per conversation across instances. In one process the
 * bot's KeyedQueue already serialises turns; with several instances on
 * PostgreSQL a turn also holds a transaction-scoped advisory lock on its
 * conversation key, so a visitor whose messages land on two instances at once
 * is answered in order instead of by eTag retries racing each other.
 *
 * The lock's connection comes from a pool of its own: a turn holds it while
 * using the data pool, so the two can never starve each other.
 */
export interface TurnLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class PostgresTurnLock implements TurnLock {
  constructor(private readonly pool: Pool) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('turn:' || $1, 0))`, [key]);
      return await work();
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      // Ending the transaction releases the lock; a connection that failed is dropped, not reused.
      await client.query('COMMIT').catch(() => (broken = true));
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
