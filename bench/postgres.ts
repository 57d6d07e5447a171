/**
 * The PostgreSQL row of `npm run bench` (issue 13): scoping throughput of one
 * instance on SQLite against one on PostgreSQL, and two PostgreSQL instances
 * against one, measured side by side in the same run, min/median/max over
 * rounds. Real server processes over HTTP; a throwaway cluster started here.
 * Run alone: `npx tsx bench/postgres.ts`; or call `postgresBench()` from bench/run.ts.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startBot, stopAllBots, type BotProcess } from '../test/http/bot-process';
import { Conversation } from '../test/http/client';
import { postgresBinDir, startCluster, stopCluster } from '../test/support/postgres-cluster';
import { ANSWERS_IN_ORDER } from '../test/booking/fixtures';

export interface PostgresBenchResult {
  rounds: number;
  /** Turns per second, per round. */
  sqliteOne: number[];
  postgresOne: number[];
  postgresTwo: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mmm = (xs: number[]) => `${Math.min(...xs).toFixed(0)}/${median(xs).toFixed(0)}/${Math.max(...xs).toFixed(0)}`;

/** `conversations` visitors at once, each through welcome, the seven questions and the recommendation; spread over the instances. */
async function load(urls: string[], conversations: number, tag: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: conversations });
  const started = performance.now();
  let turns = 0;
  await Promise.all(
    Array.from({ length: conversations }, async (_v, i) => {
      const c = new Conversation(urls[i % urls.length], { id: `${tag}-${i}`, agent });
      await c.join();
      await c.start();
      turns += 2;
      for (const [question, answer] of ANSWERS_IN_ORDER) {
        await c.click(question, answer);
        turns += 1;
      }
    }),
  );
  agent.destroy();
  return turns / ((performance.now() - started) / 1000);
}

async function freshDatabase(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pg-'));

export async function postgresBench(options: { rounds?: number; conversations?: number; log?: (line: string) => void } = {}): Promise<PostgresBenchResult | null> {
  const rounds = options.rounds ?? 3;
  const conversations = options.conversations ?? 20;
  const log = options.log ?? ((line: string) => console.log(line));
  const bin = postgresBinDir();
  if (!bin) {
    log('PostgreSQL: not installed (apt-get install postgresql); row skipped.');
    return null;
  }
  const cluster = await startCluster(bin);
  const result: PostgresBenchResult = { rounds, sqliteOne: [], postgresOne: [], postgresTwo: [] };
  try {
    const env = (url: string) => ({ DATABASE_URL: url, DIRECTLINE_TOKEN_SECRET: 'bench-secret-0123456789abcdef0123456789', LOG_LEVEL: 'error' });
    const sqlite: BotProcess = await startBot(dir(), { LOG_LEVEL: 'error' });
    const url = await freshDatabase(cluster.url, 'bench');
    const [p1, p2] = await Promise.all([startBot(dir(), env(url)), startBot(dir(), env(url))]);
    await load([sqlite.url], 4, 'warm-s');
    await load([p1.url, p2.url], 4, 'warm-p');
    for (let round = 0; round < rounds; round += 1) {
      // Interleaved in each round, so machine load falls on all three alike.
      result.sqliteOne.push(await load([sqlite.url], conversations, `s1-${round}`));
      result.postgresOne.push(await load([p1.url], conversations, `p1-${round}`));
      result.postgresTwo.push(await load([p1.url, p2.url], conversations, `p2-${round}`));
    }
  } finally {
    await stopAllBots();
    stopCluster(cluster);
  }
  const ratio = (a: number[], b: number[]) => a.map((x, i) => x / b[i]);
  log(`PostgreSQL (${conversations} concurrent conversations, turns/s min/median/max over ${rounds} rounds)`);
  log(`  one instance, SQLite      ${mmm(result.sqliteOne)}`);
  log(`  one instance, PostgreSQL  ${mmm(result.postgresOne)}   ×${median(ratio(result.postgresOne, result.sqliteOne)).toFixed(2)} of SQLite`);
  log(`  two instances, PostgreSQL ${mmm(result.postgresTwo)}   ×${median(ratio(result.postgresTwo, result.postgresOne)).toFixed(2)} of one instance (${os.cpus().length} cores shared with the load generator)`);
  return result;
}

if (require.main === module) {
  postgresBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
