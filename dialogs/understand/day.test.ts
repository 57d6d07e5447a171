import { parseDay } from './day';

/** Days as people name them, as London dates. "Now" is Monday 30 November 2026, 10:00 UTC. */

const NOW = new Date('2026-11-30T10:00:00.000Z');

it.each([
  ['Thursday', '2026-12-03'],
  ['can we do thurs?', '2026-12-03'],
  ['weds afternoon', '2026-12-02'],
  ['Monday', '2026-12-07'], // today is Monday: the next one
  ['next friday', '2026-12-04'],
  ['tomorrow', '2026-12-01'],
  ['12 March', '2027-03-12'], // already past this year: next year's
  ['the 2nd of December', null], // "2nd of" is not a form we read; better to ask again than guess
  ['2 Dec', '2026-12-02'],
  ['2026-12-10', '2026-12-10'],
  ['31 February', null],
  ['whenever suits', null],
])('%s → %s', (text, date) => {
  expect(parseDay(text, NOW)).toBe(date);
});

it('reads the London date, whatever the instant: 23:30 UTC on a summer Sunday is already Monday in London', () => {
  expect(parseDay('tomorrow', new Date('2026-06-14T23:30:00.000Z'))).toBe('2026-06-16');
});
