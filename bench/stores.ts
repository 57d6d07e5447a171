import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readBankHolidays } from '../src/booking/bank-holidays';
import { BookingService } from '../src/booking/service';
import { openBackend } from '../src/app/backend';
import { LeadService } from '../src/leads/service';
import { SqliteOutbox } from '../src/outbox/sqlite';
import { MAX_PENDING, OutboxWorker } from '../src/outbox/worker';
import { Transcript } from '../src/channels/directline/transcript';
import { testConfig } from '../src/config/config';
import { assess } from '../src/scoping/recommendation';
import { ANSWERS } from '../test/booking/fixtures';
import { atMost, figure, median, note, section, under } from './report';

/**
 * Issue 12, goals 2 and 3: cost that must not grow with stored data. Seeds a
 * records store with `seed` leads, each holding a past booking (as a year of
 * business leaves them), through the BookingService API, then times
 * registering a lead, offering slots and confirming one against an empty
 * store and against the seeded one, in alternating rounds; `npm run leads --
 * list` end to end on the seeded folder; the Direct Line transcript sweep of
 * `seed` expired conversations (the longest the event loop is held); and the
 * Teams brief outbox after `seed` briefs with no practitioners' channel.
 *
 * Written against today's store APIs and kept to this file, so the storage
 * split only has to adapt it here.
 */

const ROOT = path.resolve(__dirname, '..');
/** The clock for every measured call: a Monday morning with free slots ahead. */
const NOW = new Date('2026-12-07T09:00:00.000Z');
/** Seeded bookings start here and run forward, all before NOW. */
const SEED_FROM = new Date('2026-04-06T08:00:00.000Z');
const PRACTITIONERS = Array.from({ length: 10 }, (_v, i) => `p${i + 1}`).join(',');
const ASSESSMENT = assess(ANSWERS);

/**
 * The store APIs this section uses, and the only code here that touches
 * them: when the stores change shape, adapt `open` and nothing else.
 */
interface StoresUnderTest {
  /** A new lead (consented contact, answers, assessment) from its own conversation; its id. */
  register(conversationId: string): Promise<string>;
  offer(now: Date, limit?: number): Promise<{ id: string }[]>;
  confirm(leadId: string, slotId: string, now: Date): Promise<boolean>;
  close(): Promise<void>;
}

async function open(dataDir: string): Promise<StoresUnderTest> {
  const config = testConfig({ DATA_DIR: dataDir, BOOKING_PRACTITIONERS: PRACTITIONERS });
  const backend = await openBackend(config);
  const service = new BookingService({ config, records: backend.records, holidays: readBankHolidays().dates, clock: () => NOW });
  const leads = new LeadService({ config, records: backend.records, clock: () => NOW });
  return {
    register: async (conversationId) => {
      const n = conversationId.replace(/\D/g, '');
      const registered = await leads.registerLead({
        conversationId,
        channelId: 'webchat',
        contact: { name: `Visitor ${n}`, email: `visitor${n}@example.org`, organisation: `Organisation ${n} Ltd`, role: 'CTO', phone: '+44 20 7946 0000' },
        consent: { givenAt: NOW, noticeVersion: '2026-01' },
        answers: ANSWERS,
        assessment: ASSESSMENT,
      });
      return registered.leadId;
    },
    offer: async (now, limit) => service.offerSlots({ now, limit }),
    confirm: async (leadId, slotId, now) => (await service.confirm({ leadId, slotId, now })).ok,
    close: () => backend.close(),
  };
}

let registered = 0;
const register = (stores: StoresUnderTest) => stores.register(`bench-conversation-${(registered += 1)}`);

/** `count` leads, each with a confirmed booking before NOW. */
async function seed(stores: StoresUnderTest, count: number): Promise<void> {
  let cursor = SEED_FROM;
  let booked = 0;
  let lead = await register(stores);
  while (booked < count) {
    const offers = await stores.offer(cursor, 10);
    if (offers.length === 0) {
      cursor = new Date(cursor.getTime() + 7 * 86_400_000);
      if (cursor >= NOW) throw new Error(`seeding ran past ${NOW.toISOString()} after ${booked} bookings`);
      continue;
    }
    for (const offer of offers) {
      // Every practitioner may take the slot: fill it, then the next.
      while (booked < count && (await stores.confirm(lead, offer.id, cursor))) {
        booked += 1;
        if (booked < count) lead = await register(stores);
      }
    }
  }
}

