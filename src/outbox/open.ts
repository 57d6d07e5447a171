import { createPool, migrate } from '../db/postgres';
import { PostgresOutbox } from './postgres';
import { SqliteOutbox } from './sqlite';
import type { OutboxStore } from './types';

/** An outbox on its own (tests and tools; the server shares one through its backend, src/app/backend.ts). */
export async function openOutbox(env: { DATA_DIR?: string; DATABASE_URL?: string }): Promise<OutboxStore> {
  if (!env.DATABASE_URL) return new SqliteOutbox(SqliteOutbox.fileIn(env.DATA_DIR ?? './data'));
  const pool = createPool(env.DATABASE_URL, 4);
  await migrate(pool);
  const outbox = new PostgresOutbox(pool);
  return Object.assign(outbox, { close: () => pool.end() });
}
