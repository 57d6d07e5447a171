import type { z } from 'zod';

export type StoredRowError = Error & { table: string };

/** Parses a stored row; a row that does not match is corruption, so it throws with the table named. */
export function parseRow<T>(schema: z.ZodType<T>, row: unknown, table: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw Object.assign(new Error(`Stored ${table} row is invalid: ${detail}`), { table });
  }
  return parsed.data;
}
