import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ANSWERS_SET, evaluateAnswers, readLabelledAnswers } from './evaluate';

/**
 * The development set of typed answers is for measuring, never training. The
 * floor sits a little under the figure measured when the reader last changed,
 * so a regression fails; a wrong value recorded without a confirm line fails
 * at once.
 */
const FLOOR = { accuracy: 0.97, silentWrongs: 0 };

describe('the answer reader on the development set', () => {
  it('stays above its floor and never records a wrong value without a confirm line', () => {
    const set = readLabelledAnswers(DEFAULT_ANSWERS_SET);
    if (!set.ok) throw new Error(set.errors.join('\n'));
    const result = evaluateAnswers(set.rows);
    expect(result.overall.count).toBeGreaterThan(200);
    expect(result.overall.wrong).toBe(FLOOR.silentWrongs);
    expect(result.overall.accuracy).toBeGreaterThanOrEqual(FLOOR.accuracy);
  });
});

describe('readLabelledAnswers', () => {
  const file = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'answers-')), 'set.tsv');
  it('skips the header, reads "-" as not an answer, and keeps tabs inside the text', () => {
    const f = file();
    fs.writeFileSync(f, 'question\tvalue\ttext\nsector\thealth\tNHS trust\nai_use\t-\tgo back\n');
    expect(readLabelledAnswers(f)).toEqual({
      ok: true,
      rows: [
        { question: 'sector', expected: 'health', text: 'NHS trust' },
        { question: 'ai_use', expected: null, text: 'go back' },
      ],
    });
  });
  it('names lines with an unknown question or value', () => {
    const f = file();
    fs.writeFileSync(f, 'question\tvalue\ttext\nsector\tbanking\ta bank\nweather\tyes\tsunny\n');
    expect(readLabelledAnswers(f)).toEqual({
      ok: false,
      errors: [`${f}:2: banking is not a value of sector`, `${f}:3: unknown question weather`],
    });
  });
});

describe('evaluateAnswers', () => {
  it('tells a right answer from a wrong one recorded silently, and counts "-" routed elsewhere as right', () => {
    const result = evaluateAnswers([
      { question: 'certification', expected: 'certified', text: '1' },
      { question: 'certification', expected: 'none', text: '1' },
      { question: 'certification', expected: null, text: 'what does 27001 cost?' },
      { question: 'certification', expected: 'none', text: '🤖' },
    ]);
    expect(result.byQuestion.certification).toMatchObject({ count: 4, correct: 2, wrong: 1, missed: 1, accuracy: 0.5 });
    expect(result.overall.count).toBe(4);
  });
});
