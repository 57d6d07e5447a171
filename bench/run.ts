/**
 * `npm run bench [-- --conversations 50 --turns 9 --rounds 3 --bookings 20 --think-ms 500]`
 *
 * In one process: the real scoping server and, on the same stack and the same
 * SqliteStorage, an echo bot (bench/echo-server.ts). N concurrent scripted
 * conversations go through `POST /api/messages` with expectReplies over a
 * keep-alive agent. Prints throughput, latency, the scoping/echo ratio, stored
 * state per conversation, memory, the recogniser's cost and the booking steps'
 * time per turn, each beside its target. Nothing is asserted.
 *
 * The client runs in the same process as the servers, so both bots pay the
 * same client overhead; absolute figures are lower than a separate load
 * generator would measure, the ratio is fair.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConversationStore } from '../src/bot/conversation-store';
import { testConfig } from '../src/config/config';
import { measureRecogniser } from '../src/intents/measure';
import { createLogger } from '../src/server/logger';
import { startServer } from '../src/server/app';
import { Conversation, promptIn, recommendationIn, type Reply } from '../test/http/client';
import { bookingIn, bookingSteps, MONDAY, slotsIn } from '../test/http/booking-flow';
import { SCENARIOS, TYPED } from '../test/http/scenarios';
import { EchoBot, startEchoServer } from './echo-server';

const { values: flags } = parseArgs({
  options: {
    conversations: { type: 'string', default: '50' },
    turns: { type: 'string', default: '9' },
    rounds: { type: 'string', default: '3' },
    bookings: { type: 'string', default: '20' },
    'think-ms': { type: 'string', default: '500' },
  },
});
const CONVERSATIONS = positive(flags.conversations, 'conversations');
const TURNS = positive(flags.turns, 'turns');
const ROUNDS = positive(flags.rounds, 'rounds');
const BOOKINGS = positive(flags.bookings, 'bookings');
const THINK_MS = positive(flags['think-ms'], 'think-ms');
const CHANNEL = 'bench';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function positive(raw: string | undefined, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--${name} must be a positive whole number (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
}

// ── measuring ───────────────────────────────────────────────────────────

class Timings {
  readonly ms: number[] = [];
  async time<T>(work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.ms.push(performance.now() - start);
    }
  }
  percentile(p: number): number {
    if (this.ms.length === 0) return NaN;
    const sorted = [...this.ms].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }
  mean(): number {
    return this.ms.reduce((a, b) => a + b, 0) / this.ms.length;
  }
}

interface PhaseResult {
  turns: number;
  seconds: number;
  timings: Timings;
  failures: number;
}

type Run = (timings: Timings, round: number, index: number) => Promise<number>;

/**
 * Both bots, round by round in turn (echo, scoping, echo, …), so load from
 * anything else on the machine falls on both alike; each bot's time is the
 * sum of its own rounds.
 */
async function phases(runs: Run[]): Promise<PhaseResult[]> {
  const results = runs.map(() => ({ turns: 0, seconds: 0, timings: new Timings(), failures: 0 }));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [b, run] of runs.entries()) {
      const result = results[b];
      const started = performance.now();
      const settled = await Promise.allSettled(Array.from({ length: CONVERSATIONS }, (_v, i) => run(result.timings, round, i)));
      result.seconds += (performance.now() - started) / 1000;
      for (const r of settled) {
        if (r.status === 'fulfilled') result.turns += r.value;
        else {
          result.failures += 1;
          if (result.failures <= 3) process.stderr.write(`conversation failed: ${String(r.reason)}\n`);
        }
      }
    }
  }
  return results;
}

// ── scripted conversations ──────────────────────────────────────────────

/**
 * A scoping conversation of `TURNS` turns: welcome, start, then the
 * scenario's answers (clicks, typing or both, by conversation) to the
 * recommendation; past the recommendation it starts over and answers again.
 */
async function scopingConversation(baseUrl: string, agent: http.Agent, id: string, index: number, timings: Timings, thinkMs = 0): Promise<number> {
  const scenario = SCENARIOS[index % SCENARIOS.length];
  const style = (['click', 'type', 'mixed'] as const)[index % 3];
  const conversation = new Conversation(baseUrl, { id, channelId: CHANNEL, agent });
  if (thinkMs > 0) await pause(thinkMs * Math.random()); // arrivals spread out, not one burst
  let replies: Reply[] = await timings.time(() => conversation.join());
  let turns = 1;
  let answered = 0;
  while (turns < TURNS) {
    if (thinkMs > 0) await pause(thinkMs * (0.5 + Math.random()));
    const prompt = promptIn(replies);
    if (recommendationIn(replies) || !prompt) {
      replies = await timings.time(() => (recommendationIn(replies) ? conversation.submit({ action: 'restart' }) : conversation.start()));
    } else {
      const answer = scenario.answers[prompt.question];
      if (answer === undefined) throw new Error(`${id}: asked ${prompt.question}, which the script does not answer`);
      const click = style === 'click' || (style === 'mixed' && answered % 2 === 1);
      replies = await timings.time(() => (click ? conversation.click(prompt.question, answer) : conversation.say(TYPED[prompt.question][answer])));
      answered += 1;
    }
    turns += 1;
  }
  return turns;
}

