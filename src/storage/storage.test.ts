import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend } from '../app/backend';
import { testConfig } from '../config/config';
import { BACKENDS } from '../../test/support/backends';
import { SqliteStorage } from './sqlite-storage';
import type { ConversationStorage } from './types';

/** botbuilder's Storage contract, with eTags that refuse a stale write, on every backend. */

for (const backend of BACKENDS) {
  describe(`conversation storage on ${backend.name}`, () => {
    let env: Record<string, string>;
    let storage: ConversationStorage;
    const open = async (): Promise<ConversationStorage> => {
      const opened = await openBackend(testConfig(env));
      const { storage: inner } = opened;
      return {
        read: (keys) => inner.read(keys),
        write: (changes) => inner.write(changes),
        delete: (keys) => inner.delete(keys),
        purgeOlderThan: (cutoff) => inner.purgeOlderThan(cutoff),
        scrub: () => inner.scrub(),
        sizeOf: (key) => inner.sizeOf(key),
        close: () => opened.close(),
      };
    };
    beforeEach(async () => {
      env = await backend.freshEnv();
      storage = await open();
    });
    afterEach(() => storage.close());

  it('reads back what was written, with an eTag', async () => {
    await storage.write({ a: { answer: 42, eTag: '*' } });
    const { a } = await storage.read(['a', 'missing']);
    expect(a).toMatchObject({ answer: 42 });
    expect(typeof a.eTag).toBe('string');
  });

  it('a write with the eTag it read succeeds once; the second, now stale, is refused', async () => {
    await storage.write({ a: { n: 1, eTag: '*' } });
    const { a } = await storage.read(['a']);
    await storage.write({ a: { n: 2, eTag: a.eTag } });
    await expect(storage.write({ a: { n: 3, eTag: a.eTag } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['a'])).a).toMatchObject({ n: 2 });
  });

  it('creating with an empty eTag is refused when someone created it meanwhile', async () => {
    await storage.write({ b: { n: 1, eTag: '' } });
    await expect(storage.write({ b: { n: 2, eTag: '' } })).rejects.toThrow(/eTag conflict/);
  });

  it('two handles on one store see each other\'s writes and conflicts (two processes or instances)', async () => {
    const other = await open();
    await storage.write({ c: { n: 1, eTag: '*' } });
    const mine = (await storage.read(['c'])).c;
    const theirs = (await other.read(['c'])).c;
    await other.write({ c: { n: 2, eTag: theirs.eTag } });
    await expect(storage.write({ c: { n: 3, eTag: mine.eTag } })).rejects.toThrow(/eTag conflict/);
    await other.close();
  });

  it('survives a reopen, and deletes', async () => {
    await storage.write({ d: { kept: true, eTag: '*' } });
    await storage.close();
    storage = await open();
    expect((await storage.read(['d'])).d).toMatchObject({ kept: true });
    await storage.delete(['d']);
    expect(await storage.read(['d'])).toEqual({});
  });

  it('purges items not written since a cutoff, keeping newer ones', async () => {
    await storage.write({ old: { n: 1, eTag: '*' }, fresh: { n: 2, eTag: '*' } });
    expect(await storage.purgeOlderThan(new Date(Date.now() - 60_000))).toBe(0);
    expect(await storage.purgeOlderThan(new Date(Date.now() + 60_000))).toBe(2);
    expect(await storage.read(['old', 'fresh'])).toEqual({});
  });

  it('several items are written all or none: one stale eTag refuses the whole write', async () => {
    await storage.write({ x: { n: 1, eTag: '*' }, y: { n: 1, eTag: '*' } });
    const { y } = await storage.read(['y']);
    await storage.write({ y: { n: 2, eTag: y.eTag } });
    await expect(storage.write({ x: { n: 9, eTag: '*' }, y: { n: 9, eTag: y.eTag } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.read(['x', 'y'])).toMatchObject({ x: { n: 1 }, y: { n: 2 } });
  });
  });
}

describe('erasure', () => {
  it('after an erased conversation is overwritten and scrubbed, its earlier state is nowhere in the file or its log', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-erase-'));
    const store = new SqliteStorage(path.join(dir, 'conversations.sqlite'));
    await store.write({ 'conversation/test/c1': { contact: { email: 'erased.person@example.org' }, eTag: '*' } });
    const bytes = () => Buffer.concat(fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)))).toString('latin1');
    expect(bytes()).toContain('erased.person@example.org');
    await store.write({ 'conversation/test/c1': { contact: {}, eTag: '*' } });
    await store.scrub();
    expect(bytes()).not.toContain('erased.person@example.org');
    expect(fs.statSync(path.join(dir, 'conversations.sqlite')).mode & 0o777).toBe(0o600);
    await store.close();
  });
});
