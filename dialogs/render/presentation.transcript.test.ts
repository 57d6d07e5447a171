import type { Activity } from 'botbuilder';
import { lastValue, questionOf, startChat, textOf, type Chat } from '../../test/support/chat';

/**
 * What the visitor sees, channel by channel (docs/ARCHITECTURE.md, "Presentation"):
 * each set of choices once, the booking only when it matters, and the copy
 * details of issue 11. Tuesday 1 Dec 2026, 10:00 UTC.
 */

const NOW = '2026-12-01T10:00:00.000Z';
const CONTACT = { question: 'contact', name: 'Ada Lovelace', email: 'ada@example-trust.nhs.uk', organisation: 'Example NHS Trust', consent: 'true' };
const ANSWERS = ['AI in production', 'No', 'weak', 'heavily', 'financial services', 'yes', 'yes, about AI'];

const chats: Chat[] = [];
async function open(channelId: string, extra: { env?: Record<string, string>; isGroup?: boolean } = {}): Promise<Chat> {
  const chat = await startChat({ now: NOW, channelId, env: extra.env });
  chats.push(chat);
  return chat;
}
afterEach(() => chats.splice(0).forEach((c) => c.close()));

const question = (replies: Partial<Activity>[]) => replies.find((r) => (r.value as { question?: string } | undefined)?.question)!;
const cardActions = (reply: Partial<Activity>) =>
  ((reply.attachments?.[0]?.content as { actions?: { type: string; title: string }[] } | undefined)?.actions ?? []).map((a) => a.title);
const numbered = /^1\. .+\n2\. /m;

async function book(chat: Chat): Promise<Partial<Activity>[]> {
  await chat.say('book a call');
  await chat.click({ question: 'disclaimer', answer: 'accept' });
  const slots = await chat.click(CONTACT);
  const first = (lastValue(slots)!.choices as { id: string }[])[0];
  await chat.click({ question: 'slot', answer: first.id });
  return chat.click({ question: 'confirm', answer: 'yes' });
}

