import { MAX_SUBMIT_BYTES, parseCardSubmit } from './card-submit';

/** Card submits as our own cards send them pass; anything else is refused at the door (issue 10, item 8). */

const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
};

it.each([
  ['a scoping choice', { question: 'ai_use', answer: 'active' }],
  ['a stale or odd answer (judged later, against the pending question)', { question: 'sector', answer: 'shipping' }],
  ['the disclaimer', { question: 'disclaimer', answer: 'accept' }],
  ['the confirm step', { question: 'confirm', answer: 'yes' }],
  ['a slot', { question: 'slot', answer: 'slot-20261202T0900Z' }],
  ['"later" with its cursor', { question: 'slot', action: 'later', after: 'slot-20261202T0900Z' }],
  ['the contact form (Adaptive Cards send the toggle as a string)', { question: 'contact', name: 'Ada', email: 'ada@acme.example', organisation: 'Acme', role: '', phone: '', consent: 'true' }],
  ['a welcome action', { action: 'start' }],
  ['a Teams submit, wrapped', { action: 'book', msteams: { type: 'messageBack' } }],
  ['a later card\'s yes/no question', { question: 'sure', answer: 'yes' }],
  ['a choice with a short hint riding along', { question: 'ai_use', answer: 'active', action: 'change' }],
  ['the contact form with a short hint', { question: 'contact', name: 'Ada', email: 'ada@gmail.example', organisation: 'Acme', consent: true, personalEmailOk: 'ada@gmail.example' }],
])('accepted: %s', (_what, value) => {
  expect(parseCardSubmit(value)).toMatchObject({ ok: true });
});

it.each([
  ['a 200 KB slot cursor', { question: 'slot', action: 'later', after: 'x'.repeat(200_000) }, /larger than|after/],
  ['a cursor that is not a slot id', { question: 'slot', action: 'later', after: 'slot-; DROP TABLE' }, /after/],
  ['an object as a name', { question: 'contact', name: { first: 'Ada' }, email: 'ada@acme.example', organisation: 'Acme', consent: true }, /name/],
  ['a list as an email', { question: 'contact', name: 'Ada', email: ['a@b.example'], organisation: 'Acme', consent: true }, /email/],
  ['a number as the consent', { question: 'contact', name: 'Ada', email: 'a@b.example', organisation: 'Acme', consent: 1 }, /consent/],
  ['a question id that is no id', { question: 'favourite colour; drop', answer: 'blue' }, /question/],
  ['a nested object riding along', { question: 'sure', answer: 'yes', extra: { deep: 'x' } }, /extra/],
  ['a long string riding along', { action: 'start', note: 'x'.repeat(1000) }, /note/],
  ['a value nested 6,000 deep', nested(6000), /nested more than/],
  ['a string', 'start', /not an object/],
  ['an array', [{ action: 'start' }], /not an object/],
])('refused: %s', (_what, value, reason) => {
  const result = parseCardSubmit(value);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(reason);
});

it('the Teams wrapper is dropped; everything else is kept as sent', () => {
  const result = parseCardSubmit({ question: 'ai_use', answer: 'none', msteams: { type: 'messageBack', displayText: 'None' } });
  expect(result).toEqual({ ok: true, data: { question: 'ai_use', answer: 'none' } });
  expect(MAX_SUBMIT_BYTES).toBe(4096);
});
