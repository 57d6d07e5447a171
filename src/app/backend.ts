import path from 'node:path';
import type { Config } from '../config/config';
import { PostgresTurnLock, type TurnLock } from '../bot/turn-lock';
import { PostgresTeamsStore } from '../channels/teams/store/postgres';
import { SqliteTeamsStore } from '../channels/teams/store/sqlite';
import type { TeamsStore } from '../channels/teams/store/types';
import { BRIEF_TOPIC } from '../channels/teams/outbox';
import { createPool, migrate, type Pool } from '../db/postgres';
import { PostgresOutbox } from '../outbox/postgres';
import { SqliteOutbox } from '../outbox/sqlite';
import type { OutboxStore } from '../outbox/types';
import { PostgresRecords } from '../records/postgres';
import { SqliteRecords } from '../records/sqlite';
import type { Records } from '../records/types';
import { PostgresStorage } from '../storage/postgres-storage';
import { SqliteStorage } from '../storage/sqlite-storage';
import type { ConversationStorage } from '../storage/types';
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
  return config.database.url ? openPostgres(config.database.url, config.database.poolSize) : openSqlite(config.dataDir);
}

async function openSqlite(dataDir: string): Promise<Backend> {
  const records = new SqliteRecords(SqliteRecords.fileIn(dataDir));
  const storage = new SqliteStorage(path.join(dataDir, 'conversations.sqlite'));
  const outbox = new SqliteOutbox(SqliteOutbox.fileIn(dataDir));
  const teams = new SqliteTeamsStore(SqliteTeamsStore.fileIn(dataDir));
  await teams.moveLegacyOutbox(outbox, BRIEF_TOPIC, new Date(), new Date(Date.now() + 30 * 86_400_000));
  return {
    kind: 'sqlite',
    records,
    storage,
    outbox,
    teams,
    turnLock: null,
    rateLimits: { kind: 'memory' },
    pool: null,
    async close() {
      await Promise.all([records.close(), storage.close(), outbox.close(), teams.close()]);
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Backend> {
  const where = describe(url);
  const pool = createPool(url, poolSize);
  const lockPool = createPool(url, poolSize);
  try {
    await migrate(pool);
  } catch (error) {
    await Promise.all([pool.end(), lockPool.end()]);
    throw new DatabaseUnavailableError(where, error);
  }
  const turnLock = new PostgresTurnLock(lockPool);
  let closed: Promise<void> | null = null;
  return {
    kind: 'postgres',
    records: new PostgresRecords(pool),
    storage: new PostgresStorage(pool),
    outbox: new PostgresOutbox(pool),
    teams: new PostgresTeamsStore(pool),
    turnLock,
    rateLimits: { kind: 'postgres', pool },
    pool,
    close() {
      closed ??= (async () => {
        await turnLock.close();
        await pool.end();
      })();
      return closed;
    },
  };
}

/** host:port/database, never the password. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the configured address';
  }
}
