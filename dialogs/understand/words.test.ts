import { isLater, isSkip, mentionsReschedule, wantsAnotherDay, yesOrNo } from './words';

describe('yes or no', () => {
  it.each([
    ['yes', 'yes'],
    ['Yes please', 'yes'],
    ['ok!', 'yes'],
    ['I agree', 'yes'],
    ['sure, go ahead', 'yes'],
    ['no', 'no'],
    ['No thanks.', 'no'],
    ['not now', 'no'],
    ["don't", 'no'],
    ['maybe', null],
    ['what does that mean?', null],
  ])('%s → %s', (text, expected) => {
    expect(yesOrNo(text)).toBe(expected);
  });
});

it.each([['skip', true], ['n/a', true], ['rather not', true], ['Ada', false], ['skipper@example.com', false]])('skip: %s → %s', (text, expected) => {
  expect(isSkip(text)).toBe(expected);
});

it.each([['later', true], ['anything later?', true], ['more times', true], ['Thursday', false]])('later: %s → %s', (text, expected) => {
  expect(isLater(text)).toBe(expected);
});

it.each([['another day', true], ['a different day please', true], ['today', false]])('another day: %s → %s', (text, expected) => {
  expect(wantsAnotherDay(text)).toBe(expected);
});

it.each([['can we move it to Thursday?', true], ['I need to reschedule', true], ['cancel my call', false]])('reschedule: %s → %s', (text, expected) => {
  expect(mentionsReschedule(text)).toBe(expected);
});
