/**
 * Structured logs: one JSON object per line. Anything that looks like an email
 * address or a phone number is masked before it is written, whatever the caller
 * passed: the rule is "logs never contain contact details", not "callers remember".
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
// Digits with spaces, brackets or dashes; a run is a phone number only with 9 to 15 digits
// and not the shape of a date ("2026-11-30") or part of a longer id.
const PHONE = /(?<![\w:.-])\+?\(?\d[\d ()-]{7,}\d(?![\w:-])/g;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

function maskPhone(candidate: string): string {
  const digits = candidate.replace(/\D/g, '').length;
  return digits >= 9 && digits <= 15 && !DATE_LIKE.test(candidate) ? '[phone]' : candidate;
}

export function redact(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, maskPhone);
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const log = (at: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields = {}) => {
    if (RANK[at] < RANK[level]) return;
    const entry = { time: new Date().toISOString(), level: at, message, ...fields };
    write(`${redact(JSON.stringify(entry, errorReplacer))}\n`);
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
