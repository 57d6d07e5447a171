import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../http/client';

/**
 * `npm start` on a fresh clone: scripts/start.js compiles to a dist folder
 * that does not exist yet, then runs the compiled server with plain node
 * (no tsx), which must find content/, web/ and teams/ from there. A second
 * start does not rebuild; a stale stamp does. The folder is a fresh one under
 * .scratch/ (inside the project, so node_modules resolves), not the
 * developer's dist/.
 */

const ROOT = path.resolve(__dirname, '../..');
const READY = /Scoping bot ready: POST (http:\/\/[^\s]+)\/api\/messages/;
const { staleReason } = require('../../scripts/build.js') as { staleReason(dist: string): string | null };

let dist: string;
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  fs.mkdirSync(path.join(ROOT, '.scratch'), { recursive: true });
  dist = fs.mkdtempSync(path.join(ROOT, '.scratch', 'dist-'));
  fs.rmSync(dist, { recursive: true }); // "missing", as on a fresh clone
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-start-'));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start(): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['scripts/start.js', '--dist', dist, 'src/main'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function readyUrl(run: ReturnType<typeof start>): Promise<string> {
  let gone = false;
  void run.exited.then(() => (gone = true));
  return waitFor(
    () => {
      if (gone) throw new Error(`the server exited before it was ready\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
      return READY.exec(run.stdout())?.[1];
    },
    'the "Scoping bot ready" line',
    170_000,
  );
}

it('builds a missing dist, then serves health, the page and a turn from the compiled code', async () => {
  const run = start();
  const url = await readyUrl(run);
  expect(run.stderr()).toContain('Building');
  expect(fs.existsSync(path.join(dist, 'src/main.js'))).toBe(true);
  expect(fs.existsSync(path.join(dist, 'content/questions.json'))).toBe(true);

  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  const page = await fetch(`${url}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('scopingbot');

  const turn = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', text: 'which standard do we need?', channelId: 'test', conversation: { id: 'start-1' },
      from: { id: 'me' }, recipient: { id: 'bot' }, serviceUrl: 'http://localhost', deliveryMode: 'expectReplies',
    }),
  });
  expect(turn.status).toBe(200);
  const body = (await turn.json()) as { activities: { text?: string }[] };
  expect(body.activities.length).toBeGreaterThan(0);

  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
}, 180_000);

it('a second start runs what is built, without rebuilding', async () => {
  expect(staleReason(dist)).toBeNull();
  const run = start();
  await readyUrl(run);
  expect(run.stderr()).not.toContain('Building');
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
}, 60_000);

it('npm run leads runs compiled too', () => {
  const run = spawnSync(process.execPath, ['scripts/start.js', '--dist', dist, 'scripts/leads', 'list'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('No leads.\n');
  expect(run.status).toBe(0);
});

it('a build older than its sources is stale, and says which', () => {
  fs.utimesSync(path.join(dist, '.built'), new Date(0), new Date(0));
  expect(staleReason(dist)).toMatch(/changed since the last build/);
  fs.rmSync(path.join(dist, '.built'));
  expect(staleReason(dist)).toBe('nothing is built there yet');
});

it('an unknown entry is refused with the usage', () => {
  const run = spawnSync(process.execPath, ['scripts/start.js', '--dist', dist, '../etc/passwd'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('Usage: node scripts/start.js');
});
