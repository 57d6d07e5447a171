import { PostgresTurnLock } from '../bot/turn-lock';
import { PostgresTeamsStore } from '../channels/teams/store/postgres';
import { createPool, migrate } from '../db/postgres';
import { PostgresFunnelStore } from '../funnel/store/postgres';
import { PostgresOutbox } from '../outbox/postgres';
import { PostgresRecords } from '../records/postgres';
import { PostgresStorage } from '../storage/postgres-storage';
import { type Backend, DatabaseUnavailableError } from './backend';

/** The PostgreSQL backend (DATABASE_URL), loaded by openBackend only when configured. */

export async function openPostgres(url: string, poolSize: number): Promise<Backend> {
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
    funnel: new PostgresFunnelStore(pool),
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
