import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CHAT_IDS, COMMAND_IDS, FAQ_IDS, INTENT_IDS, isAddedFaqId, isIntentId, SPEC_FAQ_IDS } from './ids';
import type { ChatId, CommandId, FaqId, IntentId } from './ids';

/**
 * Curated intent content (content/faq/*.json, content/intents/*.json), checked
 * once at load. Every problem is reported at once, each naming file and field:
 * "content/faq/timeline.json: answer: must be at most 120 words (got 134)".
 */

export const MAX_ANSWER_WORDS = 120;
export const MIN_PHRASES = 12;
const OUT_OF_SCOPE_FILE = 'out-of-scope.json';
export const DEFAULT_CONTENT_DIR = path.resolve(__dirname, '../../content');

/** Commands and chat intents whose reply the bot takes from content. */
const REPLY_REQUIRED: readonly (CommandId | ChatId)[] = ['cmd.help', 'cmd.human', 'cmd.privacy', ...CHAT_IDS];
const REQUIRED_PLACEHOLDERS: Partial<Record<CommandId | ChatId, string[]>> = {
  'cmd.privacy': ['{privacyNoticeUrl}', '{retentionDays}'],
};
/** The last sentence of an answer must offer one of these next steps. */
const NEXT_STEP = /scoping questions|scoping call|book|carry on|another question|ask me/i;

const wordCount = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;
const text = z.string().trim().min(1, { error: 'must not be empty' });
const phrases = z.array(text).min(MIN_PHRASES, {
  error: (issue) => `must have at least ${MIN_PHRASES} phrases (got ${(issue.input as unknown[]).length})`,
});
const answer = text.refine((value) => wordCount(value) <= MAX_ANSWER_WORDS, {
  error: (issue) => `must be at most ${MAX_ANSWER_WORDS} words (got ${wordCount(String(issue.input))})`,
});

const FaqSchema = z.strictObject({
  id: z.enum(FAQ_IDS),
  /** For ids added beyond intents.md: the contract id this one narrows (required for them, absent otherwise). */
  refines: z.enum(SPEC_FAQ_IDS).optional(),
  label: text,
  section: text,
  answer,
  /** Where a fact the firm's article lacks comes from: a primary source, named (the regulation's text, ISO's catalogue). */
  sources: z.array(text).min(1).optional(),
  followUps: z.array(z.enum(INTENT_IDS as [IntentId, ...IntentId[]])).min(1).max(2),
  phrases,
});

const IntentSchema = z.strictObject({
  id: z.enum([...COMMAND_IDS, ...CHAT_IDS]),
  label: text,
  reply: answer.optional(),
  phrases,
});

const OutOfScopeSchema = z.strictObject({
  id: z.literal('none'),
  canHelpWith: answer,
  didYouMean: text.refine((value) => value.includes('{suggestions}'), { error: 'must contain {suggestions}' }),
  handoff: answer,
  phrases,
});

export type FaqEntry = z.infer<typeof FaqSchema>;
export type IntentEntry = z.infer<typeof IntentSchema>;
export type OutOfScopeContent = z.infer<typeof OutOfScopeSchema>;
export type IntentContent = {
  faq: Record<FaqId, FaqEntry>;
  intents: Record<CommandId | ChatId, IntentEntry>;
  outOfScope: OutOfScopeContent;
};
export type LoadResult = { ok: true; content: IntentContent } | { ok: false; errors: string[] };

