import { loadIntentContent } from './content';
import { normaliseUtterance } from './normalise';
import { createRecogniser, DEFAULT_THRESHOLD } from './recogniser';
import type { Recogniser } from './recogniser';

let recogniser: Recogniser;

beforeAll(async () => {
  const loaded = loadIntentContent();
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  recogniser = await createRecogniser(loaded.content);
});

describe('normaliseUtterance rewrites shorthand for the standards', () => {
  it.each([
    ['42k1 vs 27k1', '42001 vs 27001'],
    ['27001 v 42001', '27001 vs 42001'],
    ['ISO/IEC 42001:2023', 'iso 42001'],
    ['iso42001 versus 27k', 'iso 42001 vs 27001'],
    ['what is 47k1', 'what is 47001'],
  ])('%j → %j', (input, expected) => expect(normaliseUtterance(input)).toBe(expected));
});

describe('the recogniser', () => {
  it.each([
    ['how long does certifcation take', 'faq.timeline'],
    ['27001 v 42001', 'faq.difference'],
    ['whats teh diffrence between 42k1 and 27k1', 'faq.difference'],
    ['ISO 47001?', 'faq.iso-47001'],
    ['is iso 47001 something we should get', 'faq.iso-47001'],
    ['do we need 27001?', 'faq.where-to-start'],
    ['we already hold ISO/IEC 27001 - is 42001 needed as well', 'faq.need-42001-with-27001'],
    ['does the EU AI act apply to a uk business', 'faq.eu-ai-act'],
    ['how much would it cost us', 'faq.cost'],
    ['I want to book the call', 'cmd.book-call'],
    ['can I talk to a real human', 'cmd.human'],
    ['please delete my data', 'cmd.delete-data'],
    ['hello there!', 'chat.greeting'],
    ['thanks very much', 'chat.thanks'],
  ])('recognises %j as %s', async (text, intent) => {
    const match = await recogniser.recognise(text);
    expect(match.intent).toBe(intent);
    expect(match.confidence).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(match.candidates[0]).toEqual({ intent, score: match.confidence });
  });

  it.each(['what about ISO 9001?', 'can you get us SOC 2 ready', 'write our AI acceptable use policy', "what's the weather in Leeds", 'tell me a joke', ''])(
    'treats %j as out of scope',
    async (text) => {
      expect((await recogniser.recognise(text)).intent).toBeNull();
    },
  );

  it.each(['yes', 'no', 'not sure', '2', 'NHS trust', "we don't have 27001", 'we trial Copilot', 'we are a local council', 'about half our staff use chatgpt'])(
    'never reads the answer-like %j as a confident intent',
    async (text) => {
      const match = await recogniser.recognise(text);
      expect(match.intent).toBeNull();
      expect(match.confidence).toBeLessThan(DEFAULT_THRESHOLD);
    },
  );

  it('returns at most three candidates, best first, for "did you mean …?"', async () => {
    const match = await recogniser.recognise('standards');
    expect(match.candidates.length).toBeLessThanOrEqual(3);
    const scores = match.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('honours a stricter threshold', async () => {
    const loaded = loadIntentContent();
    if (!loaded.ok) throw new Error('content invalid');
    const strict = await createRecogniser(loaded.content, { threshold: 1.01 });
    expect((await strict.recognise('how long does certification take')).intent).toBeNull();
  });
});
