import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { QUESTION_ORDER, QUESTION_VALUES, type AnswerValue, type QuestionId } from '../scoping/questions';

/**
 * The example answers the reader is trained on (content/answers/<question>.json)
 * and the examples of messages that are not answers at all
 * (content/answers/not-an-answer.json). A new phrasing is a new line of data.
 * Checked with zod at start-up; a broken file stops the bot with its name.
 */

export const DEFAULT_ANSWERS_DIR = path.resolve(__dirname, '../../content/answers');
export const NOT_AN_ANSWER_FILE = 'not-an-answer.json';
/** Fewer examples than this for one value cannot teach a classifier anything. */
export const MIN_EXAMPLES_PER_VALUE = 8;

const example = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

function questionSchema(question: QuestionId) {
  const values = QUESTION_VALUES[question] as readonly string[];
  return z.strictObject({
    question: z.literal(question),
    /** Whole messages that could mean more than one value ("yes" to "how do you use AI?"): the question is asked again with its choices. */
    ambiguous: z.array(example).default([]),
    /** Whole messages that answer nothing for this question ("no" to "how would you rate …?"). */
    unanswered: z.array(example).default([]),
    examples: z.strictObject(
      Object.fromEntries(values.map((value) => [value, z.array(example).min(MIN_EXAMPLES_PER_VALUE, `needs at least ${MIN_EXAMPLES_PER_VALUE} examples`)])),
    ),
  });
}

const NotAnAnswerSchema = z.strictObject({ examples: z.array(example).min(MIN_EXAMPLES_PER_VALUE) });

export type WholeMessages = { ambiguous: string[]; unanswered: string[] };
export type AnswerExamples = {
  byQuestion: { [Q in QuestionId]: Record<AnswerValue<Q>, string[]> };
  wholeMessages: Record<QuestionId, WholeMessages>;
  notAnAnswer: string[];
};
export type LoadExamplesResult = { ok: true; examples: AnswerExamples } | { ok: false; errors: string[] };

function readJson(file: string, errors: string[]): unknown {
  if (!fs.existsSync(file)) {
    errors.push(`${path.basename(path.dirname(file))}/${path.basename(file)}: file is missing`);
    return undefined;
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    errors.push(`${path.basename(file)}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

function collect(file: string, result: z.ZodSafeParseResult<unknown>, errors: string[]): void {
  if (result.success) return;
  for (const issue of result.error.issues) errors.push(`answers/${path.basename(file)}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
}

export function loadAnswerExamples(dir: string = DEFAULT_ANSWERS_DIR): LoadExamplesResult {
  const errors: string[] = [];
  const byQuestion: Record<string, Record<string, string[]>> = {};
  const wholeMessages: Record<string, WholeMessages> = {};
  for (const question of QUESTION_ORDER) {
    const file = path.join(dir, `${question}.json`);
    const raw = readJson(file, errors);
    if (raw === undefined) continue;
    const parsed = questionSchema(question).safeParse(raw);
    collect(file, parsed, errors);
    if (parsed.success) {
      byQuestion[question] = parsed.data.examples as Record<string, string[]>;
      wholeMessages[question] = { ambiguous: parsed.data.ambiguous, unanswered: parsed.data.unanswered };
    }
  }
  const notFile = path.join(dir, NOT_AN_ANSWER_FILE);
  const rawNot = readJson(notFile, errors);
  const parsedNot = rawNot === undefined ? undefined : NotAnAnswerSchema.safeParse(rawNot);
  if (parsedNot) collect(notFile, parsedNot, errors);
  if (errors.length > 0 || !parsedNot?.success) return { ok: false, errors };
  return {
    ok: true,
    examples: {
      byQuestion: byQuestion as AnswerExamples['byQuestion'],
      wholeMessages: wholeMessages as AnswerExamples['wholeMessages'],
      notAnAnswer: parsedNot.data.examples,
    },
  };
}
