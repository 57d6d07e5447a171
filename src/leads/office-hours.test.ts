import { testConfig } from '../config/config';
import { inOfficeHours, officeHoursText } from './office-hours';

/** Office hours from the booking settings, in London whatever the process zone (checked under TZ=UTC, Asia/Kolkata and America/Los_Angeles). */

const hours = testConfig().booking; // Mon–Fri, 09:00–17:00, Europe/London

it.each([
  ['Monday 09:00 London in winter (09:00Z)', '2026-11-30T09:00:00.000Z', true],
  ['Monday 08:59 London', '2026-11-30T08:59:00.000Z', false],
  ['Monday 16:59 London', '2026-11-30T16:59:00.000Z', true],
  ['Monday 17:00 London: closed', '2026-11-30T17:00:00.000Z', false],
  ['Saturday noon', '2026-12-05T12:00:00.000Z', false],
  ['a summer Monday 08:30Z is 09:30 BST: open', '2026-06-01T08:30:00.000Z', true],
  ['a summer Monday 16:30Z is 17:30 BST: closed', '2026-06-01T16:30:00.000Z', false],
])('%s', (_name, instant, open) => {
  expect(inOfficeHours(hours, new Date(instant))).toBe(open);
});

it('says the hours in words: a run of days as a range, other days listed', () => {
  expect(officeHoursText(hours)).toBe('Monday to Friday, 09:00 to 17:00');
  expect(officeHoursText({ ...hours, workingDays: ['mon', 'wed', 'fri'], dayStart: '10:00' })).toBe('Monday, Wednesday, Friday, 10:00 to 17:00');
});
