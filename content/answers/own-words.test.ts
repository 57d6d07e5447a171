import fs from 'node:fs';
import path from 'node:path';
import { loadAnswerExamples } from '../../src/answers/examples';
import { DEFAULT_ANSWERS_SET } from '../../src/answers/evaluate';

/**
 * The reader's examples are our own: the development set measures the reader
 * and must never be its training text. No example may be a line of the set
 * (compared without case, punctuation or spacing).
 */
const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9 ]/g, '').replace(/\s+/g, ' ').trim();

describe('content/answers', () => {
  const loaded = loadAnswerExamples();
  it('is valid', () => {
    expect(loaded).toMatchObject({ ok: true });
  });
  it('holds no line of the development set', () => {
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const dev = new Set(
      fs
        .readFileSync(DEFAULT_ANSWERS_SET, 'utf8')
        .split(/\r?\n/)
        .slice(1)
        .map((line) => plain(line.split('\t').slice(2).join('\t')))
        .filter(Boolean),
    );
    const { byQuestion, wholeMessages, notAnAnswer } = loaded.examples;
    const examples = [
      ...Object.values(byQuestion).flatMap((values) => Object.values<string[]>(values).flat()),
      ...Object.values(wholeMessages).flatMap((w) => [...w.ambiguous, ...w.unanswered]),
      ...notAnAnswer,
    ];
    expect(examples.length).toBeGreaterThan(500);
    expect(examples.filter((e) => dev.has(plain(e)))).toEqual([]);
  });
  it('names the file and field of a broken example', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'answers-content-'));
    for (const name of fs.readdirSync(path.resolve(__dirname))) {
      if (name.endsWith('.json')) fs.copyFileSync(path.resolve(__dirname, name), path.join(dir, name));
    }
    const broken = JSON.parse(fs.readFileSync(path.join(dir, 'sector.json'), 'utf8'));
    broken.examples.health = ['NHS'];
    fs.writeFileSync(path.join(dir, 'sector.json'), JSON.stringify(broken));
    expect(loadAnswerExamples(dir)).toEqual({ ok: false, errors: ['answers/sector.json: examples.health: needs at least 8 examples'] });
  });
});
