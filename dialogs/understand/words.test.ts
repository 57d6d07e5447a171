import { asksForHelp, hasNoWorkEmail, isLater, isSkip, mentionsReschedule, wantsAnotherDay, wantsChange, yesOrNo } from './words';

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

describe('contact steps', () => {
  it.each(['help', 'Help!', '?', 'why do you need this?', 'why do you need my email', "what's this for?", 'why?'])('"%s" asks for help', (text) => {
    expect(asksForHelp(text)).toBe(true);
  });
  it.each(['Tom Baker', 'Helpful Ltd', 'tom@example.com', 'Whyte & Sons'])('"%s" is an answer, not a request for help', (text) => {
    expect(asksForHelp(text)).toBe(false);
  });
  it.each(["I'm a sole trader, I don't have a company email", "we don't have work email addresses", 'I have no business email', "I'm self-employed"])(
    '"%s" has no work address',
    (text) => {
      expect(hasNoWorkEmail(text)).toBe(true);
    },
  );
  it.each(['tom@gmail.com', 'Baker Consulting', 'my work email is tom@baker.co.uk'])('"%s" says nothing about a work address', (text) => {
    expect(hasNoWorkEmail(text)).toBe(false);
  });
});

describe('Change on a confirm-back', () => {
  it.each(['change', 'Change it', "that's wrong", 'not quite'])('"%s" wants a change', (text) => expect(wantsChange(text)).toBe(true));
  it.each(['we changed sector', 'change my answer about the sector'])('"%s" is something else', (text) => expect(wantsChange(text)).toBe(false));
});
