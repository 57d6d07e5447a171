import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { figure, note, section, under } from './report';

/**
 * Issue 12, goal 5: the production start. `npm start` (scripts/start.js on the
 * compiled dist/) from launch until /healthz answers 200, and a `leads`
 * command from launch to exit, each over several launches. dist/ is built
 * first, untimed, as `npm start` would on its first run.
 */

const ROOT = path.resolve(__dirname, '..');
const READY = /Scoping bot ready: POST (http:\/\/[^\s]+)\/api\/messages/;

const { ensureBuilt } = require('../scripts/build.js') as { ensureBuilt(): boolean };

async function launchToHealthy(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/start.js', 'src/main'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`no "ready" line within 60 s\n${stderr}`)), 60_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = READY.exec(stdout);
        if (match) {
          clearTimeout(deadline);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready\n${stderr}`)));
    });
    for (;;) {
      const res = await fetch(`${url}/healthz`).catch(() => undefined);
      if (res?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}

function launchToExit(command: string, args: string[], dataDir: string): number {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return performance.now() - started;
}

export async function benchStartup(options: { rounds: number }): Promise<void> {
  const built = performance.now();
  const rebuilt = ensureBuilt();
  section(`Production start (goal 5): ${options.rounds} launches each, compiled dist/ with plain node`);
  if (rebuilt) note(`dist/ was stale and was built first: ${((performance.now() - built) / 1000).toFixed(1)} s (not counted)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-bench-start-'));
  try {
    const healthy: number[] = [];
    for (let r = 0; r < options.rounds; r += 1) healthy.push(await launchToHealthy(dataDir));
    figure('npm start → /healthz 200', healthy, 'ms', { digits: 0, goal: under(1500, ' ms') });
    const leads: number[] = [];
    const viaNpm: number[] = [];
    for (let r = 0; r < options.rounds; r += 1) {
      leads.push(launchToExit(process.execPath, ['scripts/start.js', 'scripts/leads', 'list'], dataDir));
      viaNpm.push(launchToExit('npm', ['run', '--silent', 'leads', '--', 'list'], dataDir));
    }
    figure('leads list (node scripts/start.js), launch to exit', leads, 'ms', { digits: 0, goal: under(500, ' ms') });
    figure('npm run leads -- list (npm\'s own start included)', viaNpm, 'ms', { digits: 0 });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
