export type { Records, RecordsTx } from './types';
export { SqliteRecords } from './sqlite';
export { PostgresRecords } from './postgres';
