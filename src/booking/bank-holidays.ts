import fs from 'node:fs';
import path from 'node:path';
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { z } from 'zod';

/**
 * England and Wales bank holidays, a dated list in content/bank-holidays.json,
 * validated once at start-up. A broken file is a bug in the content and throws;
 * a year the booking horizon reaches but the file does not cover is a warning
 * (slots are still offered, but nobody has checked that year's holidays).
 */

export interface BankHoliday {
  date: string; // YYYY-MM-DD, a London calendar date
  name: string;
}

/** Bank holiday dates ('YYYY-MM-DD'), what slot generation needs. */
export type HolidaySet = ReadonlySet<string>;

export interface BankHolidays {
  holidays: BankHoliday[];
  dates: HolidaySet;
  /** Years present in the file. */
  years: ReadonlySet<number>;
}

export const DEFAULT_BANK_HOLIDAYS_FILE = path.resolve(__dirname, '../../content/bank-holidays.json');

const isRealDate = (value: string) => {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const HolidaySchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .refine(isRealDate, 'is not a real calendar date'),
  name: z.string().trim().min(1, 'must not be empty'),
});

const FileSchema = z
  .object({
    division: z.literal('england-and-wales'),
    source: z.string().optional(),
    holidays: z.array(HolidaySchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.holidays.forEach((h, i) => {
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `duplicate date ${h.date}` });
      seen.add(h.date);
    });
  });

export class BankHolidayFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid bank holiday file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BankHolidayFileError';
  }
}

/** Validates already-parsed JSON; `file` only names the source in errors. */
export function parseBankHolidays(json: unknown, file: string): BankHolidays {
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success) {
    throw new BankHolidayFileError(
      file,
      parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  const holidays = [...parsed.data.holidays].sort((a, b) => a.date.localeCompare(b.date));
  return {
    holidays,
    dates: new Set(holidays.map((h) => h.date)),
    years: new Set(holidays.map((h) => Number(h.date.slice(0, 4)))),
  };
}

export function readBankHolidays(file: string = DEFAULT_BANK_HOLIDAYS_FILE): BankHolidays {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new BankHolidayFileError(file, [`(file): cannot be read (${(error as Error).message})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BankHolidayFileError(file, [`(file): is not valid JSON (${(error as Error).message})`]);
  }
  return parseBankHolidays(json, file);
}

/**
 * Years the booking horizon touches that the file does not cover, as warnings.
 * Example: now 2028-12-20, horizon 21 days → the horizon reaches 2029-01-10,
 * and the file stops at 2028 → one warning naming 2029.
 */
export function horizonWarnings(
  holidays: BankHolidays,
  opts: { now: Date; horizonDays: number; timeZone: string },
): string[] {
  const first = new TZDate(opts.now, opts.timeZone);
  const last = addDays(first, opts.horizonDays);
  const warnings: string[] = [];
  for (let year = first.getFullYear(); year <= last.getFullYear(); year++) {
    if (!holidays.years.has(year)) {
      warnings.push(`bank holidays: no entries for ${year}, which is inside the booking horizon; slots that year ignore bank holidays`);
    }
  }
  return warnings;
}

/** Start-up: read and validate the file (throws when broken), and return the warnings for the horizon. */
export function loadBankHolidays(opts: {
  file?: string;
  now: Date;
  horizonDays: number;
  timeZone: string;
}): { holidays: BankHolidays; warnings: string[] } {
  const holidays = readBankHolidays(opts.file);
  return { holidays, warnings: horizonWarnings(holidays, opts) };
}

function formatPath(p: readonly PropertyKey[]): string {
  if (p.length === 0) return '(file)';
  return p.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}
