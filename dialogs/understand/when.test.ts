import { inWindow, parseDay, readWhen } from './when';

/**
 * Days and times as people type them, read with chrono-node as London wall-clock
 * values whatever the server's zone (test/dialogs/when-tz.test.ts re-runs this
 * file under other TZ values). "Now" is Monday 30 November 2026, 10:00 UTC.
 */

const NOW = new Date('2026-11-30T10:00:00.000Z');
const LONDON = 'Europe/London';

describe('a day', () => {
  it.each([
    ['Thursday', '2026-12-03'],
    ['can we do thurs?', '2026-12-03'],
    ['weds afternoon', '2026-12-02'],
    ['Monday', '2026-12-07'], // today is Monday: the next one
    ['next friday', '2026-12-11'], // chrono's reading: the Friday of next week (the slot list shows the date)
    ['this friday', '2026-12-04'],
    ['tomorrow', '2026-12-01'],
    ['12 March', '2027-03-12'], // already past this year: next year's
    ['the 2nd of December', '2026-12-02'],
    ['2 Dec', '2026-12-02'],
    ['2026-12-10', '2026-12-10'],
    ['31 February', null],
    ['whenever suits', null],
    ['the second one', null],
  ])('%s → %s', (text, date) => {
    expect(parseDay(text, NOW)).toBe(date);
  });

  it('reads the London date, whatever the instant: 23:30 UTC on a summer Sunday is already Monday in London', () => {
    expect(parseDay('tomorrow', new Date('2026-06-14T23:30:00.000Z'))).toBe('2026-06-16');
  });

  it('across the October clock change: Saturday 23:30 UTC is Sunday 00:30 in London (BST), so "tomorrow" is Monday', () => {
    expect(parseDay('tomorrow', new Date('2026-10-24T23:30:00.000Z'))).toBe('2026-10-26');
  });
});

describe('a window of slots', () => {
  it.each([
    ['thursday afternoon', { zone: LONDON, days: { from: '2026-12-03', to: '2026-12-03' }, minutes: { from: 720, to: 1080 } }],
    ['do you have anything thursday afternoon?', { zone: LONDON, days: { from: '2026-12-03', to: '2026-12-03' }, minutes: { from: 720, to: 1080 } }],
    ['2pm please', { zone: LONDON, minutes: { from: 840, to: 841 } }],
    ['anything after 3?', { zone: LONDON, minutes: { from: 900, to: 1440 } }],
    ['before 11am', { zone: LONDON, minutes: { from: 0, to: 660 } }],
    ['next week', { zone: LONDON, days: { from: '2026-12-07', to: '2026-12-13' } }],
    ['friday at 10:30', { zone: LONDON, days: { from: '2026-12-04', to: '2026-12-04' }, minutes: { from: 630, to: 631 } }],
    ['monday at 2', { zone: LONDON, days: { from: '2026-12-07', to: '2026-12-07' }, minutes: { from: 840, to: 841 } }],
    ['the 10am one', { zone: LONDON, minutes: { from: 600, to: 601 } }],
    ['tuesday morning', { zone: LONDON, days: { from: '2026-12-01', to: '2026-12-01' }, minutes: { from: 0, to: 720 } }],
  ])('%s', (text, window) => {
    expect(readWhen(text, NOW, LONDON)).toEqual(window);
  });

  it.each(['the second one', 'start over', 'yes', 'hello'])('"%s" names no time', (text) => {
    expect(readWhen(text, NOW, LONDON)).toBeNull();
  });

  it('"9am my time" is read on the visitor\'s clock when their zone is known, else on London\'s', () => {
    expect(readWhen('can we do something at 9am my time?', NOW, LONDON, 'America/New_York')).toEqual({ zone: 'America/New_York', minutes: { from: 540, to: 541 } });
    expect(readWhen('can we do something at 9am my time?', NOW, LONDON, null)).toEqual({ zone: LONDON, minutes: { from: 540, to: 541 } });
  });

  it('a slot is in a window on the window\'s own clock: 14:00 UTC is 09:00 in New York in December', () => {
    const window = { zone: 'America/New_York', minutes: { from: 540, to: 541 } };
    expect(inWindow('2026-12-03T14:00:00.000Z', window)).toBe(true);
    expect(inWindow('2026-12-03T09:00:00.000Z', window)).toBe(false);
  });

  it('London wall-clock across the March clock change: 13:00 UTC is 14:00 BST on 30 March 2027, 13:00 GMT on 26 March', () => {
    const twoPm = { zone: LONDON, minutes: { from: 840, to: 841 } };
    expect(inWindow('2027-03-30T13:00:00.000Z', twoPm)).toBe(true);
    expect(inWindow('2027-03-26T13:00:00.000Z', twoPm)).toBe(false);
    expect(inWindow('2027-03-26T14:00:00.000Z', twoPm)).toBe(true);
  });

  it('"thursday afternoon" leaves Thursday morning out', () => {
    const window = readWhen('thursday afternoon', NOW, LONDON)!;
    expect(inWindow('2026-12-03T10:00:00.000Z', window)).toBe(false);
    expect(inWindow('2026-12-03T14:30:00.000Z', window)).toBe(true);
    expect(inWindow('2026-12-04T14:30:00.000Z', window)).toBe(false);
  });
});
