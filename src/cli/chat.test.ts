import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `npm run chat`: the same bot in a terminal, choices numbered, markdown drawn for a terminal, a new conversation each run. */

const ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function chat(lines: string[], args: string[] = []) {
  return spawnSync(process.execPath, [TSX_CLI, 'src/cli/chat.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    timeout: 60000,
  });
}

it('welcomes, numbers the choices, and takes numbers and words alike to a recommendation, its markdown drawn for a terminal', () => {
  const run = chat(['1', '1', 'yes, certified', '7', 'no', 'quit']);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/1\. Which standard do we need\?/);
  expect(run.stdout).toMatch(/Question 1 of 7: How does your organisation use AI today\?\n\s+1\. /);
  expect(run.stdout).toMatch(/Question 2 of 5/);
  expect(run.stdout).toMatch(/My suggestion: ISO 42001 isn't needed yet/);
  expect(run.stdout).toMatch(/not legal or compliance advice/);
  // No raw markdown marks: bold and italics are drawn (or dropped in a pipe), not printed as ** and _.
  expect(run.stdout).not.toMatch(/\*\*|(^|\s)_\S/m);
});

it('starts a new conversation on each run, and --resume continues the last one', () => {
  const first = chat(['1', 'quit']);
  expect(first.stdout).toMatch(/Question 1 of 7/);
  const second = chat(['quit']);
  expect(second.stdout).toMatch(/Hello! I'm QL Security's scoping assistant/);
  expect(second.stdout).not.toMatch(/Back to where we were/);

  const third = chat(['1', 'quit']);
  expect(third.stdout).toMatch(/Question 1 of 7/);
  const resumed = chat(['quit'], ['--resume']);
  expect(resumed.status).toBe(0);
  expect(resumed.stdout).toMatch(/continuing the last conversation/);
  expect(resumed.stdout).toMatch(/Back to where we were: How does your organisation use AI today\?/);
});

it('--resume with no earlier conversation says so and exits with an error', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-cli-empty-'));
  const run = spawnSync(process.execPath, [TSX_CLI, 'src/cli/chat.ts', '--resume'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: empty, LOG_LEVEL: 'warn' },
    input: 'quit\n',
    encoding: 'utf8',
    timeout: 60000,
  });
  fs.rmSync(empty, { recursive: true, force: true });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/no earlier terminal conversation/);
});