/** Lowercased, punctuation stripped, spaces collapsed: two phrases equal here are the same phrase. */
export function normalisePhrase(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

type Loaded<T> = { file: string; data: T };

/**
 * Reads and checks every JSON file of one folder. Ids of files that failed their
 * checks go into `attempted`, so a broken file is not also reported as missing.
 */
function readJsonFiles<T>(
  dir: string,
  sub: string,
  schemaFor: (name: string) => z.ZodType<T>,
  errors: string[],
  attempted: Set<string>,
): Loaded<T>[] {
  const folder = path.join(dir, sub);
  if (!fs.existsSync(folder)) {
    errors.push(`${path.join(path.basename(dir), sub)}: folder is missing`);
    return [];
  }
  const loaded: Loaded<T>[] = [];
  for (const name of fs.readdirSync(folder).filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(path.basename(dir), sub, name);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'));
    } catch (error) {
      errors.push(`${file}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const rawId = (raw as { id?: unknown } | null)?.id;
    if (typeof rawId === 'string') attempted.add(rawId);
    const parsed = schemaFor(name).safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      continue;
    }
    loaded.push({ file, data: parsed.data });
  }
  return loaded;
}

function checkFileName(file: string, expected: string, errors: string[]): void {
  if (path.basename(file) !== expected) errors.push(`${file}: id: file should be named ${expected}`);
}

function lastSentence(value: string): string {
  const sentences = value.split(/(?<=[.?!])\s+/).filter(Boolean);
  return sentences[sentences.length - 1] ?? '';
}

export function loadIntentContent(dir: string = DEFAULT_CONTENT_DIR): LoadResult {
  const errors: string[] = [];
  const attempted = new Set<string>();
  const faqs = readJsonFiles(dir, 'faq', () => FaqSchema, errors, attempted);
  const others = readJsonFiles<IntentEntry | OutOfScopeContent>(
    dir,
    'intents',
    (name) => (name === OUT_OF_SCOPE_FILE ? OutOfScopeSchema : IntentSchema),
    errors,
    attempted,
  );
  const intents = others.filter((f): f is Loaded<IntentEntry> => f.data.id !== 'none');
  const outOfScope = others.find((f): f is Loaded<OutOfScopeContent> => f.data.id === 'none');

  const seenIds = new Map<string, string>();
  for (const { file, data } of [...faqs, ...intents]) {
    const earlier = seenIds.get(data.id);
    if (earlier) errors.push(`${file}: id: ${data.id} is already defined in ${earlier}`);
    seenIds.set(data.id, file);
  }
  for (const id of INTENT_IDS) {
    if (!attempted.has(id)) errors.push(`${path.basename(dir)}: ${id}: no content file for this intent`);
  }
  if (!attempted.has('none')) errors.push(`${path.join(path.basename(dir), 'intents', OUT_OF_SCOPE_FILE)}: file is missing`);

  for (const { file, data } of faqs) {
    checkFileName(file, `${data.id.replace(/^faq\./, '')}.json`, errors);
    if (!NEXT_STEP.test(lastSentence(data.answer))) errors.push(`${file}: answer: must end by offering a next step`);
    if (isAddedFaqId(data.id) && !data.refines) errors.push(`${file}: refines: required for ${data.id}, which is not an id of intents.md`);
    if (!isAddedFaqId(data.id) && data.refines) errors.push(`${file}: refines: only for ids added beyond intents.md`);
    data.followUps.forEach((id, i) => {
      if (id === data.id) errors.push(`${file}: followUps.${i}: must not suggest the same intent`);
    });
  }
  for (const { file, data } of intents) {
    checkFileName(file, `${data.id}.json`, errors);
    if (REPLY_REQUIRED.includes(data.id) && !data.reply) errors.push(`${file}: reply: required for ${data.id}`);
    for (const placeholder of REQUIRED_PLACEHOLDERS[data.id] ?? []) {
      if (!data.reply?.includes(placeholder)) errors.push(`${file}: reply: must contain ${placeholder}`);
    }
  }

  // A phrase taught to two classes (or twice to one) makes the recogniser guess.
  const owners = new Map<string, string>();
  const all = [...faqs, ...intents, ...(outOfScope ? [outOfScope] : [])];
  for (const { file, data } of all) {
    data.phrases.forEach((phrase, i) => {
      const key = normalisePhrase(phrase);
      const owner = owners.get(key);
      if (owner) errors.push(`${file}: phrases.${i}: "${phrase}" is also a phrase of ${owner}`);
      else owners.set(key, data.id);
    });
  }

  if (errors.length > 0 || !outOfScope) return { ok: false, errors };
  return {
    ok: true,
    content: {
      faq: Object.fromEntries(faqs.map((f) => [f.data.id, f.data])) as Record<FaqId, FaqEntry>,
      intents: Object.fromEntries(intents.map((f) => [f.data.id, f.data])) as Record<CommandId | ChatId, IntentEntry>,
      outOfScope: outOfScope.data,
    },
  };
}

/** Training phrases per intent, in the order of intents.md. */
export function phrasesByIntent(content: IntentContent): { intent: IntentId; phrases: string[] }[] {
  return INTENT_IDS.map((intent) => ({
    intent,
    phrases: isFaqIntent(intent) ? content.faq[intent].phrases : content.intents[intent as CommandId | ChatId].phrases,
  }));
}

/** The id of intents.md an intent stands for: itself, or the one an added FAQ refines. */
export function contractOf(content: IntentContent, intent: IntentId): IntentId {
  return isFaqIntent(intent) ? (content.faq[intent].refines ?? intent) : intent;
}

/** The short label shown in "did you mean …?". */
export function labelOf(content: IntentContent, intent: IntentId): string {
  return isFaqIntent(intent) ? content.faq[intent].label : content.intents[intent as CommandId | ChatId].label;
}

function isFaqIntent(intent: IntentId): intent is FaqId {
  return isIntentId(intent) && intent.startsWith('faq.');
}
