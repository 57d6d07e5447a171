import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Conversation, promptIn, recommendationIn, waitFor } from './client';
import { SCENARIOS } from './scenarios';

/**
 * The process stops in the middle of a conversation and a new one starts on
 * the same data folder: the person carries on where they were.
 *
 *   process 1: welcome → Q1 ai_use (click) → Q2 certification (typed) → Q3 prompt
 *   SIGTERM → exits 0
 *   process 2: answer Q3 … → the recommendation
 */

const ROOT = path.resolve(__dirname, '../..');
// `npx tsx src/main.ts`, minus npx: npm exec runs the command under `sh -c`, and
// a SIGTERM sent to npx ends npx and sh but is never passed on, orphaning the
// bot. tsx's own CLI relays signals to the program, so the stop is the real one.
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const READY = /Scoping bot ready: POST (http:\/\/[^\s]+)\/api\/messages/;

interface BotProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

const started: BotProcess[] = [];

async function startBot(dataDir: string): Promise<BotProcess> {
  const child = spawn(process.execPath, [TSX_CLI, 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
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

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-restart-'));
});
afterAll(async () => {
  for (const bot of started) {
    if (bot.child.exitCode !== null || bot.child.signalCode !== null) continue;
    // SIGTERM first: tsx passes it on to the bot; SIGKILL would leave the bot orphaned.
    bot.child.kill('SIGTERM');
    const timer = new Promise((resolve) => setTimeout(resolve, 10000).unref());
    if ((await Promise.race([bot.exited, timer])) === undefined) bot.child.kill('SIGKILL');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('a conversation survives a restart of the process between the second and third questions', async () => {
  const scenario = SCENARIOS.find((s) => s.expected.pathway === '27001-first')!;
  const conversationId = `restart-${process.pid}`;

  // ── first process ──
  const first = await startBot(dataDir);
  const before = new Conversation(first.url, { id: conversationId });
  await before.join();
  expect(promptIn(await before.start())).toMatchObject({ question: 'ai_use', step: 1 });
  expect(promptIn(await before.click('ai_use', scenario.answers.ai_use))).toMatchObject({ question: 'certification', step: 2 });
  const third = promptIn(await before.say("we're not certified"));
  expect(third).toMatchObject({ question: 'infosec_maturity', step: 3 });

  first.child.kill('SIGTERM');
  expect(await first.exited).toEqual({ code: 0, signal: null });

  // ── second process, same data folder ──
  const second = await startBot(dataDir);
  const after = new Conversation(second.url, { id: conversationId });

  // The user comes back: the pending question is offered again, at the same step.
  const resumed = promptIn(await after.join());
  expect(resumed).toEqual(third);

  let replies = await after.click('infosec_maturity', scenario.answers.infosec_maturity);
  const asked = ['ai_use', 'certification', 'infosec_maturity'];
  for (let turn = 0; turn < 8 && !recommendationIn(replies); turn += 1) {
    const prompt = promptIn(replies)!;
    expect(prompt.step).toBe(asked.length + 1);
    asked.push(prompt.question);
    replies = await after.click(prompt.question, scenario.answers[prompt.question]);
  }
  expect(asked).toEqual(scenario.asked);
  expect(recommendationIn(replies)).toEqual({ ...scenario.expected, answers: scenario.answers });

  second.child.kill('SIGTERM');
  expect(await second.exited).toEqual({ code: 0, signal: null });
}, 90000);
