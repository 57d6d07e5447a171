import { dayInWords, slotInWords } from './dates';

describe('dates in words', () => {
  it.each([
    ['2026-12-03', 'Thursday 3 December'],
    ['2027-01-01', 'Friday 1 January'],
    ['2026-03-29', 'Sunday 29 March'],
  ])('the day %s reads "%s", whatever the process time zone', (iso, words) => {
    expect(dayInWords(iso)).toBe(words);
  });

  it.each([
    // Winter: London is UTC.
    ['2026-12-03T09:00:00.000Z', '2026-12-03T09:30:00.000Z', 'Europe/London', 'Thursday 3 December, 09:00–09:30'],
    // Summer: London is UTC+1.
    ['2026-06-04T08:00:00.000Z', '2026-06-04T08:30:00.000Z', 'Europe/London', 'Thursday 4 June, 09:00–09:30'],
    // The visitor's own zone can be on another day.
    ['2026-12-03T09:00:00.000Z', '2026-12-03T09:30:00.000Z', 'Pacific/Auckland', 'Thursday 3 December, 22:00–22:30'],
    ['2026-12-03T23:30:00.000Z', '2026-12-04T00:00:00.000Z', 'Asia/Tokyo', 'Friday 4 December, 08:30–09:00'],
  ])('the slot %s–%s in %s reads "%s"', (start, end, zone, words) => {
    expect(slotInWords({ start, end }, zone)).toBe(words);
  });
});
