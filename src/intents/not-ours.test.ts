import { isSomeoneElsesBooking } from './not-ours';

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
