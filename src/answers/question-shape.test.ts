import { looksLikeQuestion } from './question-shape';

/**
 * A side question and an answer often share their words. For every question
 * id: [an answer to it, a question that looks like it].
 */
const pairs: [question: string, answer: string, sideQuestion: string][] = [
  ['ai_use', "we don't use AI", 'do we need to use AI?'],
  ['ai_use', 'we trial Copilot', 'does Copilot count as AI?'],
  ['certification', "we don't have 27001", 'do we need 27001?'],
  ['certification', 'working towards it', 'how long does 27001 take'],
  ['infosec_maturity', 'not sure', 'what counts as reasonable?'],
  ['infosec_maturity', 'pretty weak', 'is weak security a problem for 42001'],
  ['ai_materiality', 'not really', 'what do you mean by rely on AI?'],
  ['ai_materiality', 'it supports important processes', 'why does it matter how much we use AI'],
  ['sector', 'NHS trust', 'are NHS trusts regulated by the ICO?'],
  ['sector', 'a district council', 'can councils get 42001 certified'],
  ['eu_exposure', "we're not in the EU", 'does the EU AI Act apply to UK companies?'],
  ['eu_exposure', 'UK only', 'what is the EU AI Act'],
  ['procurement', 'only security questionnaires', 'should we answer AI questions in tenders?'],
  ['procurement', 'no', 'which tenders ask about AI governance'],
];

describe('looksLikeQuestion', () => {
  it.each(pairs)('%s: "%s" is an answer', (_q, answer) => expect(looksLikeQuestion(answer)).toBe(false));
  it.each(pairs)('%s: "%s" is a question', (_q, _a, question) => expect(looksLikeQuestion(question)).toBe(true));

  it.each([
    'do we need 27001?',
    'how long does it take',
    'what is ISO 47001',
    "what's the difference between 42001 and 27001",
    'Can you explain the EU AI Act?',
    'tell me about ISO 42001',
    'is 27001 enough',
    'we need both?? really, for a small firm?',
  ])('"%s" is a question', (text) => expect(looksLikeQuestion(text)).toBe(true));

  it.each([
    'yes',
    'no',
    'not sure',
    "don't know",
    'NHS trust',
    'NHS trust?',
    '2',
    'will be certified next year',
    'have 27001 since 2019',
    'do not know',
    'who knows',
    '',
    '🤔',
    '<script>alert(1)</script>',
    '?'.repeat(102_400),
  ])('"%s" is not a question', (text) => expect(looksLikeQuestion(text)).toBe(false));
});
