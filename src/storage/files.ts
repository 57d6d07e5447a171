import fs from 'node:fs';
import path from 'node:path';

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