describe('each set of choices is shown once, the way the channel shows it', () => {
  it('Web Chat: quick replies that carry the button data; no card buttons, no numbered list', async () => {
    const chat = await open('webchat');
    const prompt = question(await chat.say('start'));
    expect(prompt.suggestedActions?.actions.map((a) => a.title)).toEqual(['We don\'t use AI', 'Exploring or piloting', 'AI in production']);
    expect(prompt.suggestedActions?.actions[2]).toEqual(
      expect.objectContaining({ type: 'messageBack', text: 'AI in production', value: { question: 'ai_use', answer: 'active' } }),
    );
    expect(prompt.attachments).toBeUndefined();
    expect(prompt.text).not.toMatch(numbered);
  });

  it('Web Chat: a quick reply as Web Chat sends it (text and data) answers by its data', async () => {
    const chat = await open('webchat');
    await chat.say('start');
    const replies = await chat.send({ type: 'message', text: 'AI in production', value: { question: 'ai_use', answer: 'active' } });
    expect(questionOf(replies)).toBe('certification');
  });

  it('Web Chat: free times appear once, as quick replies, under a line that does not list them', async () => {
    const chat = await open('directline');
    await chat.say('book a call');
    await chat.click({ question: 'disclaimer', answer: 'accept' });
    const slots = question(await chat.click(CONTACT));
    const titles = slots.suggestedActions!.actions.map((a) => a.title!);
    expect(titles.slice(0, 2)).toEqual(['Wed 2 Dec, 10:00–10:30', 'Wed 2 Dec, 10:30–11:00']);
    expect(titles.slice(-2)).toEqual(['Later times', 'Another day']);
    expect(slots.attachments).toBeUndefined();
    for (const title of titles) expect(slots.text).not.toContain(title);
  });

  it('Teams: a card with a button per choice, no numbered list', async () => {
    const chat = await open('msteams');
    const prompt = question(await chat.say('start'));
    expect(cardActions(prompt)).toEqual(['We don\'t use AI', 'Exploring or piloting', 'AI in production']);
    expect(prompt.text).toBe('Question 1 of 7: How does your organisation use AI today?');
  });

  it('the terminal: the choices numbered in the text, no card', async () => {
    const chat = await open('terminal');
    const prompt = question(await chat.say('start'));
    expect(prompt.text).toMatch(/How does your organisation use AI today\?\n\n1\. We don't use AI\n2\. Exploring or piloting\n3\. AI in production$/);
    expect(prompt.attachments).toBeUndefined();
  });

  it('the recommendation: a card led by the pathway, with a roadmap of phases and months; next steps once, as quick replies', async () => {
    const chat = await open('webchat');
    await chat.say('start');
    let replies: Partial<Activity>[] = [];
    for (const answer of ANSWERS) replies = await chat.say(answer);
    const message = replies.find((r) => (r.value as { recommendation?: unknown })?.recommendation)!;
    const card = message.attachments![0].content as { body: { type: string; text?: string; columns?: unknown[] }[]; actions: unknown[] };
    expect(card.body[0].text).toBe('ISO 27001 first, then ISO 42001');
    const roadmap = card.body.find((e) => e.type === 'ColumnSet')!;
    expect(JSON.stringify(roadmap)).toMatch(/Step 1.*ISO 27001.*sized on the call.*→.*Step 2.*ISO 42001.*6–9 months/);
    expect(card.actions).toEqual([]);
    expect(message.suggestedActions!.actions.map((a) => a.title)).toEqual(['Book a 30-minute call', 'Ask a question', 'Start over']);
    expect(textOf([message])).toMatch(/not legal or compliance advice/);
  });
});

describe('once booked, the booking is mentioned when it matters only', () => {
  it('not under a question answered after booking; again after "book"', async () => {
    const chat = await open('webchat');
    const booked = await book(chat);
    expect(textOf(booked)).toMatch(/^Booked: Wednesday 2 December, 10:00–10:30 \(UK time\)/);
    const answer = await chat.say('how long does certification take?');
    expect(textOf(answer)).not.toMatch(/already have a call booked/);
    expect(answer.some((r) => (r.value as { booking?: unknown })?.booking)).toBe(false);
    const again = await chat.say('book a call');
    expect(textOf(again)).toMatch(/You already have a call booked for Wednesday 2 December, 10:00–10:30/);
  });

  it('a recommendation after booking names the booked call in its next steps, instead of offering to book', async () => {
    const chat = await open('webchat');
    await book(chat);
    await chat.say('start over');
    await chat.say('yes'); // "Are you sure?" first
    let replies: Partial<Activity>[] = [];
    for (const answer of ANSWERS) replies = await chat.say(answer);
    const message = replies.find((r) => (r.value as { recommendation?: unknown })?.recommendation)!;
    expect(textOf([message])).toMatch(/You already have a call booked for Wednesday 2 December, 10:00–10:30 \(UK time\)/);
    expect(message.suggestedActions!.actions.map((a) => a.title)).toEqual(['Ask a question', 'Start over']);
  });
});

describe('copy', () => {
  it('a day is written as people write it', async () => {
    const chat = await open('webchat');
    await chat.say('book a call');
    await chat.click({ question: 'disclaimer', answer: 'accept' });
    await chat.click(CONTACT);
    expect(textOf(await chat.say('Thursday'))).toMatch(/^Free times on Thursday 3 December \(UK time\):/);
  });

  it('"Hello" at the start gets the welcome\'s choices', async () => {
    const chat = await open('webchat');
    const [reply] = await chat.say('hello');
    expect(reply.text).toMatch(/^Hello!/);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual(['Which standard do we need?', 'I have a question', 'Book a 30-minute call']);
  });

  it('one apology at most per reply', async () => {
    const chat = await open('webchat');
    for (const text of ['what is the weather like in Paris', 'timeline for the thing', 'recipe for banana bread']) {
      for (const reply of await chat.say(text)) expect((reply.text ?? '').match(/\b(sorry|not sure I understood)\b/gi)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });

  it('deleting the data of a booked visitor reads as a sentence', async () => {
    const chat = await open('webchat');
    await book(chat);
    await chat.say('delete my data');
    expect(textOf(await chat.say('yes'))).toMatch(/contact details, and cancelled your booked call\./);
  });

  it('names the firm from FIRM_NAME, "QL Security" by default', async () => {
    expect(textOf(await (await open('webchat')).join())).toMatch(/I'm QL Security's scoping assistant/);
    const other = await open('webchat', { env: { FIRM_NAME: 'Acme Assurance' } });
    expect(textOf(await other.join())).toMatch(/I'm Acme Assurance's scoping assistant/);
    expect(textOf(await other.say('who are you?'))).toMatch(/Acme Assurance's AI-governance practitioners/);
  });

  it('the contact form marks required fields once (the renderer adds the mark) and wraps the consent sentence', async () => {
    const chat = await open('webchat');
    await chat.say('book a call');
    const [form] = (await chat.click({ question: 'disclaimer', answer: 'accept' })).filter((r) => r.attachments);
    const body = (form.attachments![0].content as { body: { type: string; label?: string; isRequired?: boolean; wrap?: boolean }[] }).body;
    const inputs = body.filter((e) => e.type.startsWith('Input.'));
    expect(inputs.filter((e) => e.isRequired).map((e) => e.label)).toEqual(['Name', 'Work email', 'Organisation', 'Consent']);
    expect(inputs.find((e) => e.type === 'Input.Toggle')!.wrap).toBe(true);
  });
});
