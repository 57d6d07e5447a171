import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
}

const sqlite: Backend = {
  name: 'sqlite',
  async freshEnv() {
    return { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'store-')) };
  },
};

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
};

const wanted = (process.env.BACKENDS ?? 'sqlite,postgres').split(',').map((b) => b.trim());

/** Postgres is present when the global set-up started a cluster; it says so when it could not, and fails under CI. */
export const BACKENDS: Backend[] = [sqlite, ...(process.env.TEST_DATABASE_URL ? [postgres] : [])].filter((b) => wanted.includes(b.name));