async function echoConversation(baseUrl: string, agent: http.Agent, id: string, timings: Timings): Promise<number> {
  const conversation = new Conversation(baseUrl, { id, channelId: CHANNEL, agent });
  for (let turn = 0; turn < TURNS; turn += 1) {
    const replies = await timings.time(() => conversation.say(`message ${turn} of ${id}`));
    if (!replies[0]?.text?.startsWith('echo:')) throw new Error(`${id}: no echo`);
  }
  return TURNS;
}

// ── the run ─────────────────────────────────────────────────────────────

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const line = (label: string, value: string, target = '') => console.log(`  ${label.padEnd(34)} ${value.padEnd(22)} ${target}`);

async function main(): Promise<void> {
  const benchStart = performance.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-bench-'));
  const bookingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-bench-booking-'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONVERSATIONS * 2 });
  const logger = createLogger('silent');

  console.log(`Scoping bot benchmark: ${CONVERSATIONS} concurrent conversations × ${TURNS} turns × ${ROUNDS} rounds per bot`);
  console.log(`  node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), client in the same process\n`);

  const memoryBefore = process.memoryUsage();
  const scoping = await startServer(testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }), { logger });
  const echo = await startEchoServer(testConfig({ DATA_DIR: dataDir }), scoping.services.storage, logger);
  try {
    // Warm up both with one untimed full round each: the first burst on a cold
    // process (JIT, new sockets, SQLite pages) takes over a second and would
    // otherwise be the p99.
    const warm = new Timings();
    await Promise.all(Array.from({ length: CONVERSATIONS }, (_v, i) => echoConversation(echo.url, agent, `warm-echo-${i}`, warm)));
    await Promise.all(Array.from({ length: CONVERSATIONS }, (_v, i) => scopingConversation(scoping.url, agent, `warm-scoping-${i}`, i, warm)));

    const [echoResult, scopingResult] = await phases([
      (t, round, i) => echoConversation(echo.url, agent, `echo-${round}-${i}`, t),
      (t, round, i) => scopingConversation(scoping.url, agent, `scoping-${round}-${i}`, i, t),
    ]);
    // The same 50 conversations with people's pauses between messages: latency when the server is busy but not saturated.
    const pacedTimings = new Timings();
    const pacedStart = performance.now();
    const pacedTurns = await Promise.all(
      Array.from({ length: CONVERSATIONS }, (_v, i) => scopingConversation(scoping.url, agent, `paced-${i}`, i, pacedTimings, THINK_MS)),
    );
    const pacedSeconds = (performance.now() - pacedStart) / 1000;
    const memoryAfter = process.memoryUsage();

    // Stored state: the scoping conversations of the last round (each reached its recommendation or beyond).
    const sizes = await Promise.all(
      Array.from({ length: CONVERSATIONS }, (_v, i) => scoping.services.storage.sizeOf(ConversationStore.keyFor(CHANNEL, `scoping-${ROUNDS - 1}-${i}`))),
    );
    const echoSize = await scoping.services.storage.sizeOf(EchoBot.keyFor(CHANNEL, `echo-${ROUNDS - 1}-0`));
    const meanSize = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    const maxSize = Math.max(...sizes);

    const rate = (r: PhaseResult) => r.turns / r.seconds;
    const ratio = rate(scopingResult) / rate(echoResult);

    console.log('Throughput and latency (POST /api/messages, expectReplies, keep-alive)');
    for (const [name, r] of [
      ['echo bot', echoResult],
      ['scoping bot', scopingResult],
    ] as const) {
      line(`${name}: turns per second`, `${fmt(rate(r), 0)} (${r.turns} turns in ${fmt(r.seconds, 2)} s)`);
      line(`${name}: p50 / p99 latency`, `${fmt(r.timings.percentile(50), 2)} / ${fmt(r.timings.percentile(99), 2)} ms`);
      if (r.failures > 0) line(`${name}: failed conversations`, String(r.failures));
    }
    line('scoping / echo throughput', fmt(ratio, 2), `target ≥ 0.70: ${verdict(ratio >= 0.7)}`);
    console.log(`  (closed loop, no pauses: every conversation posts its next message the moment it has a reply, so`);
    console.log(`   latency ≈ ${CONVERSATIONS} in flight ÷ throughput; this is the saturation point, not a user's wait)`);

    console.log(`\nScoping bot, ${CONVERSATIONS} concurrent conversations with pauses (${THINK_MS / 2}–${(THINK_MS * 3) / 2} ms between messages)`);
    const pacedTotal = pacedTurns.reduce((a, b) => a + b, 0);
    line('offered load', `${fmt(pacedTotal / pacedSeconds, 0)} turns per second`);
    line('p50 / p99 latency', `${fmt(pacedTimings.percentile(50), 2)} / ${fmt(pacedTimings.percentile(99), 2)} ms`,
      `target p99 < 50 ms at 50 concurrent: ${verdict(pacedTimings.percentile(99) < 50)}`);

    console.log('\nState');
    line('persisted state per conversation', `${fmt(meanSize, 0)} B mean, ${maxSize} B max`, `target < 4 KB: ${verdict(maxSize < 4096)}`);
    line('echo record (for comparison)', `${echoSize} B`);

    console.log('\nMemory (whole process: servers and client)');
    line('heap used before → after', `${mb(memoryBefore.heapUsed)} → ${mb(memoryAfter.heapUsed)}`);
    line('RSS before → after', `${mb(memoryBefore.rss)} → ${mb(memoryAfter.rss)}`);
  } finally {
    await echo.stop();
    await scoping.stop();
  }

  console.log('\nIntent recogniser (measureRecogniser)');
  const recogniser = await measureRecogniser();
  line('train (start-up)', `${fmt(recogniser.trainMs, 0)} ms`, `target < 1 s: ${verdict(recogniser.trainMs < 1000)}`);
  line('per utterance', `${fmt(recogniser.perUtteranceMs, 3)} ms over ${recogniser.utterances}`, `target < 2 ms: ${verdict(recogniser.perUtteranceMs < 2)}`);

  await benchBooking(bookingDir, agent);

  agent.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(bookingDir, { recursive: true, force: true });
  console.log(`\nWhole bench: ${fmt((performance.now() - benchStart) / 1000, 1)} s`);
}

