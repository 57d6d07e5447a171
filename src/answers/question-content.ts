import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { QUESTION_ORDER, QUESTION_VALUES, type AnswerValue, type QuestionId } from '../scoping/questions';

/**
 * The copy for each scoping question (content/questions.json), checked once at
 * start-up. Ids and values come from src/scoping/questions.ts; this file only
 * holds words.
 */

export const DEFAULT_QUESTIONS_FILE = path.join(__dirname, '..', '..', 'content', 'questions.json');

/** Longest label that still fits on a button. */
export const MAX_LABEL_LENGTH = 30;

export interface ChoiceCopy {
  label: string;
  hint?: string;
}

export interface QuestionCopy<Q extends QuestionId = QuestionId> {
  prompt: string;
  help: string;
  /** One entry per value, in the order of QUESTION_VALUES[Q]. */
  choices: { [V in AnswerValue<Q>]: ChoiceCopy };
  reask: string;
}

export type QuestionContent = { [Q in QuestionId]: QuestionCopy<Q> };

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const ChoiceSchema = z.strictObject({
  label: text(MAX_LABEL_LENGTH),
  hint: text(120).optional(),
});

function questionSchema(question: QuestionId) {
  const values = QUESTION_VALUES[question] as readonly string[];
  // The order is checked on the raw object: zod's output follows the schema's order.
  const choices = z
    .unknown()
    .superRefine((given, ctx) => {
      if (given === null || typeof given !== 'object') return;
      const order = Object.keys(given);
      if (order.join(',') !== values.join(',') && [...order].sort().join(',') === [...values].sort().join(',')) {
        ctx.addIssue({ code: 'custom', message: `choices must be in the order ${values.join(', ')}` });
      }
    })
    .pipe(z.strictObject(Object.fromEntries(values.map((value) => [value, ChoiceSchema]))));
  return z.strictObject({
    prompt: text(120),
    help: text(300),
    choices,
    reask: text(120),
  });
}

const ContentSchema = z.strictObject(
  Object.fromEntries(QUESTION_ORDER.map((question) => [question, questionSchema(question)])) as Record<
    QuestionId,
    ReturnType<typeof questionSchema>
  >,
);

/**
 * Reads and validates the question copy. Throws one Error listing every
 * problem as `<file>: <field path>: <message>`, e.g.
 * "content/questions.json: sector.choices.health.label: must be at most 30 characters".
 */
export function loadQuestionContent(file: string = DEFAULT_QUESTIONS_FILE): QuestionContent {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read question content: ${(error as Error).message}`);
  }
  return parseQuestionContent(raw, file);
}

/** Validates already-parsed content; `source` names it in errors. */
export function parseQuestionContent(raw: unknown, source = 'question content'): QuestionContent {
  const result = ContentSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.') || '(root)';
      return `${source}: ${field}: ${issue.message}`;
    });
    throw new Error(problems.join('\n'));
  }
  return result.data as unknown as QuestionContent;
}
