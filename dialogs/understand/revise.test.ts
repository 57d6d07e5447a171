import { readRevise } from './revise';

/** Which answer a visitor wants to change, in their words. */

it.each([
  ['change my answer about the sector', { question: 'sector' }],
  ['can I change the first answer?', { position: 1 }],
  ['I want to correct my answer to question 3', { position: 3 }],
  ['can we change what I said about 27001?', { question: 'certification' }],
  ['update my answer on information security', { question: 'infosec_maturity' }],
  ['change the last answer', { position: 'last' }],
  ['I need to change an answer', { unspecified: true }],
])('%s', (text, target) => {
  expect(readRevise(text)).toEqual(target);
});

it.each(['we changed sector last year', 'the second one', 'change the time of my call', 'start over', 'what does the answer depend on'])(
  '"%s" is not a request to change an answer',
  (text) => {
    expect(readRevise(text)).toBeNull();
  },
);
