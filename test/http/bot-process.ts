import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './client';

/** The bot as its own process (`src/main.ts`), for tests that need real processes: restarts, two servers on one folder. */

const ROOT = path.resolve(__dirname, '../..');
// `npx tsx src/main.ts`, minus npx: npm exec runs the command under `sh -c`, and
// a SIGTERM sent to npx ends npx and sh but is never passed on, orphaning the
// bot. tsx's own CLI relays signals to the program, so the stop is the real one.
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const READY = /Scoping bot ready: POST (http:\/\/[^\s]+)\/api\/messages/;

export interface BotProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

const started: BotProcess[] = [];

/**
 * `env` adds settings, e.g. DATABASE_URL for instances sharing PostgreSQL.
 * `killable`: the bot runs in this very process (node --import tsx), so
 * SIGKILL ends the bot itself, as a crash would; without it tsx's CLI sits
 * in between and relays SIGTERM.
 */
export async function startBot(dataDir: string, env: Record<string, string> = {}, options: { killable?: boolean } = {}): Promise<BotProcess> {
  const args = options.killable ? ['--import', 'tsx', 'src/main.ts'] : [TSX_CLI, 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const bot: BotProcess = { child, url: '', exited, output: () => `stdout:\n${stdout}\nstderr:\n${stderr}` };
  started.push(bot);
  bot.url = await waitFor(
    () => {
      if (gone) throw new Error(`the bot exited before it was ready\n${bot.output()}`);
      return READY.exec(stdout)?.[1];
    },
    'the "Scoping bot ready" line',
    30000,
  );
  return bot;
}

/** Stops every bot this test file started (SIGTERM first: tsx passes it on; SIGKILL would orphan the bot). */
export async function stopAllBots(): Promise<void> {
  for (const bot of started.splice(0)) {
    if (bot.child.exitCode !== null || bot.child.signalCode !== null) continue;
    bot.child.kill('SIGTERM');
    const timer = new Promise((resolve) => setTimeout(resolve, 10000).unref());
    if ((await Promise.race([bot.exited, timer])) === undefined) bot.child.kill('SIGKILL');
  }
}
