import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPool, migrate, type Pool } from '../../db/postgres';
import { BACKENDS } from '../../../test/support/backends';
import { Transcript } from './transcript';
import { PostgresActivityNotifier, PostgresTranscript } from './transcript-postgres';
import type { TranscriptStore } from './transcript-store';

/** The website channel's log on every backend: sequences, watermarks, expiry sweeps in batches. */

for (const backend of BACKENDS) {
  describe(`website transcript on ${backend.name}`, () => {
    let transcript: TranscriptStore;
    let pool: Pool | null = null;
    let env: Record<string, string>;
    beforeEach(async () => {
      env = await backend.freshEnv();
      if (env.DATABASE_URL) {
        pool = createPool(env.DATABASE_URL, 8);
        await migrate(pool);
        transcript = new PostgresTranscript(pool, 50);
      } else {
        transcript = new Transcript(path.join(env.DATA_DIR, 'directline.sqlite'), 50);
      }
    });
    afterEach(async () => {
      await transcript.close();
      await pool?.end();
      pool = null;
    });

    it('appends at once from many writers get every sequence once, and a reader from a watermark misses none', async () => {
      await transcript.create('c1', 'u', Date.now() + 60_000);
      const logged = await Promise.all(Array.from({ length: 20 }, (_v, i) => transcript.append('c1', (seq) => ({ id: `c1|${seq}`, type: 'message', text: `m${i}` }))));
      expect(logged.map((l) => l.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_v, i) => i + 1));
      const page = await transcript.since('c1', 5);
      expect(page.activities.map((a) => a.seq)).toEqual(Array.from({ length: 15 }, (_v, i) => i + 6));
      expect(page.watermark).toBe(20);
      expect(await transcript.since('c1', 20)).toEqual({ activities: [], watermark: 20 });
      expect((await transcript.findActivity('c1', 'c1|7'))?.id).toBe('c1|7');
    });

    it('the sweep drops every expired conversation, a batch at a time, and keeps the live ones', async () => {
      for (let i = 0; i < 45; i += 1) {
        await transcript.create(`old-${i}`, 'u', 1000);
        await transcript.append(`old-${i}`, (seq) => ({ id: `old-${i}|${seq}`, type: 'message', text: 'hello' }));
      }
      await transcript.create('live', 'u', 10_000);
      expect(await transcript.sweep(5000, 20)).toBe(45); // 20 + 20 + 5
      expect(await transcript.find('old-7', 0)).toBeUndefined();
      expect(await transcript.find('live', 5000)).toBeDefined();
      expect(await transcript.sweep(5000, 20)).toBe(0);
    });

    if (backend.name === 'postgres') {
      it('an append on one instance notifies another with the conversation id only', async () => {
        const notifier = new PostgresActivityNotifier(env.DATABASE_URL);
        const heard: string[] = [];
        let woke: () => void = () => undefined;
        const wokeUp = new Promise<void>((resolve) => (woke = resolve));
        await notifier.listen((id) => {
          heard.push(id);
          woke();
        });
        await transcript.create('c2', 'u', Date.now() + 60_000);
        await transcript.append('c2', (seq) => ({ id: `c2|${seq}`, type: 'message', text: 'secret words' }));
        await wokeUp;
        await notifier.close();
        expect(heard).toEqual(['c2']);
      });
    }
  });
}

describe('website transcript on sqlite: yielding and erasure', () => {
  let dir: string;
  let transcript: Transcript;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-'));
    transcript = new Transcript(path.join(dir, 'directline.sqlite'), 50);
  });
  afterEach(() => transcript.close());

  it('a batch that yields lets a queued callback run before the sweep ends', async () => {
    for (let i = 0; i < 3; i += 1) await transcript.create(`old-${i}`, 'u', 1000);
    const order: string[] = [];
    const sweeping = transcript.sweep(5000, 1).then(() => order.push('sweep done'));
    setImmediate(() => order.push('other work'));
    await sweeping;
    expect(order).toEqual(['other work', 'sweep done']);
  });

  it('forgetting a conversation leaves none of its words in the file or its log', async () => {
    await transcript.create('c1', 'u', Date.now() + 60_000);
    await transcript.append('c1', (seq) => ({ id: `c1|${seq}`, type: 'message', text: 'my email is grace.erased@example.org' }));
    const bytes = () => Buffer.concat(fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)))).toString('latin1');
    expect(bytes()).toContain('grace.erased@example.org');
    await transcript.forget('c1');
    expect(bytes()).not.toContain('grace.erased@example.org');
  });
});
