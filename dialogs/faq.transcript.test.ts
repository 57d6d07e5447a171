import { FAQ_IDS } from '../src/intents/ids';
import { faqText } from './render/faq';
import { interpretAnswer } from '../src/answers/interpret';
import { loadIntentContent } from '../src/intents/content';
import { withFirmName } from '../src/content/copy';
import { lastValue, questionOf, startChat, textOf, type Chat } from '../test/support/chat';

/** Side questions answered from curated content, at any moment, and what is out of scope. */

const content = loadIntentContent();
if (!content.ok) throw new Error(content.errors.join('\n'));
/** A training phrase that is only a question (some also answer "do you hold ISO 27001?", tested below). */
const phraseFor = (id: (typeof FAQ_IDS)[number]) =>
  content.content.faq[id].phrases.find((p) => !interpretAnswer('certification', p).ok) ?? content.content.faq[id].phrases[0];

let chat: Chat;
beforeAll(async () => {
  chat = await startChat();
});
afterAll(() => chat.close());

describe.each(FAQ_IDS.map((id) => [id]))('%s', (id) => {
  it('is answered from the welcome', async () => {
    const c = chat.other(`welcome-${id}`);
    const replies = await c.say(phraseFor(id));
    expect(replies[0].value).toEqual({ faq: id });
    // As the firm configured it: its name, its call settings, and any source named.
    const served = chat.services.turn;
    expect(replies[0].text).toBe(faqText(served.intents.faq[id], served.config, served.messages));
    expect(served.intents.faq[id].answer).toBe(withFirmName(content.content.faq[id].answer, 'QL Security'));
  });

  it('is answered mid-scoping, and the pending question resumes', async () => {
    const c = chat.other(`mid-${id}`);
    await c.say('start');
    await c.say('AI in production');
    const replies = await c.say(phraseFor(id));
    expect(replies[0].value).toEqual({ faq: id });
    expect(lastValue(replies)).toMatchObject({ question: 'certification', step: 2 });
    expect(questionOf(await c.say('certified'))).toBe('ai_materiality');
  });

  it('is answered after the recommendation', async () => {
    const c = chat.other(`after-${id}`);
    await c.say('start');
    for (const answer of ['none', 'certified', 'other', 'none']) await c.say(answer);
    const replies = await c.say(phraseFor(id));
    expect(replies[0].value).toEqual({ faq: id });
  });
});

describe('answers and questions that look alike', () => {
  it.each([
    ['ai_use', 'we use AI in production', 'what does 42001 cover for AI?'],
    ['certification', "we don't have 27001", 'do we need 27001?'],
    ['infosec_maturity', 'our security is weak', 'is security enough for AI risks?'],
    ['ai_materiality', 'AI drives decisions about patients', 'why is AI risky if it is secure?'],
    ['sector', "we're a bank", 'which UK regulators care about AI?'],
    ['eu_exposure', 'yes, customers in France use it', 'does the EU AI Act apply to UK companies?'],
    ['procurement', 'tenders ask for AI governance', 'how much does it cost?'],
  ] as const)('%s: "%s" answers, "%s" asks', async (question, answer, side) => {
    const c = chat.other(`alike-${question}`);
    await c.say('start');
    const route: Record<string, string[]> = {
      ai_use: [],
      certification: ['AI in production'],
      infosec_maturity: ['AI in production', 'no'],
      ai_materiality: ['AI in production', 'no', 'reasonable'],
      sector: ['AI in production', 'no', 'reasonable', 'medium'],
      eu_exposure: ['AI in production', 'no', 'reasonable', 'medium', 'other'],
      procurement: ['AI in production', 'no', 'reasonable', 'medium', 'other', 'no'],
    };
    for (const step of route[question]) await c.say(step);
    const asked = await c.say(side);
    expect((asked[0].value as { faq?: string }).faq).toMatch(/^faq\./);
    expect(lastValue(asked)).toMatchObject({ question });
    const answered = await c.say(answer);
    expect(answered.some((r) => (r.value as { faq?: string } | undefined)?.faq)).toBe(false);
    expect(questionOf(answered) ?? 'recommendation').not.toBe(question);
  });
});

it('an answer with a question attached: both are taken', async () => {
  const c = chat.other('both');
  await c.say('start');
  await c.say('AI in production');
  const replies = await c.say('we got certified to 27001 last year, do we still need 42001');
  expect(replies[0].value).toEqual({ faq: 'faq.need-42001-with-27001' });
  expect(questionOf(replies)).toBe('ai_materiality');
});

describe('out of scope', () => {
  it('says what it can help with, then after two misses in a row offers a person, without looping', async () => {
    const c = chat.other('oos');
    let replies = await c.say('can you help with ISO 9001?');
    expect(textOf(replies)).toMatch(/ISO\/IEC 42001/);
    replies = await c.say("what's the weather like tomorrow?");
    expect(textOf(replies)).toMatch(/practitioner|scoping call/);
    replies = await c.say('tell me a joke');
    expect(textOf(replies)).toMatch(/practitioner|scoping call/);
    replies = await c.say('how long does certification take?');
    expect(replies[0].value).toEqual({ faq: 'faq.timeline' });
  });

  it('"did you mean": the closest topics are offered, and picking one answers it', async () => {
    const c = chat.other('did-you-mean');
    const replies = await c.say('the timing thing'); // vague: the timeline is the closest topic, but not a sure reading
    const label = content.content.faq['faq.timeline'].label;
    expect(textOf(replies)).toMatch(/Did you mean/);
    expect(textOf(replies)).toContain(label);
    expect(replies[0].suggestedActions?.actions.map((a) => a.title)).toContain(label);
    const picked = await c.say(label);
    expect(picked[0].value).toEqual({ faq: 'faq.timeline' });
  });

  it('a follow-up suggested after an answer answers its own question when picked', async () => {
    const c = chat.other('follow-up');
    const [answer] = await c.say(phraseFor('faq.difference'));
    const followUp = answer.suggestedActions!.actions[0].title!;
    const [next] = await c.say(followUp);
    expect((next.value as { faq?: string }).faq).toBe(content.content.faq['faq.difference'].followUps[0]);
  });

  it('greetings, thanks and goodbyes get short replies', async () => {
    const c = chat.other('chit-chat');
    for (const text of ['hello', 'thanks', 'bye']) {
      const replies = await c.say(text);
      expect(replies).toHaveLength(1);
      expect(replies[0].text!.length).toBeLessThan(300);
    }
  });

  it('privacy explains what is stored, for how long, and where the notice is', async () => {
    const replies = await chat.other('privacy').say('what happens to my data?');
    expect(textOf(replies)).toMatch(/365/);
    expect(textOf(replies)).toMatch(/https:\/\/example\.com\/privacy/);
  });
});
