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
  db.pragma('journal_mode = WAL');
  if (options.synchronousNormal) db.pragma('synchronous = NORMAL');
  db.pragma('secure_delete = ON');
  return db;
}
