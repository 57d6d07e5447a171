import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import bundled from '../../content/messages.json';

/**
 * The bot's wording, from content/messages.json. The file is read at start-up
 * so editors can change copy without a build; it must keep the shape of the
 * bundled file (every key present, every text non-empty), and a broken file
 * stops start-up with a message naming the file and the field.
 */

export type Messages = typeof bundled;

export const MESSAGES_FILE = path.resolve(__dirname, '../../content/messages.json');

function schemaLike(sample: unknown): z.ZodType {
  if (typeof sample === 'string') return z.string().trim().min(1, 'must be a non-empty text');
  if (sample && typeof sample === 'object') {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, value] of Object.entries(sample)) shape[key] = schemaLike(value);
    return z.object(shape);
  }
  return z.unknown();
}

const MessagesSchema = schemaLike(bundled);

export type LoadResult = { ok: true; messages: Messages } | { ok: false; errors: string[] };

export function loadMessages(file: string = MESSAGES_FILE): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, errors: [`${file}: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = MessagesSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => `${path.relative(process.cwd(), file)}: ${issue.path.join('.')}: ${issue.message}`),
    };
  }
  return { ok: true, messages: parsed.data as Messages };
}

/** Replaces `{name}` placeholders; unknown placeholders are left visible so a test can catch them. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * Content with the firm's name in place of `{firm}` in every text, done once at
 * start-up (`FIRM_NAME`), so copy names the firm where a person would.
 */
export function withFirmName<T>(content: T, firm: string): T {
  if (typeof content === 'string') return content.replace(/\{firm\}/g, firm) as T;
  if (Array.isArray(content)) return content.map((item) => withFirmName(item, firm)) as T;
  if (content && typeof content === 'object') {
    return Object.fromEntries(Object.entries(content).map(([key, value]) => [key, withFirmName(value, firm)])) as T;
  }
  return content;
}
