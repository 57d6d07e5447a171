import { interpretAnswer } from './interpret';
import { readFacts } from './facts';

/**
 * The reader's high-precision layers, as specifications: what each one must
 * read, and when it must ask to confirm (a check reason) rather than record.
 */

describe('negation and its scope', () => {
  it('reads a denial of AI use as none, without a confirm line', () => {
    expect(interpretAnswer('ai_use', 'nobody here uses AI')).toMatchObject({ ok: true, value: 'none', check: null });
    expect(interpretAnswer('ai_use', 'no AI, nobody wants it')).toMatchObject({ ok: true, value: 'none', check: null });
  });
  it('confirms a double negation instead of trusting it', () => {
    expect(interpretAnswer('ai_use', "not that we don't use it - the chatbot is live")).toMatchObject({ ok: true, check: 'negation' });
  });
  it('keeps the denial inside its clause: AI denied, security asked for → security-only, confirmed', () => {
    expect(interpretAnswer('procurement', 'enterprise customers send us security questionnaires, nobody asked about AI yet')).toMatchObject({
      ok: true,
      value: 'security-only',
      check: 'negation',
    });
    expect(interpretAnswer('procurement', 'no AI questions, only pen test reports')).toMatchObject({ ok: true, value: 'security-only' });
  });
  it('denial that comes after its subject still counts: "AI hasn\'t come up"', () => {
    expect(interpretAnswer('procurement', 'security questionnaires, but AI has not come up so far')).toMatchObject({
      ok: true,
      value: 'security-only',
    });
  });
  it('confirms AI named beside security when nobody is said to ask about it', () => {
    expect(interpretAnswer('procurement', 'tenders want 27001, our product uses machine learning')).toMatchObject({ check: 'low-confidence' });
  });
  it('does not read AI as a topic ("AI governance") as AI use', () => {
    expect(interpretAnswer('ai_use', 'we have no AI governance yet')).toEqual({ ok: false, reason: 'unrecognised' });
  });
});

describe('contrast', () => {
  it('confirms a reading that weighs one clause against another', () => {
    expect(interpretAnswer('procurement', 'security questionnaires, but AI has not come up so far')).toMatchObject({ check: 'contrast' });
    expect(interpretAnswer('eu_exposure', 'some of our suppliers are in Ireland but the outputs are used here')).toMatchObject({
      ok: true,
      value: 'no',
      check: 'contrast',
    });
  });
});

describe('numbers', () => {
  it('reads a large estate of models as heavy reliance and as AI in production', () => {
    expect(interpretAnswer('ai_materiality', 'we have about 40 models in production')).toMatchObject({ ok: true, value: 'high', check: null });
    expect(interpretAnswer('ai_materiality', 'a dozen models score every application')).toMatchObject({ ok: true, value: 'high' });
    expect(interpretAnswer('ai_use', 'about 40 models in production')).toMatchObject({ ok: true, value: 'active', check: null });
    expect(interpretAnswer('ai_use', 'we have 15 data scientists')).toMatchObject({ ok: true, value: 'active' });
  });
  it('does not take a small or denied count as an estate', () => {
    expect(interpretAnswer('ai_materiality', 'we have 2 models, both for internal notes')).not.toMatchObject({ value: 'high', check: null });
    expect(interpretAnswer('ai_use', 'no models in production, 3 pilots')).not.toMatchObject({ value: 'active' });
    expect(interpretAnswer('ai_use', 'we have 5 bots in testing')).not.toMatchObject({ value: 'active' });
  });
  it('still reads a position as a choice', () => {
    expect(interpretAnswer('ai_materiality', '3')).toEqual({ ok: true, value: 'high', confidence: 1, check: null });
  });
});

describe('places, from country and city data', () => {
  it.each([
    ['clients in Lyon and Munich', 'yes'],
    ['we have a Paris office', 'yes'],
    ['Dutch customers use the reports', 'yes'],
    ['our users are in Estonia and Latvia', 'yes'],
    ['Swiss and Norwegian clients only', 'no'],
    ['nothing outside England', 'no'],
    ["we don't sell outside the UK", 'no'],
    ['the US and Canada', 'no'],
    ['none of our customers are in the EU', 'no'],
  ])('"%s" → %s', (text, value) => {
    expect(interpretAnswer('eu_exposure', text)).toMatchObject({ ok: true, value });
  });
  it('does not take where suppliers or servers are for where outputs are used', () => {
    expect(interpretAnswer('eu_exposure', 'our servers are in Frankfurt, customers are all British')).toMatchObject({
      value: 'no',
      check: 'contrast',
    });
    expect(interpretAnswer('eu_exposure', 'some of our suppliers are in Ireland but the outputs are used here')).not.toMatchObject({
      value: 'yes',
    });
  });
  it('leaves a hedge unsure even when a place is named', () => {
    expect(interpretAnswer('eu_exposure', 'not sure, maybe a few accounts in Spain')).toMatchObject({ ok: true, value: 'unsure' });
  });
  it('does not take ordinary words for places', () => {
    expect(readFacts('nice to have, we polish our reports')).toEqual([]);
  });
});

describe('dates, read with chrono-node', () => {
  it('a certification at a past date is held', () => {
    expect(interpretAnswer('certification', 'actually, scrap that, we got certified last month')).toMatchObject({ ok: true, value: 'certified', check: null });
    expect(interpretAnswer('certification', 'we were certified two years ago')).toMatchObject({ ok: true, value: 'certified' });
    expect(interpretAnswer('certification', 'held it since 2019')).toMatchObject({ ok: true, value: 'certified' });
  });
  it('one planned for a future date is in progress', () => {
    expect(interpretAnswer('certification', 'aiming to be certified by next summer')).toMatchObject({ ok: true, value: 'in-progress' });
    expect(interpretAnswer('certification', 'external audit booked for next month')).toMatchObject({ ok: true, value: 'in-progress' });
  });
  it('a lapse at any date is none', () => {
    expect(interpretAnswer('certification', 'our certificate expired last year')).toMatchObject({ ok: true, value: 'none' });
  });
});

describe('confidence', () => {
  it('is given with every reading, from 0 to 1, and is 1 only for exact choices', () => {
    const reading = interpretAnswer('sector', 'we run a chain of opticians');
    expect(reading.ok).toBe(true);
    if (reading.ok) {
      expect(reading.confidence).toBeGreaterThan(0);
      expect(reading.confidence).toBeLessThanOrEqual(1);
    }
    expect(interpretAnswer('sector', 'Health')).toMatchObject({ confidence: 1, check: null });
  });
  it('asks to confirm a reading it is not sure of rather than recording it', () => {
    const reading = interpretAnswer('sector', 'we look after canal boats and towpaths');
    if (reading.ok) expect(reading.check).not.toBeNull();
  });
});

describe('is it an answer at all', () => {
  it.each(['go back', 'start again', 'skip', 'stop', 'help', 'can I just book a call', 'what does 42001 cost?', 'why do you ask?'])(
    '"%s" is not an answer',
    (text) => {
      expect(interpretAnswer('certification', text)).toEqual({ ok: false, reason: 'not-an-answer' });
    },
  );
  it('a message that reads as an answer is one, even with a question mark inside', () => {
    expect(interpretAnswer('certification', 'I think so? the certificate hangs in reception')).toMatchObject({ ok: true });
  });
  it('small talk wins only when it is the whole message', () => {
    expect(interpretAnswer('sector', 'hi there')).toEqual({ ok: false, reason: 'not-an-answer' });
    expect(interpretAnswer('sector', 'hi, we are a building society')).toMatchObject({ ok: true, value: 'financial' });
  });
});
