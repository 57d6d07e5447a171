/**
 * Outboxes: work to deliver to somewhere else (a Teams brief, and later an
 * email or a webhook), written durably before anything is sent and delivered
 * at least once, by one instance at a time. Each message is keyed within its
 * topic: queuing the same key again replaces the payload (one brief per lead,
 * the newest). Messages expire, and a topic holds at most `maxPending`, so an
 * outbox whose destination never appears does not grow without bound.
 */

export interface OutboxMessage {
  topic: string;
  key: string;
  payload: unknown;
  /** Bumped by each enqueue of the same key: a delivery finishing for an older version does not delete a newer one. */
  version: number;
  attempts: number;
  enqueuedAt: string;
  expiresAt: string;
}

export interface NewOutboxMessage {
  topic: string;
  key: string;
  payload: unknown;
  now: Date;
  /** After this the message is dropped undelivered (a brief after the call has no use). */
  expiresAt: Date;
  /** Not delivered before this time (a reminder the day before the call); default: at once. Queuing the key again moves it. */
  notBefore?: Date;
}

/**
 * What an erasure asks the outbox to forget: every message, in `topics`,
 * about the lead (a payload naming it as `leadId`, or a dead letter's
 * `event.leadId`) or about one of its bookings (`bookingId`, or a dead
 * letter's `event.data.bookingId`), undelivered or dead-lettered alike.
 * Which topics carry what is the caller's knowledge (src/app/services.ts).
 */
export interface OutboxSubject {
  leadId: string;
  bookingIds: readonly string[];
  topics: readonly string[];
}

/** Erasure's side of the outbox, on a connection the records transaction shares (src/records): deleted in the same commit as the lead. */
export interface OutboxErasure {
  /** Deletes every message about the subject; returns how many went. */
  forget(subject: OutboxSubject): Promise<number>;
}

export interface OutboxStore extends OutboxErasure {
  enqueue(message: NewOutboxMessage): Promise<void>;
  /**
   * Takes up to `limit` due messages of the topic for one delivery attempt:
   * their next attempt moves to `leaseUntil`, so no other worker (process,
   * instance) takes them meanwhile. If the worker dies, they fall due again
   * when the lease ends: at least once, never lost.
   */
  claim(topic: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]>;
  delivered(message: OutboxMessage): Promise<void>;
  /** `failure` is a code or status, never a message body. */
  failed(message: OutboxMessage, nextAttemptAt: Date, failure: string): Promise<void>;
  /** Puts a claimed message back until `nextAttemptAt` without counting an attempt (it was not tried). */
  deferred(message: OutboxMessage, nextAttemptAt: Date): Promise<void>;
  pending(topic: string): Promise<number>;
  /** The topic's messages, oldest enqueued first (a dead-letter list; what is next in a topic delivered in order). */
  list(topic: string, limit: number): Promise<(OutboxMessage & { lastFailure: string | null; nextAttemptAt: string })[]>;
  /** Drops expired messages, and the oldest beyond `maxPending` per topic; returns how many went. */
  prune(now: Date, maxPending: number): Promise<number>;
  /** Forgets a message (its subject was erased). */
  remove(topic: string, key: string): Promise<void>;
  /**
   * Erasure: deletes every message about the subject and leaves no readable
   * copy (SQLite: secure_delete and a truncating WAL checkpoint; PostgreSQL:
   * VACUUM of the table). Returns how many went. A message already claimed
   * and in flight may still arrive once.
   */
  forget(subject: OutboxSubject): Promise<number>;
  close(): Promise<void>;
}
