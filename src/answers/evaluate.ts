import fs from 'node:fs';
import path from 'node:path';
import { isAnswerValue, isQuestionId, QUESTION_ORDER, type QuestionId } from '../scoping/questions';
import { interpretAnswer } from './interpret';

/**
 * Scores the reader on a labelled set of typed answers, exactly as the bot
 * reads them: interpretAnswer(question, text), nothing else.
 *
 * The set is `question<TAB>value<TAB>text`; value `-` means "not an answer: must
 * not be recorded". Each line lands in one bucket:
 * - correct: the right value, recorded at once;
 * - confirmed: the right value, with a confirm line first (counts as correct);
 * - wrong: a wrong value recorded with no confirm line — the one never allowed;
 * - flagged: a wrong value, but confirmed first, so the visitor can change it;
 * - missed: not understood (the question is asked again); for a `-` line,
 *   anything not recorded and not routed as 'not-an-answer'.
 */

export const DEFAULT_ANSWERS_SET = path.resolve(__dirname, '../../../shared/eval/answers-dev.tsv');

export type LabelledAnswer = { question: QuestionId; expected: string | null; text: string };
export type Bucket = 'correct' | 'confirmed' | 'wrong' | 'flagged' | 'missed';
export type Tally = Record<Bucket, number> & { count: number; accuracy: number };
export type AnswersEvaluation = {
  overall: Tally;
  byQuestion: Record<QuestionId, Tally>;
  lines: { row: LabelledAnswer; bucket: Bucket; got: string }[];
};

export type ReadAnswersResult = { ok: true; rows: LabelledAnswer[] } | { ok: false; errors: string[] };

/** Reads the TSV; the header `question<TAB>value<TAB>text` is skipped, an unknown id or value is an error. */
export function readLabelledAnswers(file: string): ReadAnswersResult {
  const errors: string[] = [];
  const rows: LabelledAnswer[] = [];
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '' || (i === 0 && /^question\tvalue\ttext$/i.test(line.trim()))) return;
      const [question, value, ...rest] = line.split('\t');
      const text = rest.join('\t');
      if (!question || !value || text.trim() === '') return void errors.push(`${file}:${i + 1}: expected question<TAB>value<TAB>text`);
      if (!isQuestionId(question)) return void errors.push(`${file}:${i + 1}: unknown question ${question}`);
      if (value !== '-' && !isAnswerValue(question, value)) return void errors.push(`${file}:${i + 1}: ${value} is not a value of ${question}`);
      rows.push({ question, expected: value === '-' ? null : value, text });
    });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

export function evaluateAnswers(rows: readonly LabelledAnswer[]): AnswersEvaluation {
  const empty = (): Tally => ({ count: 0, correct: 0, confirmed: 0, wrong: 0, flagged: 0, missed: 0, accuracy: 1 });
  const overall = empty();
  const byQuestion = Object.fromEntries(QUESTION_ORDER.map((q) => [q, empty()])) as Record<QuestionId, Tally>;
  const lines: AnswersEvaluation['lines'] = [];
  for (const row of rows) {
    const reading = interpretAnswer(row.question, row.text);
    let bucket: Bucket;
    let got: string;
    if (reading.ok) {
      got = reading.check ? `${reading.value} (check: ${reading.check}, ${reading.confidence.toFixed(2)})` : `${reading.value} (${reading.confidence.toFixed(2)})`;
      const right = reading.value === row.expected;
      bucket = right ? (reading.check ? 'confirmed' : 'correct') : reading.check ? 'flagged' : 'wrong';
    } else {
      got = reading.reason;
      bucket = row.expected === null && reading.reason === 'not-an-answer' ? 'correct' : 'missed';
    }
    for (const tally of [overall, byQuestion[row.question]]) {
      tally.count += 1;
      tally[bucket] += 1;
    }
    lines.push({ row, bucket, got });
  }
  for (const tally of [overall, ...Object.values(byQuestion)]) {
    tally.accuracy = tally.count === 0 ? 1 : (tally.correct + tally.confirmed) / tally.count;
  }
  return { overall, byQuestion, lines };
}
