import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * One specification, every backend: store, booking and outbox specs loop over
 * BACKENDS, each giving a fresh, empty store as environment variables
 * (DATA_DIR, and DATABASE_URL for Postgres). BACKENDS=sqlite or
 * BACKENDS=postgres runs one.
 */

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Settings for a fresh, empty store. */
  freshEnv(): Promise<Record<string, string>>;
  /** Every row of every table of the records store, as text: to prove something is not there. */
  dumpRecords(env: Record<string, string>): Promise<string>;
  /** Runs one statement on the records store as an outsider would; resolves, or rejects with the database's error. */
  exec(env: Record<string, string>, sql: string): Promise<void>;
}

const sqliteFile = (env: Record<string, string>) => path.join(env.DATA_DIR, 'records.sqlite');

const sqlite: Backend = {
  name: 'sqlite',
  async freshEnv() {
    return { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'store-')) };
  },
  async dumpRecords(env) {
    const db = new Database(sqliteFile(env), { readonly: true });
    try {
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
      return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM "${t}"`).all()));
    } finally {
      db.close();
    }
  },
  async exec(env, sql) {
    const db = new Database(sqliteFile(env));
    try {
      db.pragma('busy_timeout = 10000');
      db.pragma('foreign_keys = ON');
      if (db.pragma('foreign_keys', { simple: true }) !== 1) throw new Error('could not turn foreign keys on for this check');
      db.exec('BEGIN IMMEDIATE');
      try {
        db.prepare(sql).run();
        // The schema's own verdict as well, whatever the connection's enforcement did.
        const violations = db.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) throw new Error(`FOREIGN KEY constraint failed (${JSON.stringify(violations)})`);
      } finally {
        db.exec('ROLLBACK');
      }
    } finally {
      db.close();
    }
  },
};

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let databases = 0;

/** A fresh database in the cluster the jest global set-up started (test/support/global-setup.ts). */
export async function freshDatabase(): Promise<string> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('No test PostgreSQL cluster: run through jest (its global set-up starts one).');
  const name = `t_${process.pid}_${++databases}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

const postgres: Backend = {
  name: 'postgres',
  async freshEnv() {
    return { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'store-')), DATABASE_URL: await freshDatabase() };
  },
  dumpRecords: (env) =>
    withClient(env.DATABASE_URL, async (client) => {
      const tables = (await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((t) => t.tablename);
      const all = await Promise.all(tables.map(async (t) => (await client.query(`SELECT * FROM "${t}"`)).rows));
      return JSON.stringify(all);
    }),
  exec: (env, sql) => withClient(env.DATABASE_URL, async (client) => void (await client.query(sql))),
};

const wanted = (process.env.BACKENDS ?? 'sqlite,postgres').split(',').map((b) => b.trim());

/** Postgres is present when the global set-up started a cluster; it says so when it could not, and fails under CI. */
export const BACKENDS: Backend[] = [sqlite, ...(process.env.TEST_DATABASE_URL ? [postgres] : [])].filter((b) => wanted.includes(b.name));
