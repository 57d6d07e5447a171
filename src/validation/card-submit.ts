import { z } from 'zod';
import { QUESTION_VALUES, type QuestionId } from '../scoping/questions';
import { CONTACT_FIELDS } from '../contact/contact';
import { checkJsonBounds, jsonBytes } from './json-bounds';

/**
 * What a card button or form may send back, one zod schema per question
 * (the data our own cards carry, booking.md and scoping.md "On the wire"). A
 * submit that fits none is refused before the turn, so nothing a client makes
 * up (a 200 KB slot cursor, an object where a name goes, a value nested
 * thousands deep) reaches the machine or the stored state.
 */

/** A card submit is a handful of short strings; 4 KB leaves room for a full contact form. */
export const MAX_SUBMIT_BYTES = 4096;
export const MAX_SUBMIT_DEPTH = 4;

const short = (max: number) => z.string().max(max);

/**
 * Keys a schema does not name may ride along (a card may carry a hint such as
 * `personalEmailOk`), but only as short scalars: nothing nested, nothing long.
 */
const Extra = z.union([short(200), z.boolean(), z.number(), z.null()]);

const scopingIds = Object.keys(QUESTION_VALUES) as [QuestionId, ...QuestionId[]];

/** A scoping question's choice. The value itself is checked against the pending question later (stale vs bad card). */
const ScopingAnswer = z.object({ question: z.enum(scopingIds), answer: short(200).optional(), action: short(40).optional() }).catchall(Extra);

const TwoWay = z.object({ question: z.enum(['disclaimer', 'confirm']), answer: short(40).optional() }).catchall(Extra);

/** Slot ids read `slot-20260330T0800Z`; "later" carries the last offered id as its cursor. */
const SLOT_ID = short(40).regex(/^slot-\d{8}T\d{4}Z$/, 'is not a slot id');
const SlotSubmit = z
  .object({
    question: z.literal('slot'),
    answer: short(40).optional(),
    action: z.enum(['later', 'day']).optional(),
    after: SLOT_ID.optional(),
  })
  .catchall(Extra);

/** Contact fields are text (or left empty); an object or a list where a name goes is refused. */
const contactField = z.union([short(500), z.null()]).optional();
const ContactSubmit = z
  .object({
    question: z.literal('contact'),
    ...Object.fromEntries(CONTACT_FIELDS.map((field) => [field, contactField])),
    consent: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
    field: short(40).optional(),
  })
  .catchall(Extra);

/** A question of a later card (a yes/no check, say): a plain id and a short answer; the turn judges it. */
const OtherQuestion = z
  .object({ question: short(40).regex(/^[a-z][a-z0-9_.-]*$/, 'is not a question id'), answer: short(200).optional() })
  .catchall(Extra);

const ActionSubmit = z.object({ action: short(40) }).catchall(Extra);

/** The schema a submit is judged by: its `question` picks one; without a question it is a button action. */
function schemaFor(data: Record<string, unknown>): z.ZodType | null {
  if (!('question' in data)) return ActionSubmit;
  const question = data.question;
  if (typeof question !== 'string') return null;
  if ((scopingIds as string[]).includes(question)) return ScopingAnswer;
  if (question === 'disclaimer' || question === 'confirm') return TwoWay;
  if (question === 'slot') return SlotSubmit;
  if (question === 'contact') return ContactSubmit;
  return OtherQuestion;
}

export type SubmitResult = { ok: true; data: Record<string, unknown> } | { ok: false; reason: string };

/**
 * A submit as the bot may act on it: size and depth first (cheap, and safe for
 * any input), then the schema of its question. Teams' `msteams` wrapper is
 * dropped; other extra keys pass only as short scalars.
 */
export function parseCardSubmit(value: unknown): SubmitResult {
  const bounds = checkJsonBounds(value, { maxDepth: MAX_SUBMIT_DEPTH, maxNodes: 200 });
  if (!bounds.ok) return { ok: false, reason: `card data ${bounds.reason}` };
  if (jsonBytes(value) > MAX_SUBMIT_BYTES) return { ok: false, reason: `card data is larger than ${MAX_SUBMIT_BYTES} bytes` };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'card data is not an object' };
  const { msteams: _teams, ...rest } = value as Record<string, unknown>;
  const schema = schemaFor(rest);
  if (!schema) return { ok: false, reason: 'card data question: must be a string' };
  const parsed = schema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `card data ${issue.path.join('.') || 'shape'}: ${issue.message}` };
  }
  return { ok: true, data: parsed.data as Record<string, unknown> };
}
