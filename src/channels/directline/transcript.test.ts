import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transcript } from './transcript';

/** The website channel's log: expiry sweeps in batches, erasure leaves no copy. */

let dir: string;
let transcript: Transcript;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-'));
  transcript = new Transcript(path.join(dir, 'directline.sqlite'), 50);
});
afterEach(() => transcript.close());

it('the sweep drops every expired conversation, a batch at a time, and keeps the live ones', async () => {
  for (let i = 0; i < 450; i += 1) {
    transcript.create(`old-${i}`, 'u', 1000);
    transcript.append(`old-${i}`, (seq) => ({ id: `old-${i}|${seq}`, type: 'message', text: 'hello' }));
  }
  transcript.create('live', 'u', 10_000);
  const swept = await transcript.sweep(5000, 200); // 200 + 200 + 50
  expect(swept).toBe(450);
  expect(transcript.find('old-7', 0)).toBeUndefined();
  expect(transcript.find('live', 5000)).toBeDefined();
  expect(await transcript.sweep(5000, 200)).toBe(0);
});

it('a batch that yields lets a queued callback run before the sweep ends', async () => {
  for (let i = 0; i < 3; i += 1) transcript.create(`old-${i}`, 'u', 1000);
  const order: string[] = [];
  const sweeping = transcript.sweep(5000, 1).then(() => order.push('sweep done'));
  setImmediate(() => order.push('other work'));
  await sweeping;
  expect(order).toEqual(['other work', 'sweep done']);
});

it('forgetting a conversation leaves none of its words in the file or its log', () => {
  transcript.create('c1', 'u', Date.now() + 60_000);
  transcript.append('c1', (seq) => ({ id: `c1|${seq}`, type: 'message', text: 'my email is grace.erased@example.org' }));
  const bytes = () => Buffer.concat(fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)))).toString('latin1');
  expect(bytes()).toContain('grace.erased@example.org');
  transcript.forget('c1');
  expect(bytes()).not.toContain('grace.erased@example.org');
});
