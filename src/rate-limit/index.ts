import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Pool } from '../db/postgres';

/**
 * "At most N in a window of S seconds" per key (a conversation, a client
 * address), with the store pluggable: in memory for one process, or in
 * PostgreSQL so every instance counts against the same budget. Built on
 * rate-limiter-flexible (fixed windows; the 21st post of a window is refused
 * with the seconds until it ends).
 */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimit {
  take(key: string): Promise<RateDecision>;
}

export type RateLimitStore = { kind: 'memory' } | { kind: 'postgres'; pool: Pool };

export function createRateLimit(store: RateLimitStore, options: { name: string; limit: number; windowSeconds: number }): RateLimit {
  const common = { keyPrefix: options.name, points: options.limit, duration: options.windowSeconds };
  const limiter: RateLimiterAbstract =
    store.kind === 'postgres'
      ? new RateLimiterPostgres({ ...common, storeClient: store.pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: true })
      : new RateLimiterMemory(common);
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (refused) {
        if (refused instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refused.msBeforeNext / 1000)) };
        throw refused; // the store failed: not a decision
      }
    },
  };
}
