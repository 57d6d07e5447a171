import http from 'node:http';
import { testConfig } from '../src/config/config';
import { createLogger } from '../src/server/logger';
import { startServer } from '../src/server/app';
import { Conversation, postRaw } from '../test/http/client';
import { atMost, figure, note, percentile, section } from './report';

/**
 * Issue 12, goal 7: a website (Direct Line) turn against an /api/messages
 * turn of the same bot, same texts, same concurrency, in alternating rounds.
 * A Direct Line post answers once the turn has run and its replies are in the
 * transcript (what Web Chat waits for); an /api/messages turn answers with
 * its replies in the body (expectReplies).
 */

export interface DirectLineOptions {
  conversations: number;
  rounds: number;
  dataDir: string;
}

const TEXTS = ['hello', 'which standard do we need?', 'how long does certification take', 'what does it cost', 'do we need 27001?', 'thanks'];

async function timed(into: number[], work: () => Promise<{ status: number }>): Promise<void> {
  const start = performance.now();
  const { status } = await work();
  into.push(performance.now() - start);
  if (status >= 300) throw new Error(`HTTP ${status}`);
}

async function overApiMessages(url: string, agent: http.Agent, id: string, latencies: number[]): Promise<void> {
  // 'webchat': the website's rendering on both sides ('directline' itself is refused on /api/messages).
  const conversation = new Conversation(url, { id, channelId: 'webchat', agent });
  await conversation.join();
  for (const text of TEXTS) await timed(latencies, () => conversation.post({ type: 'message', text }));
}

async function overDirectLine(url: string, agent: http.Agent, latencies: number[]): Promise<void> {
  const issued = (await postRaw(url, {}, { path: '/api/directline/token', agent })).body as { token: string; conversationId: string };
  const headers = { authorization: `Bearer ${issued.token}` };
  await postRaw(url, {}, { path: '/v3/directline/conversations', headers, agent });
  const path = `/v3/directline/conversations/${encodeURIComponent(issued.conversationId)}/activities`;
  // The welcome turn runs after the start answers; wait for it (untimed), as /api/messages' join is awaited.
  for (;;) {
    const page = (await postRaw(url, '', { path, headers, agent, method: 'GET' })).body as { activities?: { from?: { role?: string } }[] };
    if (page.activities?.some((a) => a.from?.role === 'bot')) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  for (const text of TEXTS) await timed(latencies, () => postRaw(url, { type: 'message', text, from: { id: 'visitor' } }, { path, headers, agent }));
}

export async function benchDirectLine(options: DirectLineOptions): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.conversations * 4 });
  const tokens = String((options.rounds + 1) * options.conversations * 2);
  const server = await startServer(
    // Every conversation here comes from 127.0.0.1; the per-address limit on new conversations is for the public.
    testConfig({ DATA_DIR: options.dataDir, PORT: '0', HOST: '127.0.0.1', DIRECTLINE_TOKEN_RATE_LIMIT: tokens }),
    { logger: createLogger('silent') },
  );
  server.server.keepAliveTimeout = 120_000; // see throughput.ts
  const api: number[][] = [];
  const dl: number[][] = [];
  let failures = 0;
  const run = async (work: (i: number) => Promise<void>) => {
    const settled = await Promise.allSettled(Array.from({ length: options.conversations }, (_v, i) => work(i)));
    for (const r of settled) if (r.status === 'rejected' && (failures += 1) <= 3) process.stderr.write(`direct line bench: ${String(r.reason)}\n`);
  };
  try {
    await run((i) => overApiMessages(server.url, agent, `dl-warm-${i}`, []));
    await run(() => overDirectLine(server.url, agent, []));
    for (let r = 0; r < options.rounds; r += 1) {
      // Both channels at once, so whatever else the machine is doing falls on both alike.
      const a: number[] = [];
      const d: number[] = [];
      await Promise.all([run((i) => overApiMessages(server.url, agent, `dl-api-${r}-${i}`, a)), run(() => overDirectLine(server.url, agent, d))]);
      api.push(a);
      dl.push(d);
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
  section(`Direct Line (goal 7): ${options.conversations} website and ${options.conversations} /api/messages conversations at once × ${TEXTS.length} messages, ${options.rounds} rounds`);
  figure('/api/messages turn p50', api.map((l) => percentile(l, 50)), 'ms', { digits: 2 });
  figure('Direct Line turn p50', dl.map((l) => percentile(l, 50)), 'ms', { digits: 2 });
  figure('Direct Line turn p99', dl.map((l) => percentile(l, 99)), 'ms', { digits: 2 });
  figure('Direct Line ÷ /api/messages at p50', dl.map((l, r) => percentile(l, 50) / percentile(api[r], 50)), '×', { digits: 2, goal: atMost(1.2, '×') });
  if (failures > 0) note(`${failures} conversations FAILED`);
}
