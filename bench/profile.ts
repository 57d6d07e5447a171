/**
 * `node --import tsx bench/profile.ts [--turns-per-bot 3600] [--out prof]`
 *
 * Where a scoping turn's CPU goes beyond the SQLite echo's: both bots run in
 * this process (the throughput section's conversations, 50 at a time), each
 * warmed up, then profiled with the inspector over the same number of turns.
 * Prints self time by package or source folder, scoping against echo, largest
 * difference first, and writes both profiles (open them in Chrome DevTools).
 */
import fs from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { testConfig } from '../src/config/config';
import { createLogger } from '../src/server/logger';
import { startServer } from '../src/server/app';
import { startEchoServer } from './echo-server';
import { echoConversation, scopingConversation } from './throughput';

const CONVERSATIONS = 50;
const TURNS = 9;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) by where the code lives: a package, a source folder, node's own modules, or a native frame. */
export function selfTimeByPlace(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const places = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const url = byId.get(id)?.callFrame.url ?? '';
    const fn = byId.get(id)?.callFrame.functionName || '(anonymous)';
    let place: string;
    if (!url) place = `native ${fn}`;
    else if (url.includes('node_modules/')) {
      const parts = url.split('node_modules/').pop()!.split('/');
      place = `package ${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
    } else if (url.startsWith('node:')) place = 'node';
    else {
      const parts = path.relative(path.resolve(__dirname, '..'), url.replace(/^file:\/\//, '')).split(path.sep);
      place = parts.slice(0, parts[0] === 'src' ? 2 : Math.min(2, parts.length - 1)).join('/');
    }
    places.set(place, (places.get(place) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return places;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'turns-per-bot': { type: 'string', default: '3600' }, out: { type: 'string', default: 'prof' } } });
  const rounds = Math.max(1, Math.round(Number(values['turns-per-bot']) / (CONVERSATIONS * TURNS)));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-profile-'));
  const logger = createLogger('silent');
  const scoping = await startServer(testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }), { logger });
  const echo = await startEchoServer(testConfig({ DATA_DIR: dataDir }), scoping.services.storage, logger);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONVERSATIONS * 2 });
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  const bots = {
    scoping: (id: string, i: number) => scopingConversation(scoping.url, agent, id, i, TURNS, []),
    echo: (id: string) => echoConversation(echo.url, agent, id, TURNS, []),
  };
  const places: Record<string, Map<string, number>> = {};
  try {
    fs.mkdirSync(values.out!, { recursive: true });
    for (const [name, run] of Object.entries(bots)) {
      const round = (label: string) => Promise.all(Array.from({ length: CONVERSATIONS }, (_v, i) => run(`${name}-${label}-${i}`, i)));
      for (let r = 0; r < 3; r += 1) await round(`warm${r}`);
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 100 });
      await post('Profiler.start');
      const cpu = process.cpuUsage();
      for (let r = 0; r < rounds; r += 1) await round(`r${r}`);
      const used = process.cpuUsage(cpu);
      const { profile } = await post<{ profile: Profile }>('Profiler.stop');
      fs.writeFileSync(path.join(values.out!, `${name}.cpuprofile`), JSON.stringify(profile));
      places[name] = selfTimeByPlace(profile);
      const turns = rounds * CONVERSATIONS * TURNS;
      console.log(`${name}: ${turns} turns, ${((used.user + used.system) / 1000 / turns).toFixed(2)} ms CPU per turn (client included)`);
    }
  } finally {
    session.disconnect();
    agent.destroy();
    await echo.stop();
    await scoping.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const all = new Set([...places.scoping.keys(), ...places.echo.keys()]);
  const rows = [...all].map((p) => [p, places.scoping.get(p) ?? 0, places.echo.get(p) ?? 0] as const).sort((a, b) => b[1] - b[2] - (a[1] - a[2]));
  console.log(`\n${'self time, ms'.padEnd(44)}${'scoping'.padStart(9)}${'echo'.padStart(9)}${'extra'.padStart(9)}`);
  for (const [place, s, e] of rows.slice(0, 30)) console.log(`${place.padEnd(44)}${s.toFixed(0).padStart(9)}${e.toFixed(0).padStart(9)}${(s - e).toFixed(0).padStart(9)}`);
  console.log(`\nprofiles: ${path.resolve(values.out!)}/{scoping,echo}.cpuprofile ("native dispatch" is the profiler itself)`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