interface OpTimes {
  register: number[];
  offer: number[];
  confirm: number[];
}

const noTimes = (): OpTimes => ({ register: [], offer: [], confirm: [] });

/** One register → offer → confirm on `stores`, each step's time added to `into`. */
async function oneOfEach(stores: StoresUnderTest, into: OpTimes): Promise<void> {
  let start = performance.now();
  const lead = await register(stores);
  into.register.push(performance.now() - start);
  start = performance.now();
  const offers = await stores.offer(NOW);
  into.offer.push(performance.now() - start);
  if (offers.length === 0) throw new Error('no slots to offer at NOW');
  start = performance.now();
  const confirmed = await stores.confirm(lead, offers[0].id, NOW);
  into.confirm.push(performance.now() - start);
  if (!confirmed) throw new Error('confirm failed');
}

/**
 * `ops` of each operation on both stores, interleaved one by one (who goes
 * first alternates), so a busy moment on the machine falls on both alike.
 * Both stores take the same bookings at NOW, so the slots offered stay equal.
 */
async function timeSideBySide(empty: StoresUnderTest, seeded: StoresUnderTest, ops: number): Promise<{ empty: OpTimes; seeded: OpTimes }> {
  const times = { empty: noTimes(), seeded: noTimes() };
  for (let i = 0; i < ops; i += 1) {
    if (i % 2 === 0) {
      await oneOfEach(empty, times.empty);
      await oneOfEach(seeded, times.seeded);
    } else {
      await oneOfEach(seeded, times.seeded);
      await oneOfEach(empty, times.empty);
    }
  }
  return times;
}

const { ensureBuilt } = require('../scripts/build.js') as { ensureBuilt(): boolean };

function leadsList(dataDir: string): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['scripts/start.js', 'scripts/leads', 'list'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`leads list failed (${run.status}): ${run.stderr}`);
  return performance.now() - start;
}

/** The longest the event loop was held while `work` ran (sync or async). */
async function longestBlock(work: () => unknown): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 5));
  await work();
  await new Promise((resolve) => setTimeout(resolve, 5));
  histogram.disable();
  return histogram.max / 1e6;
}

