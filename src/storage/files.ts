import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Data files hold personal data: the folder is 0700 and each file 0600, so no
 * other account on the machine can read them. SQLite gives its -wal and -shm
 * files the mode of the database file, so creating that one right is enough.
 */

export function prepareDataFile(file: string): void {
  if (file === ':memory:') return;
  prepareDataDir(path.dirname(file));
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
  } finally {
    fs.closeSync(fd);
  }
}

export function prepareDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.chmodSync(dir, 0o700);
  } catch {
    // Not ours to change (a mounted volume): the files themselves are still 0600.
  }
}

/**
 * A SQLite data file opened the way every store here needs it: created 0600
 * in a 0700 folder, WAL (readers never wait on the writer), a busy timeout so
 * a second process waits its turn rather than failing, and `secure_delete`, so
 * deleted rows are overwritten with zeros instead of lingering in free pages.
 * `synchronous = NORMAL` skips the fsync per commit in WAL mode (a power cut
 * may lose the last commits, never corrupt the file).
 */
export function openDataFile(file: string, options: { busyTimeoutMs?: number; synchronousNormal?: boolean } = {}): Database.Database {
  prepareDataFile(file);
  const db = new Database(file);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  ensureWal(db, 'main', options.busyTimeoutMs ?? 5000);
  if (options.synchronousNormal) db.pragma('synchronous = NORMAL');
  db.pragma('secure_delete = ON');
  return db;
}

/**
 * Puts a database in WAL mode. Converting takes an exclusive lock, and SQLite
 * runs no busy handler for it: two processes starting at once on a fresh
 * folder (a supported set-up) could have one refused with SQLITE_BUSY, or its
 * switch silently declined, whatever the busy timeout. WAL is kept in the file,
 * so once converted nothing is locked here; until then the switch is retried
 * with a short backoff within `budgetMs`, and another process finishing it
 * meanwhile counts as done.
 */
export function ensureWal(db: Database.Database, schema = 'main', budgetMs = 5000): void {
  const deadline = Date.now() + budgetMs;
  for (let waitMs = 5; ; waitMs = Math.min(waitMs * 2, 100)) {
    try {
      if (journalMode(db, schema) === 'wal') return;
      if (String(db.pragma(`${schema}.journal_mode = WAL`, { simple: true })).toLowerCase() === 'wal') return;
      // Declined without an error: someone else holds the file. Done if they converted it.
      if (journalMode(db, schema) === 'wal') return;
      if (Date.now() >= deadline) throw Object.assign(new Error(`${db.name}: could not switch to WAL within ${budgetMs} ms (another process holds it)`), { code: 'SQLITE_BUSY' });
    } catch (error) {
      if (!/^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code ?? '')) || Date.now() >= deadline) throw error;
    }
    sleepSync(waitMs);
  }
}

const journalMode = (db: Database.Database, schema: string) => String(db.pragma(`${schema}.journal_mode`, { simple: true })).toLowerCase();

/** Blocks this thread (start-up only: stores open synchronously, before the server listens). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
