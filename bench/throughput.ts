import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ConversationStore } from '../src/bot/conversation-store';
import { testConfig } from '../src/config/config';
import { createLogger } from '../src/server/logger';
import { startServer } from '../src/server/app';
import { Conversation, promptIn, recommendationIn, type Reply } from '../test/http/client';
import { SCENARIOS, TYPED } from '../test/http/scenarios';
import { startBareEchoServer } from './bare-echo-server';
import { EchoBot, startEchoServer } from './echo-server';
import { atLeast, figure, fmt, median, note, percentile, section, under } from './report';

/**
 * Issue 12, goal 6. Three bots in one process, round by round in a rotating
 * order so that load from anything else on the machine falls on all alike:
 * botbuilder's bare echo sample (no storage), the echo bot on this project's
 * stack and SQLite storage, and the scoping bot. N scripted conversations at
 * once over POST /api/messages (expectReplies, keep-alive). Then the scoping
 * bot with people's pauses between messages, for its latency when busy but
 * not saturated.
 *
 * The client shares the process, so every bot pays the same client overhead:
 * absolute figures are lower than a separate load generator would see; the
 * ratios are fair.
 */

export interface ThroughputOptions {
  conversations: number;
  turns: number;
  rounds: number;
  thinkMs: number;
  dataDir: string;
  /** Only the scoping bot (for a CPU profile of its turns alone); no ratios then. */
  scopingOnly?: boolean;
}

const CHANNEL = 'bench';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed<T>(into: number[], work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    into.push(performance.now() - start);
  }
}

/**
 * A scoping conversation of `turns` turns: welcome, start, then the
 * scenario's answers (clicks, typing or both, by conversation) to the
 * recommendation; past the recommendation it starts over and answers again.
 */
export async function scopingConversation(
  baseUrl: string,
  agent: http.Agent,
  id: string,
  index: number,
  turns: number,
  latencies: number[],
  thinkMs = 0,
): Promise<number> {
  const scenario = SCENARIOS[index % SCENARIOS.length];
  const style = (['click', 'type', 'mixed'] as const)[index % 3];
  const conversation = new Conversation(baseUrl, { id, channelId: CHANNEL, agent });
  if (thinkMs > 0) await pause(thinkMs * Math.random()); // arrivals spread out, not one burst
  let replies: Reply[] = await timed(latencies, () => conversation.join());
  let done = 1;
  let answered = 0;
  while (done < turns) {
    if (thinkMs > 0) await pause(thinkMs * (0.5 + Math.random()));
    const prompt = promptIn(replies);
    if (recommendationIn(replies) || !prompt) {
      replies = await timed(latencies, () => (recommendationIn(replies) ? conversation.submit({ action: 'restart' }) : conversation.start()));
    } else {
      const answer = scenario.answers[prompt.question];
      if (answer === undefined) throw new Error(`${id}: asked ${prompt.question}, which the script does not answer`);
      const click = style === 'click' || (style === 'mixed' && answered % 2 === 1);
      replies = await timed(latencies, () => (click ? conversation.click(prompt.question, answer) : conversation.say(TYPED[prompt.question][answer])));
      answered += 1;
    }
    done += 1;
  }
  return done;
}

export async function echoConversation(baseUrl: string, agent: http.Agent, id: string, turns: number, latencies: number[]): Promise<number> {
  const conversation = new Conversation(baseUrl, { id, channelId: CHANNEL, agent });
  for (let turn = 0; turn < turns; turn += 1) {
    const replies = await timed(latencies, () => conversation.say(`message ${turn} of ${id}`));
    if (!replies[0]?.text?.startsWith('echo:')) throw new Error(`${id}: no echo`);
  }
  return turns;
}

interface Round {
  rate: number;
  /** Process CPU (servers and client) per turn: unlike wall time, barely moved by other processes on the machine. */
  cpuMsPerTurn: number;
  p50: number;
  p99: number;
  failures: number;
}

type Bot = { name: string; run: (id: string, index: number, latencies: number[]) => Promise<number> };

