import { isNotOurs, isSomeoneElsesBooking } from './not-ours';

/** Booking requests for things we don't book are not our call. */

it.each([
  ['book me a table for two at 7', true],
  ['can you get me a taxi to the station', true],
  ['book a hotel room for Tuesday', true],
  ['book a call', false],
  ['can I book a consultation for our table of AI risks', false],
  ['get me a call with a consultant', false],
  ['I just want to book a call with someone please', false],
])('%s → %s', (text, theirs) => {
  expect(isSomeoneElsesBooking(text)).toBe(theirs);
});

it.each([
  ['cmd.cancel-booking', 'cancel my gym membership', true],
  ['cmd.restart', 'restart my laptop', true],
  ['cmd.back', 'how do I go back a page in chrome', true],
  ['cmd.cancel-booking', 'cancel my booking', false],
  ['cmd.restart', 'start the questions again', false],
  ['faq.cost', 'how much is a laptop', false], // only commands are checked: questions have their own out-of-scope phrases
] as const)('%s "%s" is not ours: %s', (intent, text, theirs) => {
  expect(isNotOurs(intent, text)).toBe(theirs);
});