async function sweepRound(count: number): Promise<{ blockedMs: number; swept: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-bench-sweep-'));
  try {
    const transcript = new Transcript(path.join(dir, 'directline.sqlite'), 50);
    const expired = NOW.getTime() - 60_000;
    for (let i = 0; i < count; i += 1) {
      await transcript.create(`expired-${i}`, `dl_user${i}`, expired);
      await transcript.append(`expired-${i}`, (seq) => ({ type: 'message', id: `expired-${i}|${seq}`, text: 'hello' }));
    }
    let swept = 0;
    const blockedMs = await longestBlock(async () => {
      swept = await transcript.sweep(NOW.getTime());
    });
    await transcript.close();
    return { blockedMs, swept };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function outboxAfter(count: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-bench-outbox-'));
  try {
    // Briefs queued while no practitioners' channel exists: each pass prunes to the cap (and drops expired ones).
    const store = new SqliteOutbox(SqliteOutbox.fileIn(dir));
    for (let i = 0; i < count; i += 1) {
      const at = new Date(NOW.getTime() + i * 1000);
      await store.enqueue({ topic: 'teams.brief', key: `lead-${i}`, payload: { leadId: `lead-${i}` }, now: at, expiresAt: new Date(at.getTime() + 86_400_000) });
    }
    await new OutboxWorker(store, 'teams.brief', () => NOW).drain(async () => ({ kind: 'failed', failure: 'no-destination' }));
    const pending = await store.pending('teams.brief');
    await store.close();
    return pending;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStores(options: { seed: number; ops: number; rounds: number }): Promise<void> {
  const seededDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-bench-seeded-'));
  const roundDirs: string[] = [];
  try {
    const seedStart = performance.now();
    const seeded = await open(seededDir);
    await seed(seeded, options.seed);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    await seeded.close();

    const ratios = noTimes();
    const emptyMedians = noTimes();
    for (let r = 0; r < options.rounds; r += 1) {
      // A fresh copy of the seeded folder and a fresh empty one each round: the
      // bookings one round makes at NOW never crowd the next round's offers.
      const roundSeededDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-bench-seeded-round-'));
      const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-bench-empty-'));
      roundDirs.push(roundSeededDir, emptyDir);
      fs.cpSync(seededDir, roundSeededDir, { recursive: true });
      const onSeededStores = await open(roundSeededDir);
      const onEmptyStores = await open(emptyDir);
      // Untimed: the first calls on a just-opened file (statements, pages) favour neither.
      await timeSideBySide(onEmptyStores, onSeededStores, 5);
      const times = await timeSideBySide(onEmptyStores, onSeededStores, options.ops);
      await onEmptyStores.close();
      await onSeededStores.close();
      for (const op of ['register', 'offer', 'confirm'] as const) {
        ratios[op].push(median(times.seeded[op]) / median(times.empty[op]));
        emptyMedians[op].push(median(times.empty[op]));
      }
    }

    section(
      `Stored data (goals 2 and 3): ${options.seed.toLocaleString('en-GB')} leads and ${options.seed.toLocaleString('en-GB')} bookings against an empty store, ${options.ops} of each operation per round, ${options.rounds} rounds`,
      `seeding through BookingService took ${seedSeconds.toFixed(1)} s (not counted)`,
    );
    figure('register a lead, empty store (median)', emptyMedians.register, 'ms', { digits: 3 });
    figure('offer slots, empty store (median)', emptyMedians.offer, 'ms', { digits: 3 });
    figure('confirm a slot, empty store (median)', emptyMedians.confirm, 'ms', { digits: 3 });
    figure(`register at ${options.seed.toLocaleString('en-GB')} ÷ empty`, ratios.register, '×', { digits: 2, goal: atMost(1.1, '×') });
    figure(`offer at ${options.seed.toLocaleString('en-GB')} ÷ empty`, ratios.offer, '×', { digits: 2, goal: atMost(1.1, '×') });
    figure(`confirm at ${options.seed.toLocaleString('en-GB')} ÷ empty`, ratios.confirm, '×', { digits: 2, goal: atMost(1.1, '×') });

    ensureBuilt(); // a stale dist/ is rebuilt first, untimed, as npm start would
    const list: number[] = [];
    for (let r = 0; r < options.rounds; r += 1) list.push(leadsList(seededDir));
    figure(`npm run leads -- list at ${options.seed.toLocaleString('en-GB')} leads, end to end`, list, 'ms', { digits: 0, goal: under(1000, ' ms') });

    const sweeps: number[] = [];
    for (let r = 0; r < options.rounds; r += 1) {
      const { blockedMs, swept } = await sweepRound(options.seed);
      if (swept !== options.seed) note(`sweep round ${r + 1} removed ${swept} of ${options.seed} expired conversations`);
      sweeps.push(blockedMs);
    }
    figure(`transcript sweep of ${options.seed.toLocaleString('en-GB')} expired: longest event-loop block`, sweeps, 'ms', { digits: 0, goal: atMost(20, ' ms') });

    // Twice the cap, so the figure shows the cap holding rather than the count queued.
    const queued = Math.max(options.seed, 2 * MAX_PENDING);
    const pending = await outboxAfter(queued);
    figure(`Teams outbox rows after ${queued.toLocaleString('en-GB')} briefs, no channel`, [pending], '', { digits: 0, goal: atMost(MAX_PENDING, ` (the cap)`) });
  } finally {
    fs.rmSync(seededDir, { recursive: true, force: true });
    for (const dir of roundDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}
