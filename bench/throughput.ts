import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ConversationStore } from '../src/bot/conversation-store';
import { Conversation, promptIn, recommendationIn, type Reply } from '../test/http/client';
import { SCENARIOS, TYPED } from '../test/http/scenarios';
import { startBotProcess, type BotKind, type BotProcess } from './bots';
import { EchoBot } from './echo-server';
import { atLeast, figure, fmt, median, note, percentile, section, under } from './report';

/**
 * Issue 12, goal 6. Four bots, each in a process of its own (as a bot runs in
 * production: its own heap and garbage collector), driven from this one as a
 * load generator would: botbuilder's bare echo sample (no storage), the echo
 * bot with SQLite storage on stock CloudAdapter and on this project's
 * adapter, and the scoping bot. Round by round in a rotating order, so load
 * from anything else on the machine falls on all alike, N scripted
 * conversations at once over POST /api/messages (expectReplies, keep-alive).
 * Each bot's CPU per turn is its own process's, the load generator's apart.
 * Then the scoping bot with people's pauses between messages, for its
 * latency when busy but not saturated.
 */

export interface ThroughputOptions {
  conversations: number;
  turns: number;
  rounds: number;
  thinkMs: number;
  dataDir: string;
  /** Only the scoping bot (for a CPU profile of its turns alone: run under --cpu-prof, each bot process writes its own); no ratios then. */
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
  /** The bot process's CPU per turn: unlike wall time, barely moved by other processes on the machine. */
  serverCpuMsPerTurn: number;
  /** This process's (the load generator's) CPU per turn. */
  clientCpuMsPerTurn: number;
  p50: number;
  p99: number;
  failures: number;
}

type Bot = { name: string; process: BotProcess; run: (id: string, index: number, latencies: number[]) => Promise<number> };

async function round(bot: Bot, label: string, conversations: number): Promise<Round> {
  const latencies: number[] = [];
  const serverCpu = await bot.process.cpuMs();
  const clientCpu = process.cpuUsage();
  const started = performance.now();
  const settled = await Promise.allSettled(Array.from({ length: conversations }, (_v, i) => bot.run(`${label}-${i}`, i, latencies)));
  const seconds = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientCpu);
  const server = (await bot.process.cpuMs()) - serverCpu;
  let turns = 0;
  let failures = 0;
  for (const r of settled) {
    if (r.status === 'fulfilled') turns += r.value;
    else if ((failures += 1) <= 3) process.stderr.write(`${bot.name}: conversation failed: ${String(r.reason)}\n`);
  }
  return {
    rate: turns / seconds,
    serverCpuMsPerTurn: server / turns,
    clientCpuMsPerTurn: (client.user + client.system) / 1000 / turns,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}

const NAMES: Record<BotKind, string> = {
  bare: 'bare botbuilder echo, no storage',
  'echo-stock': 'echo + SQLite, stock CloudAdapter',
  echo: "echo + SQLite, project's adapter",
  scoping: 'scoping bot',
};

