import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openService, registerAda, tempDataDir } from './fixtures';

/** One unreadable lead row must not hide the others from practitioners (issue 10, item 10). */
const root = path.resolve(__dirname, '../..');
const leads = (dataDir: string, ...args: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/leads.ts', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });

let dataDir: string;
let good: string;
let corrupt: string;
beforeAll(async () => {
  dataDir = tempDataDir();
  const service = await openService(dataDir);
  corrupt = await registerAda(service, { email: 'broken@example.org' });
  good = await registerAda(service, { email: 'fine@example.org' });
  await service.close();
  const db = new Database(path.join(dataDir, 'records.sqlite'));
  db.prepare('UPDATE leads SET answers_json = ? WHERE id = ?').run('{"ai_use": "act', corrupt);
  db.close();
});

it.each([
  ['list', ['list']],
  ['export', ['export', '--csv']],
])('%s skips the corrupt lead with a warning naming its id, and shows the rest', (_name, args) => {
  const run = leads(dataDir, ...args);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(good);
  expect(run.stdout).not.toContain(corrupt);
  expect(run.stderr).toContain(`lead ${corrupt} could not be read and was skipped`);
  expect(run.stderr).not.toMatch(/SyntaxError|\n\s+at /);
}, 60_000);

it('show <corrupt id> says the lead cannot be read, without a stack', () => {
  const run = leads(dataDir, 'show', corrupt);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`Lead ${corrupt} could not be read`);
  expect(run.stderr).not.toMatch(/SyntaxError|\n\s+at /);
}, 60_000);

it('a records.sqlite that is not a database: the file named and what to do, no stack', () => {
  const broken = tempDataDir();
  const file = path.join(broken, 'records.sqlite');
  fs.writeFileSync(file, 'not a database\n'.repeat(200));
  const run = leads(broken, 'list');
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(file);
  expect(run.stderr).toMatch(/Move it aside/);
  expect(run.stderr).not.toMatch(/SqliteError|\n\s+at /);
}, 60_000);
