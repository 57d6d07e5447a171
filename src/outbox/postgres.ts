import { inTransaction, iso, type Pool, type Queryable } from '../db/postgres';
import type { NewOutboxMessage, OutboxErasure, OutboxMessage, OutboxStore, OutboxSubject } from './types';

/**
 * Outboxes in PostgreSQL. A claim takes due rows with FOR UPDATE SKIP LOCKED
 * and moves their next attempt to the lease's end in the same statement, so
 * instances claiming at once each get different messages and none waits on
 * another.
 */

interface Row {
  topic: string;
  key: string;
  payload: unknown;
  version: number;
  attempts: number;
  enqueued_at: Date;
  expires_at: Date;
}

const toMessage = (r: Row): OutboxMessage => ({
  topic: r.topic,
  key: r.key,
  payload: r.payload,
  version: r.version,
  attempts: r.attempts,
  enqueuedAt: iso(r.enqueued_at),
  expiresAt: iso(r.expires_at),
});

/** Erasure on a given connection: the records transaction's client, so the messages go in the same commit as the lead. */
export class PostgresOutboxErasure implements OutboxErasure {
  constructor(private readonly db: Queryable) {}

  async forget(subject: OutboxSubject): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM outbox WHERE topic = ANY($1::text[]) AND (
         payload->>'leadId' = $2 OR payload#>>'{event,leadId}' = $2
         OR payload->>'bookingId' = ANY($3::text[]) OR payload#>>'{event,data,bookingId}' = ANY($3::text[]))`,
      [subject.topics, subject.leadId, subject.bookingIds],
    );
    return rowCount ?? 0;
  }
}

export class PostgresOutbox implements OutboxStore {
  constructor(private readonly pool: Pool) {}

  async enqueue(m: NewOutboxMessage): Promise<void> {
    await this.pool.query(
      `INSERT INTO outbox (topic, key, payload, enqueued_at, next_attempt_at, expires_at) VALUES ($1, $2, $3, $4, $6, $5)
       ON CONFLICT (topic, key) DO UPDATE SET payload = excluded.payload, version = outbox.version + 1,
         next_attempt_at = excluded.next_attempt_at, expires_at = excluded.expires_at`,
      [m.topic, m.key, JSON.stringify(m.payload), m.now, m.expiresAt, m.notBefore ?? m.now],
    );
  }

  async claim(topic: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE outbox o SET next_attempt_at = $3
       FROM (SELECT topic, key FROM outbox WHERE topic = $1 AND next_attempt_at <= $2
             ORDER BY next_attempt_at, enqueued_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
       WHERE o.topic = due.topic AND o.key = due.key
       RETURNING o.topic, o.key, o.payload, o.version, o.attempts, o.enqueued_at, o.expires_at`,
      [topic, now, leaseUntil, limit],
    );
    return rows.map(toMessage);
  }

  async delivered(m: OutboxMessage): Promise<void> {
    await this.pool.query(`DELETE FROM outbox WHERE topic = $1 AND key = $2 AND version = $3`, [m.topic, m.key, m.version]);
  }

  async failed(m: OutboxMessage, nextAttemptAt: Date, failure: string): Promise<void> {
    await this.pool.query(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_failure = $2 WHERE topic = $3 AND key = $4 AND version = $5`,
      [nextAttemptAt, failure, m.topic, m.key, m.version],
    );
  }

  async deferred(m: OutboxMessage, nextAttemptAt: Date): Promise<void> {
    await this.pool.query(`UPDATE outbox SET next_attempt_at = $1 WHERE topic = $2 AND key = $3 AND version = $4`, [nextAttemptAt, m.topic, m.key, m.version]);
  }

  async pending(topic: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM outbox WHERE topic = $1`, [topic]);
    return Number(rows[0].n);
  }

  async list(topic: string, limit: number): Promise<(OutboxMessage & { lastFailure: string | null; nextAttemptAt: string })[]> {
    const { rows } = await this.pool.query<Row & { last_failure: string | null; next_attempt_at: Date }>(
      `SELECT topic, key, payload, version, attempts, enqueued_at, expires_at, last_failure, next_attempt_at FROM outbox
       WHERE topic = $1 ORDER BY enqueued_at, seq LIMIT $2`,
      [topic, limit],
    );
    return rows.map((r) => ({ ...toMessage(r), lastFailure: r.last_failure, nextAttemptAt: iso(r.next_attempt_at) }));
  }

  prune(now: Date, maxPending: number): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const expired = (await client.query(`DELETE FROM outbox WHERE expires_at <= $1`, [now])).rowCount ?? 0;
      const over =
        (
          await client.query(
            `DELETE FROM outbox WHERE (topic, key) IN (
               SELECT topic, key FROM (SELECT topic, key, ROW_NUMBER() OVER (PARTITION BY topic ORDER BY enqueued_at DESC, seq DESC) AS n FROM outbox) ranked
               WHERE n > $1)`,
            [maxPending],
          )
        ).rowCount ?? 0;
      return expired + over;
    });
  }

  async remove(topic: string, key: string): Promise<void> {
    await this.pool.query(`DELETE FROM outbox WHERE topic = $1 AND key = $2`, [topic, key]);
  }

  async forget(subject: OutboxSubject): Promise<number> {
    const rowCount = await new PostgresOutboxErasure(this.pool).forget(subject);
    // Dead tuples hold the payload until reclaimed; reclaim them now (what stays in WAL archives follows docs/deploy.md).
    if (rowCount > 0) await this.pool.query('VACUUM outbox');
    return rowCount;
  }

  async close(): Promise<void> {}
}