/**
 * The booking steps over HTTP, one conversation at a time so each figure is a
 * turn's own time: the clock is fixed on a Monday morning (slots exist), and
 * there are as many practitioners as bookings, so every pick can be confirmed.
 */
async function benchBooking(dataDir: string, agent: http.Agent): Promise<void> {
  const practitioners = Array.from({ length: BOOKINGS }, (_v, i) => `practitioner-${i + 1}`).join(',');
  const server = await startServer(
    testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', BOOKING_PRACTITIONERS: practitioners }),
    { clock: () => MONDAY, logger: createLogger('silent') },
  );
  const steps = { book: new Timings(), disclaimer: new Timings(), contact: new Timings(), slot: new Timings(), confirm: new Timings() };
  let confirmed = 0;
  try {
    const scenario = SCENARIOS.find((s) => s.expected.tier === 'hot')!;
    for (let n = 0; n < BOOKINGS; n += 1) {
      const conversation = new Conversation(server.url, { id: `booking-${n}`, channelId: CHANNEL, agent });
      await conversation.join();
      let replies = await conversation.start();
      while (!recommendationIn(replies)) {
        const prompt = promptIn(replies)!;
        replies = await conversation.click(prompt.question, scenario.answers[prompt.question]);
      }
      await steps.book.time(() => bookingSteps.book(conversation));
      await steps.disclaimer.time(() => bookingSteps.acceptDisclaimer(conversation));
      const slots = slotsIn(await steps.contact.time(() => bookingSteps.submitContact(conversation, n)));
      if (slots.length === 0) throw new Error(`booking-${n}: no slots offered`);
      await steps.slot.time(() => bookingSteps.pickSlot(conversation, slots[n % slots.length].id));
      const booking = bookingIn(await steps.confirm.time(() => bookingSteps.confirm(conversation)));
      if (booking?.status === 'confirmed') confirmed += 1;
    }
  } finally {
    await server.stop();
  }
  console.log(`\nBooking steps over HTTP (${BOOKINGS} conversations, one at a time; ${confirmed}/${BOOKINGS} confirmed)`);
  for (const [name, t] of [
    ['"Book a call" click', steps.book],
    ['disclaimer accept', steps.disclaimer],
    ['contact card submit (→ slots)', steps.contact],
    ['slot pick', steps.slot],
    ['confirm (books, → .ics link)', steps.confirm],
  ] as const) {
    line(name, `${fmt(t.mean(), 2)} ms mean, p50 ${fmt(t.percentile(50), 2)}, max ${fmt(Math.max(...t.ms), 2)}`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
