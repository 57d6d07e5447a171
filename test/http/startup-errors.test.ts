import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Start-up on a broken data folder ends with a message that names the file and
 * says what to do, never a raw SqliteError stack (issue 10, items 4 and 10).
 * Real processes: `src/main.ts` as `npm start` runs it.
 */

const ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function start(dataDir: string) {
  return spawnSync(process.execPath, [TSX_CLI, 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'startup-'));

it.each(['conversations.sqlite', 'records.sqlite', 'directline.sqlite', 'teams.sqlite'])('a corrupt %s: exit 1, the file named, what to do, no stack', (name) => {
  const dataDir = tempDir();
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, 'this is not a database, it is a text file that someone saved over it\n'.repeat(100));
  const run = start(dataDir);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(file);
  expect(run.stderr).toMatch(/damaged or not a SQLite database.*Move it aside/s);
  expect(run.stderr).not.toMatch(/SqliteError|\n\s+at /);
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 90_000);

it('a short directline-token.key: exit 1 naming the file', () => {
  const dataDir = tempDir();
  const file = path.join(dataDir, 'directline-token.key');
  fs.writeFileSync(file, 'short\n');
  const run = start(dataDir);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(file);
  expect(run.stderr).toMatch(/at least 32/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 90_000);

/** A read-only file system (as root, file modes do not stop writes): needs mount; skipped with a reason otherwise. */
function readOnlyDataDir(): string | null {
  const dir = tempDir();
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' }).status !== 0) throw new Error('no mount');
    const db = new Database(path.join(dir, 'records.sqlite'));
    db.exec('CREATE TABLE t (x)');
    db.close();
    if (spawnSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' }).status !== 0) throw new Error('no remount');
    return dir;
  } catch {
    spawnSync('umount', [dir], { stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const readOnly = readOnlyDataDir();
(readOnly ? it : it.skip)('a read-only data folder: exit 1 naming it and what to do (needs root and mount)', () => {
  try {
    const run = start(readOnly!);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(readOnly!);
    expect(run.stderr).toMatch(/cannot be written to/);
    expect(run.stderr).not.toMatch(/SqliteError|\n\s+at /);
  } finally {
    spawnSync('umount', [readOnly!], { stdio: 'ignore' });
    fs.rmSync(readOnly!, { recursive: true, force: true });
  }
}, 90_000);
