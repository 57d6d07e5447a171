import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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

const wanted = (process.env.BACKENDS ?? 'sqlite,postgres').split(',').map((b) => b.trim());

export const BACKENDS: Backend[] = [sqlite].filter((b) => wanted.includes(b.name));
