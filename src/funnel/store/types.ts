/**
 * The funnel's counts: per UTC day, channel and metric, nothing about a
 * person. Metrics are names such as `started`, `reached:ai_use`,
 * `answered:ai_use`, `recommended:27001-first`, `faq:faq.cost`,
 * `misunderstood`, `consent`, `booked`, `cancelled` (src/funnel/steps.ts).
 * Misunderstood messages are kept apart, with contact details masked, for
 * the firm to improve the content.
 */

export interface FunnelCount {
  day: string; // YYYY-MM-DD (UTC)
  channel: string;
  metric: string;
  count: number;
}

export interface Miss {
  at: string; // ISO instant
  channel: string;
  /** The question pending when the message was not understood; null when none was (out of scope). */
  question: string | null;
  /** Masked before it is stored: no email address or phone number. */
  text: string;
}

export interface FunnelStore {
  /** Adds each row's count to the stored one (one transaction); the funnel batches turns' counts into one call (src/funnel/batch.ts). */
  add(increments: readonly FunnelCount[]): Promise<void>;
  addMiss(miss: Miss): Promise<void>;
  /** Every count from `fromDay` (inclusive), by day, channel and metric. */
  counts(fromDay: string): Promise<FunnelCount[]>;
  /** Newest first. */
  misses(since: string, limit: number): Promise<Miss[]>;
  /** Misunderstood messages older than `cutoff` go (counts hold nothing personal and stay). */
  purgeMisses(cutoff: string): Promise<number>;
  close(): Promise<void>;
}
