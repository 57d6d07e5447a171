import { SqliteOutbox } from './sqlite';
import type { OutboxStore } from './types';

/** The outbox the settings ask for (tests and tools; the server shares one through its backend). */
export function openOutbox(env: { DATA_DIR?: string; DATABASE_URL?: string }): OutboxStore {
  return new SqliteOutbox(SqliteOutbox.fileIn(env.DATA_DIR ?? './data'));
}
