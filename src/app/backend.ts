import path from 'node:path';
import type { TurnLock } from '../bot/turn-lock';
import type { Config } from '../config/config';
import { SqliteTeamsStore } from '../channels/teams/store/sqlite';
import type { TeamsStore } from '../channels/teams/store/types';
import type { Pool } from '../db/postgres';
import { BRIEF_TOPIC } from '../channels/teams/topic';
import { SqliteOutbox } from '../outbox/sqlite';
import type { OutboxStore } from '../outbox/types';
import { SqliteRecords } from '../records/sqlite';
import type { Records } from '../records/types';
import { SqliteStorage } from '../storage/sqlite-storage';
import type { ConversationStorage } from '../storage/types';
import { SqliteFunnelStore } from '../funnel/store/sqlite';
import type { FunnelStore } from '../funnel/store/types';
import type { RateLimitStore } from '../rate-limit';

/**
 * Where everything shared is kept, chosen once from the settings: SQLite
 * files under DATA_DIR (one machine, the embedded default), or PostgreSQL
 * when DATABASE_URL is set (several instances behind a load balancer).
 * The rest of the program sees only the interfaces.
 */

export interface Backend {
  kind: 'sqlite' | 'postgres';
  records: Records;
  storage: ConversationStorage;
  outbox: OutboxStore;
  teams: TeamsStore;
  /** The conversion funnel's counts (src/funnel). */
  funnel: FunnelStore;
  /** Postgres only: one turn at a time per conversation across instances. */
  turnLock: TurnLock | null;
  /** Where rate limits count: this process's memory, or PostgreSQL (one budget across instances). */
  rateLimits: RateLimitStore;
  /** Postgres only: the pool, for the website channel's transcript and notifications. */
  pool: Pool | null;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  constructor(where: string, cause: unknown) {
    super(`Cannot use PostgreSQL at ${where} (DATABASE_URL): ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

export async function openBackend(config: Pick<Config, 'dataDir' | 'database'>): Promise<Backend> {
  if (!config.database.url) return openSqlite(config.dataDir);
  // Loaded only when configured: the pg driver and its stores cost start-up time (the leads command's most of all) on SQLite.
  const { openPostgres } = await import('./backend-postgres');
  return openPostgres(config.database.url, config.database.poolSize);
}

async function openSqlite(dataDir: string): Promise<Backend> {
  const records = new SqliteRecords(SqliteRecords.fileIn(dataDir));
  const storage = new SqliteStorage(path.join(dataDir, 'conversations.sqlite'));
  const outbox = new SqliteOutbox(SqliteOutbox.fileIn(dataDir));
  const teams = new SqliteTeamsStore(SqliteTeamsStore.fileIn(dataDir));
  const funnel = new SqliteFunnelStore(SqliteFunnelStore.fileIn(dataDir));
  await teams.moveLegacyOutbox(outbox, BRIEF_TOPIC, new Date(), new Date(Date.now() + 30 * 86_400_000));
  return {
    kind: 'sqlite',
    records,
    storage,
    outbox,
    teams,
    funnel,
    turnLock: null,
    rateLimits: { kind: 'memory' },
    pool: null,
    async close() {
      await Promise.all([records.close(), storage.close(), outbox.close(), teams.close(), funnel.close()]);
    },
  };
}
