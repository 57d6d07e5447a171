import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureWal, openDataFile } from './files';

/**
 * Switching a database to WAL takes an exclusive lock, and SQLite runs no
 * busy handler for it: a second process opening a fresh file at the same
 * moment must wait its turn, not fail to start (a CI run failed that way).
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Another process holding an exclusive lock on `file` for `ms`; resolves once it holds it. */
function holdLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve({ released }));
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code}) before locking`)));
  });
}

function rollbackJournalFile(): string {
  const file = path.join(dir, 'fresh.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE t (x)');
  db.close();
  return file;
}

it('a file another process has locked is switched once the lock goes, within the budget', async () => {
  const file = rollbackJournalFile();
  const holder = await holdLock(file, 300);
  const db = new Database(file, { timeout: 0 }); // no busy handler at all: ensureWal's own retries do the waiting
  ensureWal(db, 'main', 10_000); // blocks, retrying, until the holder commits
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
  await holder.released;
});

it('a lock held past the budget is a clear SQLITE_BUSY, not a silent rollback journal', async () => {
  const file = rollbackJournalFile();
  const holder = await holdLock(file, 1_000);
  const db = new Database(file, { timeout: 0 });
  expect(() => ensureWal(db, 'main', 200)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SQLITE_BUSY/) }));
  db.close();
  await holder.released;
});

it('a file already in WAL is left alone, and a fresh data file opens in WAL', () => {
  const file = path.join(dir, 'data.sqlite');
  const first = openDataFile(file);
  expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
  const second = openDataFile(file);
  expect(second.pragma('journal_mode', { simple: true })).toBe('wal');
  first.close();
  second.close();
});
