import path from 'node:path';
import Database from 'better-sqlite3';
import { openDataFile } from '../storage/files';
import { Serial } from '../records/serial';
import { Statements } from '../records/statements';
import type { NewOutboxMessage, OutboxErasure, OutboxMessage, OutboxStore, OutboxSubject } from './types';

/** Outboxes in `<dataDir>/outbox.sqlite`; a claim is BEGIN IMMEDIATE, so processes sharing the file never take the same message. */

interface Row {
  topic: string;
  key: string;
  payload_json: string;
  version: number;
  attempts: number;
  enqueued_at: string;
  expires_at: string;
}

const toMessage = (r: Row): OutboxMessage => ({
  topic: r.topic,
  key: r.key,
  payload: JSON.parse(r.payload_json),
  version: r.version,
  attempts: r.attempts,
  enqueuedAt: r.enqueued_at,
  expiresAt: r.expires_at,
});

/** The outbox table in `schema` of `db` (the records connection attaches the outbox file as `outbox`). */
export function createOutboxTable(db: Database.Database, schema: string): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${schema}.outbox (
      topic           TEXT NOT NULL,
      key             TEXT NOT NULL,
      payload_json    TEXT NOT NULL,
      version         INTEGER NOT NULL DEFAULT 1,
      attempts        INTEGER NOT NULL DEFAULT 0,
      enqueued_at     TEXT NOT NULL,
      next_attempt_at TEXT NOT NULL,
      expires_at      TEXT NOT NULL,
      last_failure    TEXT,
      PRIMARY KEY (topic, key)
    );
    CREATE INDEX IF NOT EXISTS ${schema}.outbox_due ON outbox (topic, next_attempt_at);
    CREATE INDEX IF NOT EXISTS ${schema}.outbox_expiry ON outbox (expires_at);
  `);
}

/** Deletes the subject's messages from the outbox table in `schema`, on whatever transaction `db` is in. */
function forgetIn(db: Database.Database, schema: string, subject: OutboxSubject): number {
  const bookingIds = JSON.stringify(subject.bookingIds);
  return db
    .prepare(
      `DELETE FROM ${schema}.outbox WHERE topic IN (SELECT value FROM json_each(?)) AND (
         json_extract(payload_json, '$.leadId') = ? OR json_extract(payload_json, '$.event.leadId') = ?
         OR json_extract(payload_json, '$.bookingId') IN (SELECT value FROM json_each(?))
         OR json_extract(payload_json, '$.event.data.bookingId') IN (SELECT value FROM json_each(?)))`,
    )
    .run(JSON.stringify(subject.topics), subject.leadId, subject.leadId, bookingIds, bookingIds).changes;
}

/** The outbox file attached to another connection (the records'), so an erasure deletes its messages in the records transaction. */
export class AttachedSqliteOutbox implements OutboxErasure {
  constructor(
    private readonly db: Database.Database,
    private readonly schema: string,
  ) {}

  async forget(subject: OutboxSubject): Promise<number> {
    return forgetIn(this.db, this.schema, subject);
  }
}

export class SqliteOutbox implements OutboxStore {
  private readonly db: Database.Database;
  private readonly sql: Statements;
  private readonly serial: Serial;

  constructor(file: string) {
    this.serial = Serial.forFile(path.resolve(file));
    this.db = openDataFile(file);
    createOutboxTable(this.db, 'main');
    this.sql = new Statements(this.db);
  }

  static fileIn(dataDir: string): string {
    return path.join(dataDir, 'outbox.sqlite');
  }

  enqueue(m: NewOutboxMessage): Promise<void> {
    return this.serial.run(() => {
      const now = m.now.toISOString();
      this.sql
        .get(
          `INSERT INTO outbox (topic, key, payload_json, enqueued_at, next_attempt_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (topic, key) DO UPDATE SET payload_json = excluded.payload_json, version = version + 1,
             next_attempt_at = excluded.next_attempt_at, expires_at = excluded.expires_at`,
        )
        .run(m.topic, m.key, JSON.stringify(m.payload), now, (m.notBefore ?? m.now).toISOString(), m.expiresAt.toISOString());
    });
  }

  claim(topic: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
    return this.serial.run(() =>
      this.db
        .transaction(() => {
          const rows = this.sql
            .get(
              `SELECT topic, key, payload_json, version, attempts, enqueued_at, expires_at FROM outbox
               WHERE topic = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, enqueued_at LIMIT ?`,
            )
            .all(topic, now.toISOString(), limit) as Row[];
          const lease = this.sql.get(`UPDATE outbox SET next_attempt_at = ? WHERE topic = ? AND key = ?`);
          for (const r of rows) lease.run(leaseUntil.toISOString(), r.topic, r.key);
          return rows.map(toMessage);
        })
        .immediate(),
    );
  }

  delivered(m: OutboxMessage): Promise<void> {
    return this.serial.run(() => {
      this.sql.get(`DELETE FROM outbox WHERE topic = ? AND key = ? AND version = ?`).run(m.topic, m.key, m.version);
    });
  }

  failed(m: OutboxMessage, nextAttemptAt: Date, failure: string): Promise<void> {
    return this.serial.run(() => {
      this.sql
        .get(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_failure = ? WHERE topic = ? AND key = ? AND version = ?`)
        .run(nextAttemptAt.toISOString(), failure, m.topic, m.key, m.version);
    });
  }

  deferred(m: OutboxMessage, nextAttemptAt: Date): Promise<void> {
    return this.serial.run(() => {
      this.sql.get(`UPDATE outbox SET next_attempt_at = ? WHERE topic = ? AND key = ? AND version = ?`).run(nextAttemptAt.toISOString(), m.topic, m.key, m.version);
    });
  }

  pending(topic: string): Promise<number> {
    return this.serial.run(() => (this.sql.get(`SELECT COUNT(*) AS n FROM outbox WHERE topic = ?`).get(topic) as { n: number }).n);
  }

  list(topic: string, limit: number): Promise<(OutboxMessage & { lastFailure: string | null; nextAttemptAt: string })[]> {
    return this.serial.run(() =>
      (
        this.sql
          .get(
            `SELECT topic, key, payload_json, version, attempts, enqueued_at, expires_at, last_failure, next_attempt_at FROM outbox
             WHERE topic = ? ORDER BY enqueued_at, rowid LIMIT ?`,
          )
          .all(topic, limit) as (Row & { last_failure: string | null; next_attempt_at: string })[]
      ).map((r) => ({ ...toMessage(r), lastFailure: r.last_failure, nextAttemptAt: r.next_attempt_at })),
    );
  }

  prune(now: Date, maxPending: number): Promise<number> {
    return this.serial.run(() =>
      this.db
        .transaction(() => {
          let dropped = this.sql.get(`DELETE FROM outbox WHERE expires_at <= ?`).run(now.toISOString()).changes;
          dropped += this.sql
            .get(
              `DELETE FROM outbox WHERE rowid IN (
                 SELECT rowid FROM (SELECT rowid, ROW_NUMBER() OVER (PARTITION BY topic ORDER BY enqueued_at DESC, rowid DESC) AS n FROM outbox)
                 WHERE n > ?)`,
            )
            .run(maxPending).changes;
          return dropped;
        })
        .immediate(),
    );
  }

  remove(topic: string, key: string): Promise<void> {
    return this.serial.run(() => {
      this.sql.get(`DELETE FROM outbox WHERE topic = ? AND key = ?`).run(topic, key);
    });
  }

  forget(subject: OutboxSubject): Promise<number> {
    return this.serial.run(() => {
      const gone = forgetIn(this.db, 'main', subject);
      // secure_delete zeroed the pages in the log; the checkpoint moves them into the file and truncates the log.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      return gone;
    });
  }

  async close(): Promise<void> {
    await this.serial.run(() => {
      if (this.db.open) this.db.close();
    });
  }
}
