import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadIntentContent, type IntentContent } from './content';
import { folderModelCache, modelKey } from './model-cache';
import { createRecogniser } from './recogniser';

/**
 * A saved model must read every text exactly as the freshly trained one does,
 * and a change to the content must never load the old model.
 */

let content: IntentContent;
let dir: string;

beforeAll(() => {
  const loaded = loadIntentContent();
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  content = loaded.content;
});
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intent-models-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const texts = [
  'how long does certifcation take',
  'whats teh diffrence between 42k1 and 27k1',
  'I want to book the call',
  'please delete my data',
  'what is the weather in leeds',
  'we already hold 27001, do we need 42001 too',
  'thanks very much',
  'who audits this',
];

describe('the intent model cache', () => {
  it('saves a model on the first start and a later start loads it and reads every text the same', async () => {
    const trained = await createRecogniser(content, { models: folderModelCache({ readFrom: [dir], writeTo: dir }) });
    const saved = fs.readdirSync(dir);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatch(/^intents-[0-9a-f]{32}\.json$/);

    // A cache that only reads, and whose file would fail training if it were ignored: the model must come from the file.
    const reads: string[] = [];
    const cache = folderModelCache({ readFrom: [dir] });
    const loaded = await createRecogniser(content, { models: { read: (key) => (reads.push(key), cache.read(key)), write: () => { throw new Error('a loaded model is not written again'); } } });
    expect(reads).toEqual([saved[0].replace(/\.json$/, '')]);
    for (const text of texts) expect(await loaded.recognise(text)).toEqual(await trained.recognise(text));
  });

  it('trains again when the content changed, under a new name, never loading the old model', async () => {
    const cache = folderModelCache({ readFrom: [dir], writeTo: dir });
    await createRecogniser(content, { models: cache });
    const changed: IntentContent = { ...content, outOfScope: { ...content.outOfScope, phrases: [...content.outOfScope.phrases, 'recommend a good pizza place'] } };
    await createRecogniser(changed, { models: cache });
    expect(fs.readdirSync(dir)).toHaveLength(2);
  });

  it('treats an unreadable model file as missing and trains', async () => {
    const cache = folderModelCache({ readFrom: [dir], writeTo: dir });
    await createRecogniser(content, { models: cache });
    const [file] = fs.readdirSync(dir);
    fs.writeFileSync(path.join(dir, file), '{ half written');
    const recogniser = await createRecogniser(content, { models: cache });
    expect((await recogniser.recognise('I want to book the call')).intent).toBe('cmd.book-call');
    expect(() => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))).not.toThrow();
  });

  it('names a model by what it was trained from', () => {
    expect(modelKey('intents', { a: 1 })).toBe(modelKey('intents', { a: 1 }));
    expect(modelKey('intents', { a: 1 })).not.toBe(modelKey('intents', { a: 2 }));
  });
});
