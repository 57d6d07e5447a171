import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QUESTION_ORDER, QUESTION_VALUES } from '../scoping/questions';
import { DEFAULT_QUESTIONS_FILE, loadQuestionContent, MAX_LABEL_LENGTH } from './question-content';

const good = JSON.parse(fs.readFileSync(DEFAULT_QUESTIONS_FILE, 'utf8'));

function withFile(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'questions-'));
  const file = path.join(dir, 'questions.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
const clone = () => JSON.parse(JSON.stringify(good));

describe('content/questions.json', () => {
  const content = loadQuestionContent();

  it.each(QUESTION_ORDER)('%s has a prompt, help, a re-ask and a choice per value in QUESTION_VALUES order', (question) => {
    const copy = content[question];
    expect(copy.prompt.length).toBeGreaterThan(0);
    expect(copy.help.length).toBeGreaterThan(0);
    expect(copy.reask.length).toBeGreaterThan(0);
    expect(Object.keys(copy.choices)).toEqual([...QUESTION_VALUES[question]]);
  });

  it('labels fit on a button', () => {
    for (const question of QUESTION_ORDER) {
      for (const choice of Object.values(content[question].choices) as { label: string }[]) {
        expect(choice.label.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
      }
    }
  });

  it('uses British spelling', () => {
    expect(JSON.stringify(good)).not.toMatch(/organiz|recogniz|behavior|favor\b|program\b/i);
  });
});

describe('loadQuestionContent rejects a bad file, naming the file and the field', () => {
  it('a missing choice', () => {
    const bad = clone();
    delete bad.sector.choices.technology;
    const file = withFile(bad);
    expect(() => loadQuestionContent(file)).toThrow(file);
    expect(() => loadQuestionContent(file)).toThrow(/sector\.choices\.technology/);
  });
  it('a label too long for a button', () => {
    const bad = clone();
    bad.certification.choices.none.label = 'No, and we are not planning to work towards it';
    expect(() => loadQuestionContent(withFile(bad))).toThrow(/certification\.choices\.none\.label: must be at most 30/);
  });
  it('choices out of order', () => {
    const bad = clone();
    bad.eu_exposure.choices = { no: bad.eu_exposure.choices.no, yes: bad.eu_exposure.choices.yes, unsure: bad.eu_exposure.choices.unsure };
    expect(() => loadQuestionContent(withFile(bad))).toThrow(/eu_exposure\.choices: choices must be in the order yes, no, unsure/);
  });
  it('an unknown value or question', () => {
    const bad = clone();
    bad.procurement.choices.maybe = { label: 'Maybe' };
    bad.budget = good.sector;
    expect(() => loadQuestionContent(withFile(bad))).toThrow(/procurement\.choices/);
    expect(() => loadQuestionContent(withFile(bad))).toThrow(/budget/);
  });
  it('an empty prompt and a missing re-ask', () => {
    const bad = clone();
    bad.ai_use.prompt = '  ';
    delete bad.ai_use.reask;
    expect(() => loadQuestionContent(withFile(bad))).toThrow(/ai_use\.prompt: must not be empty/);
    expect(() => loadQuestionContent(withFile(bad))).toThrow(/ai_use\.reask/);
  });
  it('a file that is not JSON, or not there', () => {
    const file = withFile('{ not json');
    expect(() => loadQuestionContent(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read`));
    expect(() => loadQuestionContent('/nonexistent/questions.json')).toThrow(/\/nonexistent\/questions\.json: cannot read/);
  });
});
