import { allText, Conversation, postRaw, promptIn, type Reply } from './client';
import { ConversationStore } from '../../src/bot/conversation-store';
import { startTestServer, type TestServer } from './server';

/**
 * Bad input, through the real endpoint. Each message is answered clearly, the
 * server keeps running, and nothing is lost: afterwards the pending question
 * (certification, step 2 of 7) still takes its answer and the conversation
 * moves on to infosec_maturity at step 3.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** A conversation that has answered ai_use and is waiting on certification. */
async function atSecondQuestion(id?: string, channelId?: string): Promise<Conversation> {
  const conversation = new Conversation(server.url, { id, channelId });
  await conversation.join();
  await conversation.start();
  const replies = await conversation.click('ai_use', 'active');
  expect(promptIn(replies)).toEqual({ question: 'certification', step: 2, of: 7 });
  return conversation;
}

/** The pending question still answers correctly: nothing was lost or moved. */
async function stillPendingCertification(conversation: Conversation): Promise<void> {
  const replies = await conversation.click('certification', 'none');
  expect(promptIn(replies)).toEqual({ question: 'infosec_maturity', step: 3, of: 7 });
}

function texts(replies: Reply[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}

describe('odd messages to a pending question', () => {
  const cases: [name: string, send: (c: Conversation) => Promise<Reply[]>, expectText: RegExp][] = [
    ['empty text', (c) => c.say(''), /didn't receive any text/i],
    ['only whitespace', (c) => c.say('   \n\t  '), /didn't receive any text/i],
    ['100 KB of text', (c) => c.say('we are certified '.repeat(6100)), /longer than I can read/i],
    ['emoji only', (c) => c.say('🤖🔥👍'), /.+/],
    ['zero-width and control characters', (c) => c.say('\u200b\u0000\u001f'), /.+/],
    ['a script tag', (c) => c.say('<script>alert(1)</script>'), /.+/],
    ['HTML with an event handler', (c) => c.say('<b>hi</b><img src=x onerror=alert(1)>'), /.+/],
    ['card data that is a string but not JSON', (c) => c.submit('{question: certification'), /couldn't read that button/i],
    ['card data that is an array', (c) => c.submit(['certification', 'none']), /couldn't read that button/i],
    ['card data naming an unknown question', (c) => c.submit({ question: 'favourite_colour', answer: 'blue' }), /couldn't read that button/i],
    ['card data with an invalid answer', (c) => c.submit({ question: 'certification', answer: 'maybe' }), /couldn't read that button/i],
    ['card data with an answer that is not a string', (c) => c.submit({ question: 'certification', answer: { $gt: '' } }), /couldn't read that button/i],
    ['card data for a question already answered', (c) => c.submit({ question: 'ai_use', answer: 'none' }), /already moved past/i],
    ['card data for a question not yet asked', (c) => c.submit({ question: 'sector', answer: 'health' }), /already moved past|couldn't read/i],
    ['a card button with an unknown action', (c) => c.submit({ action: 'launch-missiles' }), /couldn't read that button/i],
    ['card data as a JSON string (Web Chat style) with a bad answer', (c) => c.submit(JSON.stringify({ question: 'certification', answer: 'nope' })), /couldn't read that button/i],
  ];

  it.each(cases)('%s: answered clearly, the pending question kept', async (_name, send, expectText) => {
    const conversation = await atSecondQuestion();
    const replies = await send(conversation);

    expect(replies.length).toBeGreaterThan(0);
    expect(texts(replies)).toMatch(expectText);
    // If the bot re-asks, it re-asks the pending question at the same step.
    const prompt = promptIn(replies);
    if (prompt) expect(prompt).toEqual({ question: 'certification', step: 2, of: 7 });
    // No reply repeats the input's markup.
    expect(allText(replies)).not.toMatch(/<script|<img|onerror/i);
    // The whole reply is small: a long input is not echoed back.
    expect(allText(replies).length).toBeLessThan(20_000);

    await stillPendingCertification(conversation);
  });

  it('a card answer sent as a JSON string (Web Chat style) is read like an object', async () => {
    const conversation = await atSecondQuestion();
    const replies = await conversation.submit(JSON.stringify({ question: 'certification', answer: 'none' }));
    expect(promptIn(replies)).toEqual({ question: 'infosec_maturity', step: 3, of: 7 });
  });

  it('ten unreadable answers in a row never loop: each gets a reply, then the question still answers', async () => {
    const conversation = await atSecondQuestion();
    for (let i = 0; i < 10; i += 1) {
      const replies = await conversation.say(`banana ${i}`);
      expect(replies.length).toBeGreaterThan(0);
    }
    await stillPendingCertification(conversation);
  });
});

describe('requests the endpoint refuses', () => {
  const envelope = (fields: Record<string, unknown> = {}) => ({
    type: 'message',
    text: 'hello',
    channelId: 'test',
    deliveryMode: 'expectReplies',
    serviceUrl: 'http://127.0.0.1/unused',
    from: { id: 'u' },
    recipient: { id: 'bot' },
    conversation: { id: `refused-${Math.random()}` },
    ...fields,
  });

  const errorOf = (body: unknown) => (body as { error?: unknown }).error;

  it.each([
    ['an unknown activity type', envelope({ type: 'bogus' })],
    ['no activity type', envelope({ type: undefined })],
    ['a non-string activity type', envelope({ type: { toString: 'message' } })],
  ])('%s → 400 with a JSON error', async (_name, body) => {
    const res = await postRaw(server.url, body);
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toMatch(/activity type/i);
  });

  it.each([
    ['invalid JSON', '{"type": "message", '],
    ['an empty body', ''],
    ['not JSON at all', 'type=message&text=hi'],
  ])('%s → 400 with a JSON error', async (_name, body) => {
    const res = await postRaw(server.url, body);
    expect(res.status).toBe(400);
    expect(typeof errorOf(res.body)).toBe('string');
  });

  it.each([
    ['an array', '[{"type":"message"}]'],
    ['a number', '42'],
    ['a string', '"message"'],
    ['null', 'null'],
  ])('a body that is %s, not an object → 400', async (_name, body) => {
    const res = await postRaw(server.url, body);
    expect(res.status).toBe(400);
    expect(typeof errorOf(res.body)).toBe('string');
  });

  it.each([
    ['no conversation', envelope({ conversation: undefined })],
    ['a conversation without an id', envelope({ conversation: {} })],
    ['an empty conversation id', envelope({ conversation: { id: '' } })],
    ['a numeric conversation id', envelope({ conversation: { id: 42 } })],
    ['a conversation id over 512 characters', envelope({ conversation: { id: 'x'.repeat(513) } })],
  ])('%s → 400', async (_name, body) => {
    const res = await postRaw(server.url, body);
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toMatch(/conversation\.id/);
  });

  it('neither a serviceUrl nor expectReplies → 400', async () => {
    const res = await postRaw(server.url, envelope({ serviceUrl: undefined, deliveryMode: undefined }));
    expect(res.status).toBe(400);
  });

  it('a 1 MB body → 413 with a JSON error', async () => {
    const res = await postRaw(server.url, envelope({ text: 'a'.repeat(1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(errorOf(res.body)).toMatch(/larger than/i);
  });

  it('GET /api/messages is not a way in', async () => {
    const res = await postRaw(server.url, '', { method: 'GET' });
    expect(res.status).toBe(404);
  });

  it('after all of that the server still answers', async () => {
    const conversation = await atSecondQuestion();
    await stillPendingCertification(conversation);
  });
});

describe('odd conversation ids are ordinary conversations', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', '../../../etc/passwd', 'a/b?c=d#e', "'; DROP TABLE state; --", '🤖', '%2e%2e'])(
    'conversation id %j',
    async (id) => {
      const conversation = await atSecondQuestion(`${id}`);
      await stillPendingCertification(conversation);
    },
  );

  it('__proto__ does not share state with another conversation', async () => {
    // A fresh channel, so this __proto__ conversation starts here.
    const a = await atSecondQuestion('__proto__', 'emulator');
    // A different conversation starts from the welcome, not from __proto__'s state.
    const b = new Conversation(server.url, { id: 'not-proto', channelId: 'emulator' });
    const welcome = await b.join();
    expect(welcome[0].value).toEqual({ welcome: true });
    expect(promptIn(await b.start())).toEqual({ question: 'ai_use', step: 1, of: 7 });
    // Its state is stored under its own key, like any other conversation.
    const stored = await server.running.services.storage.read([ConversationStore.keyFor('emulator', '__proto__')]);
    expect(Object.keys(stored)).toEqual([ConversationStore.keyFor('emulator', '__proto__')]);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    // And __proto__ is still where it was.
    await stillPendingCertification(a);
  });
});