export async function benchThroughput(options: ThroughputOptions): Promise<void> {
  const { conversations, turns, rounds, thinkMs } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: conversations * 2 });
  const kinds: BotKind[] = options.scopingOnly ? ['scoping'] : ['bare', 'echo-stock', 'echo', 'scoping'];
  const started = await Promise.allSettled(
    kinds.map((kind) => {
      const dir = path.join(options.dataDir, kind);
      fs.mkdirSync(dir, { recursive: true });
      return startBotProcess(kind, dir);
    }),
  );
  const processes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const bots: Bot[] = processes.map((p) => ({
      name: NAMES[p.kind],
      process: p,
      run: (id, i, l) => (p.kind === 'scoping' ? scopingConversation(p.url, agent, id, i, turns, l) : echoConversation(p.url, agent, id, turns, l)),
    }));
    const botOf = (kind: BotKind) => bots.find((b) => b.process.kind === kind)!;
    const scopingBot = botOf('scoping');

    // Untimed rounds first: a cold process (JIT, sockets, SQLite pages, heap growth) would otherwise be the first round's figures.
    for (let w = 0; w < 3; w += 1) for (const bot of bots) await round(bot, `warm${w}-${bots.indexOf(bot)}`, conversations);

    const results = bots.map(() => [] as Round[]);
    for (let r = 0; r < rounds; r += 1) {
      for (let k = 0; k < bots.length; k += 1) {
        const b = (k + r) % bots.length; // rotate who goes first
        results[b].push(await round(bots[b], `r${r}-b${b}`, conversations));
      }
    }
    const paced: number[][] = [];
    await scopingBot.process.loopDelayStart();
    let pacedFailures = 0;
    for (let r = 0; r < rounds; r += 1) {
      const latencies: number[] = [];
      const settled = await Promise.allSettled(
        Array.from({ length: conversations }, (_v, i) => scopingConversation(scopingBot.process.url, agent, `paced-${r}-${i}`, i, turns, latencies, thinkMs)),
      );
      for (const s of settled) if (s.status === 'rejected' && (pacedFailures += 1) <= 3) process.stderr.write(`paced conversation failed: ${String(s.reason)}\n`);
      paced.push(latencies);
    }
    const loopDelay = await scopingBot.process.loopDelayStop();

    section(
      `Throughput (goal 6): ${conversations} concurrent conversations × ${turns} turns, ${rounds} rounds per bot, POST /api/messages with expectReplies`,
      `each bot in a process of its own, the load generator in this one; closed loop: each conversation posts its next message the moment it has a reply`,
    );
    for (const [b, bot] of bots.entries()) {
      figure(`${bot.name}: turns/s`, results[b].map((x) => x.rate), '', { digits: 0 });
      figure(`${bot.name}: p50 latency`, results[b].map((x) => x.p50), 'ms');
      figure(`${bot.name}: server CPU/turn`, results[b].map((x) => x.serverCpuMsPerTurn), 'ms', { digits: 2 });
      const failed = results[b].reduce((n, x) => n + x.failures, 0);
      if (failed > 0) note(`${bot.name}: ${failed} conversations FAILED`);
    }
    note(`load generator CPU per turn: ${fmt(median(results.flat().map((x) => x.clientCpuMsPerTurn)), 2)} ms (median over all bots and rounds)`);
    if (!options.scopingOnly) {
      const [bareR, stockEchoR, echoR, scopingR] = (['bare', 'echo-stock', 'echo', 'scoping'] as const).map((kind) => results[bots.indexOf(botOf(kind))]);
      const byRate = (baseline: Round[]) => scopingR.map((x, r) => x.rate / baseline[r].rate);
      const byCpu = (baseline: Round[]) => scopingR.map((x, r) => baseline[r].serverCpuMsPerTurn / x.serverCpuMsPerTurn);
      figure('scoping ÷ bare botbuilder echo', byRate(bareR), '×', { digits: 2, goal: atLeast(0.7, '×') });
      // The goal was set against the echo as it then ran, on stock CloudAdapter;
      // the project's adapter work made that echo faster too, so both are shown.
      figure('scoping ÷ SQLite echo, stock adapter (as when set)', byRate(stockEchoR), '×', { digits: 2, goal: atLeast(0.85, '×') });
      figure("scoping ÷ SQLite echo, project's adapter", byRate(echoR), '×', { digits: 2, goal: atLeast(0.85, '×') });
      note('the same ratios from each server\'s CPU per turn, steadier when other work shares the machine:');
      figure('by server CPU: scoping ÷ bare echo', byCpu(bareR), '×', { digits: 2 });
      figure('by server CPU: scoping ÷ SQLite echo, stock adapter', byCpu(stockEchoR), '×', { digits: 2 });
      figure("by server CPU: scoping ÷ SQLite echo, project's adapter", byCpu(echoR), '×', { digits: 2 });
    }
    section(`Scoping bot, ${conversations} paced conversations (${thinkMs / 2}–${(thinkMs * 3) / 2} ms between a reply and the next message), ${rounds} rounds`);
    figure('p50 latency', paced.map((l) => percentile(l, 50)), 'ms', { digits: 2 });
    figure(`p99 latency at ${conversations} paced conversations`, paced.map((l) => percentile(l, 99)), 'ms', { digits: 2, goal: under(50, ' ms') });
    if (pacedFailures > 0) note(`${pacedFailures} paced conversations FAILED`);
    // How long the bot's event loop was held (or its process not scheduled) meanwhile: the floor under any p99.
    note(`the scoping bot's event-loop delay meanwhile: p99 ${fmt(loopDelay.p99Ms, 0)} ms, max ${fmt(loopDelay.maxMs, 0)} ms`);

    const scopingIndex = bots.indexOf(scopingBot);
    const sizes = await Promise.all(Array.from({ length: conversations }, (_v, i) => scopingBot.process.sizeOf(ConversationStore.keyFor(CHANNEL, `r${rounds - 1}-b${scopingIndex}-${i}`))));
    section('State');
    const echo = bots.find((b) => b.process.kind === 'echo');
    const echoSize = echo ? `; echo record ${await echo.process.sizeOf(EchoBot.keyFor(CHANNEL, `r${rounds - 1}-b${bots.indexOf(echo)}-0`))} B` : '';
    note(`persisted state per conversation: ${fmt(median(sizes), 0)} B median, ${Math.max(...sizes)} B max (target < 4 KB)${echoSize}`);
  } finally {
    agent.destroy();
    await Promise.all(processes.map((p) => p.stop()));
  }
}
