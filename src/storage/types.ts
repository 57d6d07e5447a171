import type { Storage } from 'botbuilder';

/**
 * Conversation state: botbuilder's `Storage` with eTag writes (a write whose
 * eTag is stale throws `ETagConflictError`), plus what retention, erasure and
 * the benchmark need. SQLite under DATA_DIR, or Postgres.
 */
export interface ConversationStorage extends Storage {
  /** Deletes items nobody has written since `cutoff`; returns how many. */
  purgeOlderThan(cutoff: Date): Promise<number>;
  /** After an erasure: leave no readable earlier version of what was overwritten. */
  scrub(): Promise<void>;
  /** Bytes stored for one key (the benchmark's state-size figure). */
  sizeOf(key: string): Promise<number>;
  close(): Promise<void>;
}
