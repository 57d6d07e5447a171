import type { BookingRows } from '../booking/store/types';
import type { LeadRows } from '../leads/store/types';
import type { OutboxErasure } from '../outbox/types';

/**
 * The records database: leads, consents, bookings and calendar tokens, which
 * refer to each other and so change together. Two backends: SQLite under
 * DATA_DIR (the embedded default) and PostgreSQL (DATABASE_URL).
 */

export interface RecordsTx {
  bookings: BookingRows;
  leads: LeadRows;
  /** The outbox as an erasure sees it: its messages about a lead go in the same commit as the lead. */
  outbox: OutboxErasure;
}

export interface Records {
  readonly backend: 'sqlite' | 'postgres';
  /** All or nothing; writers are serialised where the backend needs it (SQLite: BEGIN IMMEDIATE). */
  transaction<T>(work: (tx: RecordsTx) => Promise<T>): Promise<T>;
  /** Reads outside a write transaction. */
  read<T>(work: (tx: RecordsTx) => Promise<T>): Promise<T>;
  /**
   * After an erasure: leave no readable copy of what was deleted (SQLite:
   * secure_delete is on, and the write-ahead logs of the records and outbox
   * files are checkpointed and truncated; PostgreSQL: VACUUM).
   */
  scrub(): Promise<void>;
  close(): Promise<void>;
}
