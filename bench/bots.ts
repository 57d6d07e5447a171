import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The parent's side of bench/bot-process.ts: a bot started in a process of
 * its own, and the questions the bench asks it over IPC (its CPU time, the
 * bytes it stores for a conversation, its event-loop delay).
 */

export const BOT_KINDS = ['bare', 'echo-stock', 'echo', 'scoping'] as const;
export type BotKind = (typeof BOT_KINDS)[number];

export type BotQuestion = { type: 'cpu' } | { type: 'size-of'; key: string } | { type: 'loop-delay-start' } | { type: 'loop-delay-stop' } | { type: 'stop' };
export type BotRequest = BotQuestion & { id: number };

export type BotReply =
  | { type: 'ready'; url: string }
  | { id: number; type: 'cpu'; ms: number }
  | { id: number; type: 'size-of'; bytes: number }
  | { id: number; type: 'loop-delay'; p99Ms: number; maxMs: number }
  | { id: number; type: 'done' }
  | { id: number; type: 'error'; message: string };

export interface BotProcess {
  kind: BotKind;
  url: string;
  /** CPU time (user + system) the bot's process has used so far, in ms. */
  cpuMs(): Promise<number>;
  sizeOf(key: string): Promise<number>;
  loopDelayStart(): Promise<void>;
  loopDelayStop(): Promise<{ p99Ms: number; maxMs: number }>;
  stop(): Promise<void>;
}

type Answer<T extends BotReply['type']> = Extract<BotReply, { type: T }>;

export function startBotProcess(kind: BotKind, dataDir: string): Promise<BotProcess> {
  const child = fork(path.join(__dirname, 'bot-process.ts'), [kind, dataDir], { execArgv: botExecArgv(kind), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (reply: BotReply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited: Error | null = null;

  const ask = <T extends BotReply['type']>(request: BotQuestion, expected: T): Promise<Answer<T>> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(exited);
      const id = nextId++;
      waiting.set(id, {
        resolve: (reply) => (reply.type === expected ? resolve(reply as Answer<T>) : reject(new Error(`${kind} bot: ${reply.type === 'error' ? reply.message : `unexpected ${reply.type}`}`))),
        reject,
      });
      child.send({ ...request, id } as BotRequest);
    });

  return new Promise((resolve, reject) => {
    child.on('message', (reply: BotReply) => {
      if (reply.type === 'ready') return resolve(handle(child, kind, reply.url, ask));
      if ('id' in reply) {
        waiting.get(reply.id)?.resolve(reply);
        waiting.delete(reply.id);
      }
    });
    child.once('exit', (code, signal) => {
      exited = new Error(`${kind} bot process exited (${signal ?? code})`);
      for (const w of waiting.values()) w.reject(exited);
      waiting.clear();
      reject(exited); // before ready: the start failed (its stderr is above)
    });
  });
}

function handle(child: ChildProcess, kind: BotKind, url: string, ask: <T extends BotReply['type']>(request: BotQuestion, expected: T) => Promise<Answer<T>>): BotProcess {
  return {
    kind,
    url,
    cpuMs: async () => (await ask({ type: 'cpu' }, 'cpu')).ms,
    sizeOf: async (key) => (await ask({ type: 'size-of', key }, 'size-of')).bytes,
    loopDelayStart: async () => void (await ask({ type: 'loop-delay-start' }, 'done')),
    loopDelayStop: async () => {
      const { p99Ms, maxMs } = await ask({ type: 'loop-delay-stop' }, 'loop-delay');
      return { p99Ms, maxMs };
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await ask({ type: 'stop' }, 'done').catch(() => child.kill());
      await gone;
    },
  };
}

/**
 * This process's node flags for a bot. Under --cpu-prof each bot writes its
 * profiles into a folder of its own (`<profile dir>/bot-<kind>`), so the
 * server's profile is not mixed up with the load generator's.
 */
function botExecArgv(kind: BotKind): string[] {
  const flags = process.execArgv;
  if (!flags.includes('--cpu-prof')) return flags;
  let dir = '.';
  const kept: string[] = [];
  for (let i = 0; i < flags.length; i += 1) {
    const flag = flags[i];
    if (flag === '--cpu-prof-dir') dir = flags[(i += 1)];
    else if (flag.startsWith('--cpu-prof-dir=')) dir = flag.slice('--cpu-prof-dir='.length);
    else kept.push(flag);
  }
  return [...kept, `--cpu-prof-dir=${path.join(dir, `bot-${kind}`)}`];
}
