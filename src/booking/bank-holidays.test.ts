import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BankHolidayFileError, horizonWarnings, loadBankHolidays, parseBankHolidays, readBankHolidays } from './bank-holidays';

/**
 * The dated list in content/ is the source of truth; these rules recompute it
 * independently so a typo in the file (or a wrong Easter) fails here.
 */

/** Easter Sunday, anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const firstMonday = (y: number, m: number) => {
  const d = utc(y, m, 1);
  return plusDays(d, (8 - d.getUTCDay()) % 7);
};
const lastMonday = (y: number, m: number) => {
  const d = utc(y, m + 1, 0);
  return plusDays(d, -((d.getUTCDay() + 6) % 7));
};

/** England and Wales rules, with substitute days (Christmas and Boxing Day at a weekend move to the next free weekdays). */
function expectedHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const dates: Date[] = [];
  const newYear = utc(year, 1, 1);
  const nyDay = newYear.getUTCDay();
  dates.push(nyDay === 6 ? plusDays(newYear, 2) : nyDay === 0 ? plusDays(newYear, 1) : newYear);
  dates.push(plusDays(easter, -2), plusDays(easter, 1));
  dates.push(firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8));
  const christmas = utc(year, 12, 25);
  switch (christmas.getUTCDay()) {
    case 5: // Fri: Boxing Day (Sat) moves to Mon 28
      dates.push(christmas, utc(year, 12, 28));
      break;
    case 6: // Sat: both move, to Mon 27 and Tue 28
      dates.push(utc(year, 12, 27), utc(year, 12, 28));
      break;
    case 0: // Sun: Boxing Day on Mon 26, Christmas substitute Tue 27
      dates.push(utc(year, 12, 26), utc(year, 12, 27));
      break;
    default:
      dates.push(christmas, utc(year, 12, 26));
  }
  return dates.map(iso).sort();
}

describe('content/bank-holidays.json', () => {
  const file = readBankHolidays();

  it.each([
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
  ])('Easter %i is computed as %s', (year, sunday) => {
    expect(iso(easterSunday(year))).toBe(sunday);
  });

  it.each([2025, 2026, 2027, 2028])('%i matches the rules, Easter and substitute days included', (year) => {
    expect(file.holidays.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date)).toEqual(expectedHolidays(year));
  });

  it('names the substitute days the spec calls out', () => {
    const names = new Map(file.holidays.map((h) => [h.date, h.name]));
    expect(names.get('2026-12-28')).toMatch(/Boxing Day.*substitute/);
    expect(names.get('2027-12-27')).toMatch(/Christmas.*substitute/);
    expect(names.get('2027-12-28')).toMatch(/Boxing Day.*substitute/);
    expect(names.get('2026-04-03')).toBe('Good Friday');
  });
});

describe('loading', () => {
  const write = (json: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
    const p = path.join(dir, 'bank-holidays.json');
    fs.writeFileSync(p, typeof json === 'string' ? json : JSON.stringify(json));
    return p;
  };

  it('a bad entry throws, naming the file and the field', () => {
    const p = write({ division: 'england-and-wales', holidays: [{ date: '2026-01-01', name: 'New Year' }, { date: '2026-02-30', name: 'x' }] });
    expect(() => readBankHolidays(p)).toThrow(BankHolidayFileError);
    expect(() => readBankHolidays(p)).toThrow(p);
    expect(() => readBankHolidays(p)).toThrow('holidays[1].date: is not a real calendar date');
  });

  it('a missing name, a duplicate and broken JSON are each reported', () => {
    expect(() => parseBankHolidays({ division: 'england-and-wales', holidays: [{ date: '2026-01-01' }] }, 'f.json')).toThrow(
      'holidays[0].name',
    );
    const dup = { date: '2026-01-01', name: 'New Year' };
    expect(() => parseBankHolidays({ division: 'england-and-wales', holidays: [dup, dup] }, 'f.json')).toThrow('duplicate date');
    expect(() => readBankHolidays(write('{ nope'))).toThrow('is not valid JSON');
  });

  it('a year inside the horizon with no entries is a warning, not an error', () => {
    const p = write({ division: 'england-and-wales', holidays: [{ date: '2028-12-25', name: 'Christmas Day' }] });
    const { holidays, warnings } = loadBankHolidays({ file: p, now: new Date('2028-12-20T12:00:00Z'), horizonDays: 21, timeZone: 'Europe/London' });
    expect(holidays.dates.has('2028-12-25')).toBe(true);
    expect(warnings).toEqual([expect.stringContaining('2029')]);
  });

  it('the shipped file covers the horizon from today’s defaults in 2026', () => {
    expect(horizonWarnings(readBankHolidays(), { now: new Date('2026-11-30T12:00:00Z'), horizonDays: 21, timeZone: 'Europe/London' })).toEqual([]);
  });
});
