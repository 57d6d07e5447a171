/**
 * One bot of the throughput section in a process of its own, as it runs in
 * production: its own heap and garbage collector, the load generator outside.
 * Run by `startBotProcess` (bench/bots.ts) through `fork`, so it inherits the
 * parent's node flags (`--import tsx`, and `--cpu-prof` when profiling: each
 * bot then writes a profile of the server alone). Talks over the IPC channel:
 * `ready` with its URL once listening, then answers requests (bench/bots.ts).
 */
import type http from 'node:http';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { testConfig } from '../src/config/config';
import { createLogger } from '../src/server/logger';
import { startServer } from '../src/server/app';
import { SqliteStorage } from '../src/storage/sqlite-storage';
import type { ConversationStorage } from '../src/storage/types';
import { startBareEchoServer } from './bare-echo-server';
import { BOT_KINDS, type BotKind, type BotReply, type BotRequest } from './bots';
import { startEchoServer } from './echo-server';

interface Running {
  url: string;
  server: http.Server;
  storage: ConversationStorage | null;
  stop(): Promise<void>;
}

async function start(kind: BotKind, dataDir: string): Promise<Running> {
  const logger = createLogger('silent');
  const config = testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  switch (kind) {
    case 'bare': {
      const bare = await startBareEchoServer();
      return { url: bare.url, server: bare.server, storage: null, stop: bare.stop };
    }
    case 'echo':
    case 'echo-stock': {
      const storage = new SqliteStorage(path.join(dataDir, 'conversations.sqlite'));
      const echo = await startEchoServer(config, storage, logger, kind === 'echo' ? 'project' : 'stock');
      return { url: echo.url, server: echo.server, storage, stop: async () => (await echo.stop(), await storage.close()) };
    }
    case 'scoping': {
      const scoping = await startServer(config, { logger });
      return { url: scoping.url, server: scoping.server, storage: scoping.services.storage, stop: scoping.stop };
    }
  }
}

async function main(): Promise<void> {
  const [kind, dataDir] = process.argv.slice(2);
  if (!process.send || !(BOT_KINDS as readonly string[]).includes(kind) || !dataDir) {
    process.stderr.write(`usage: fork bench/bot-process.ts <${BOT_KINDS.join('|')}> <data dir> (with an IPC channel)\n`);
    process.exit(2);
  }
  const send = (reply: BotReply) => process.send!(reply);
  const running = await start(kind as BotKind, dataDir);
  // Idle keep-alive sockets outlive the pauses between phases: a server closing one
  // just as the client reuses it would reset a request that never reached the bot.
  running.server.keepAliveTimeout = 120_000;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });

  process.on('message', async (request: BotRequest) => {
    try {
      switch (request.type) {
        case 'cpu': {
          const used = process.cpuUsage();
          return send({ id: request.id, type: 'cpu', ms: (used.user + used.system) / 1000 });
        }
        case 'size-of':
          return send({ id: request.id, type: 'size-of', bytes: running.storage ? await running.storage.sizeOf(request.key) : 0 });
        case 'loop-delay-start':
          loopDelay.reset();
          loopDelay.enable();
          return send({ id: request.id, type: 'done' });
        case 'loop-delay-stop':
          loopDelay.disable();
          return send({ id: request.id, type: 'loop-delay', p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 });
        case 'stop':
          await running.stop();
          // Exits once the answer is sent (a --cpu-prof profile is written on the way out).
          return process.send!({ id: request.id, type: 'done' } satisfies BotReply, () => process.exit(0));
      }
    } catch (error) {
      send({ id: request.id, type: 'error', message: String(error) });
    }
  });
  // The bench gone without stopping this bot (killed, crashed): nothing is left running.
  process.once('disconnect', () => process.exit(0));
  send({ type: 'ready', url: running.url });
}

main().catch((error) => {
  process.stderr.write(`bot process failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
