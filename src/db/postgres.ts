import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * PostgreSQL: one pool per process, and the schema brought up to date at
 * start-up. Migrations are the numbered files in migrations/postgres
 * (001_….sql, 002_….sql), each applied once, in order, in its own
 * transaction, and recorded in schema_migrations. An advisory lock makes
 * instances that start together migrate one after another: the first
 * applies, the others find nothing left to do.
 */

export type Pool = pg.Pool;
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** Any 64-bit number the other users of the database do not take. */
const MIGRATION_LOCK = 4_201_327_001;

export function createPool(url: string, max: number): Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'scoping-bot' });
  // An idle client that loses its connection (a failover) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

export function migrationsDir(): string {
  // Found from this file whether it runs from src/ (tsx) or a compiled copy (dist/).
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'migrations', 'postgres');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error('migrations/postgres not found above ' + __dirname);
  }
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.split('_')[0]), name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/** Applies what is missing; returns the names applied by this call. */
export async function migrate(pool: Pool, migrations = readMigrations()): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw Object.assign(new Error(`Migration ${m.name} failed: ${(error as Error).message}`), { cause: error });
      }
      applied.push(m.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/** Runs `work` in one transaction on one client of the pool. */
export async function inTransaction<T>(pool: Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** timestamptz comes back as a Date; the stores speak ISO strings. */
export const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());