async function round(bot: Bot, label: string, conversations: number): Promise<Round> {
  const latencies: number[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  const settled = await Promise.allSettled(Array.from({ length: conversations }, (_v, i) => bot.run(`${label}-${i}`, i, latencies)));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  let turns = 0;
  let failures = 0;
  for (const r of settled) {
    if (r.status === 'fulfilled') turns += r.value;
    else if ((failures += 1) <= 3) process.stderr.write(`${bot.name}: conversation failed: ${String(r.reason)}\n`);
  }
  return { rate: turns / seconds, cpuMsPerTurn: (used.user + used.system) / 1000 / turns, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

export async function benchThroughput(options: ThroughputOptions): Promise<void> {
  const { conversations, turns, rounds, thinkMs } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: conversations * 2 });
  const logger = createLogger('silent');
  const scoping = await startServer(testConfig({ DATA_DIR: options.dataDir, PORT: '0', HOST: '127.0.0.1' }), { logger });
  const echo = await startEchoServer(testConfig({ DATA_DIR: options.dataDir }), scoping.services.storage, logger);
  const bare = await startBareEchoServer();
  // Idle keep-alive sockets outlive the pauses between phases: a server closing one
  // just as the client reuses it would reset a request that never reached the bot.
  scoping.server.keepAliveTimeout = 120_000;
  echo.server.keepAliveTimeout = 120_000;
  bare.server.keepAliveTimeout = 120_000;
  const scopingBot: Bot = { name: 'scoping bot', run: (id, i, l) => scopingConversation(scoping.url, agent, id, i, turns, l) };
  const bots: Bot[] = options.scopingOnly
    ? [scopingBot]
    : [
        { name: 'bare botbuilder echo (no storage)', run: (id, _i, l) => echoConversation(bare.url, agent, id, turns, l) },
        { name: 'echo on this stack (SQLite storage)', run: (id, _i, l) => echoConversation(echo.url, agent, id, turns, l) },
        scopingBot,
      ];
  try {
    // One untimed round each: the first burst on a cold process (JIT, sockets, SQLite pages) would otherwise be the p99.
    for (const bot of bots) await round(bot, `warm-${bots.indexOf(bot)}`, conversations);

    const results = bots.map(() => [] as Round[]);
    for (let r = 0; r < rounds; r += 1) {
      for (let k = 0; k < bots.length; k += 1) {
        const b = (k + r) % bots.length; // rotate who goes first
        results[b].push(await round(bots[b], `r${r}-b${b}`, conversations));
      }
    }
    const paced: number[][] = [];
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    let pacedFailures = 0;
    for (let r = 0; r < rounds; r += 1) {
      const latencies: number[] = [];
      const settled = await Promise.allSettled(
        Array.from({ length: conversations }, (_v, i) => scopingConversation(scoping.url, agent, `paced-${r}-${i}`, i, turns, latencies, thinkMs)),
      );
      for (const s of settled) if (s.status === 'rejected' && (pacedFailures += 1) <= 3) process.stderr.write(`paced conversation failed: ${String(s.reason)}\n`);
      paced.push(latencies);
    }
    loopDelay.disable();

    section(
      `Throughput (goal 6): ${conversations} concurrent conversations × ${turns} turns, ${rounds} rounds per bot, POST /api/messages with expectReplies`,
      `closed loop: each conversation posts its next message the moment it has a reply, so latency ≈ ${conversations} in flight ÷ throughput`,
    );
    for (const [b, bot] of bots.entries()) {
      figure(`${bot.name}: turns/s`, results[b].map((x) => x.rate), '', { digits: 0 });
      figure(`${bot.name}: p50 latency`, results[b].map((x) => x.p50), 'ms');
      figure(`${bot.name}: CPU per turn`, results[b].map((x) => x.cpuMsPerTurn), 'ms', { digits: 2 });
      const failed = results[b].reduce((n, x) => n + x.failures, 0);
      if (failed > 0) note(`${bot.name}: ${failed} conversations FAILED`);
    }
    if (!options.scopingOnly) {
      const [bareR, echoR, scopingR] = results;
      figure('scoping ÷ bare botbuilder echo', scopingR.map((x, r) => x.rate / bareR[r].rate), '×', { digits: 2, goal: atLeast(0.7, '×') });
      figure('scoping ÷ echo with the same SQLite storage', scopingR.map((x, r) => x.rate / echoR[r].rate), '×', { digits: 2, goal: atLeast(0.85, '×') });
      note('the same ratios from CPU time per turn (client included), steadier when other work shares the machine:');
      figure('scoping ÷ bare echo, by CPU per turn', scopingR.map((x, r) => bareR[r].cpuMsPerTurn / x.cpuMsPerTurn), '×', { digits: 2 });
      figure('scoping ÷ SQLite echo, by CPU per turn', scopingR.map((x, r) => echoR[r].cpuMsPerTurn / x.cpuMsPerTurn), '×', { digits: 2 });
    }
    section(`Scoping bot, ${conversations} paced conversations (${thinkMs / 2}–${(thinkMs * 3) / 2} ms between a reply and the next message), ${rounds} rounds`);
    figure('p50 latency', paced.map((l) => percentile(l, 50)), 'ms', { digits: 2 });
    figure(`p99 latency at ${conversations} paced conversations`, paced.map((l) => percentile(l, 99)), 'ms', { digits: 2, goal: under(50, ' ms') });
    if (pacedFailures > 0) note(`${pacedFailures} paced conversations FAILED`);
    // How long the event loop was held (or the process not scheduled) meanwhile: the floor under any p99.
    note(`event-loop delay meanwhile: p99 ${fmt(loopDelay.percentile(99) / 1e6, 0)} ms, max ${fmt(loopDelay.max / 1e6, 0)} ms`);

    const scopingIndex = bots.indexOf(scopingBot);
    // Awaited: whether the store answers at once or later (a database server), the figures are the same.
    const storage = scoping.services.storage;
    const sizes = await Promise.all(Array.from({ length: conversations }, async (_v, i) => storage.sizeOf(ConversationStore.keyFor(CHANNEL, `r${rounds - 1}-b${scopingIndex}-${i}`))));
    const echoSize = await storage.sizeOf(EchoBot.keyFor(CHANNEL, `r${rounds - 1}-b1-0`));
    section('State');
    note(`persisted state per conversation: ${fmt(median(sizes), 0)} B median, ${Math.max(...sizes)} B max (target < 4 KB); echo record ${echoSize} B`);
  } finally {
    agent.destroy();
    await bare.stop();
    await echo.stop();
    await scoping.stop();
  }
}
