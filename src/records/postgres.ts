import { PostgresBookingRows } from '../booking/store/postgres';
import { inTransaction, type Pool } from '../db/postgres';
import { PostgresLeadRows } from '../leads/store/postgres';
import { PostgresOutboxErasure } from '../outbox/postgres';
import type { Records, RecordsTx } from './types';

/**
 * The records in PostgreSQL, shared by every instance. A transaction is one
 * pooled client between BEGIN and COMMIT (READ COMMITTED); what must not
 * happen twice is refused by constraints, not by a lock taken up front.
 */
export class PostgresRecords implements Records {
  readonly backend = 'postgres' as const;

  constructor(private readonly pool: Pool) {}

  transaction<T>(work: (tx: RecordsTx) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, (client) => work({ bookings: new PostgresBookingRows(client), leads: new PostgresLeadRows(client), outbox: new PostgresOutboxErasure(client) }));
  }

  read<T>(work: (tx: RecordsTx) => Promise<T>): Promise<T> {
    return work({ bookings: new PostgresBookingRows(this.pool), leads: new PostgresLeadRows(this.pool), outbox: new PostgresOutboxErasure(this.pool) });
  }

  /**
   * Deleted rows are gone from every table once the transaction commits; the
   * dead tuples are reclaimed by VACUUM (autovacuum, or this call). What
   * stays in WAL archives and backups follows their retention: docs/deploy.md.
   */
  async scrub(): Promise<void> {
    await this.pool.query('VACUUM leads, consents, bookings, outbox');
  }

  /** The pool belongs to the backend that made it. */
  async close(): Promise<void> {}
}
