import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `npm run chat`: the same bot in a terminal, choices numbered, typed replies understood. */

const ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function chat(lines: string[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-cli-'));
  const run = spawnSync(process.execPath, [TSX_CLI, 'src/cli/chat.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    timeout: 60000,
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  return run;
}

it('welcomes, numbers the choices, and takes numbers and words alike to a recommendation', () => {
  const run = chat(['1', '1', 'yes, certified', '7', 'no', 'quit']);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/\[1\] Which standard do we need\?/);
  expect(run.stdout).toMatch(/Question 1 of 7: How does your organisation use AI today\?\n\s+\[1\] /);
  expect(run.stdout).toMatch(/Question 2 of 5/);
  expect(run.stdout).toMatch(/My suggestion: ISO 42001 isn't needed yet/);
  expect(run.stdout).toMatch(/not legal or compliance advice/);
});
