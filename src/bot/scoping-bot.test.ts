import { ConversationStore } from './conversation-store';
import { questionOf, startChat, textOf } from '../../test/support/chat';

/** The bot around the turn: stored state, upgrades of the machine, failures. */

it('a conversation stored by an older machine restarts kindly instead of crashing', async () => {
  const chat = await startChat({ conversationId: 'old-one' });
  const key = ConversationStore.keyFor('test', 'old-one');
  await chat.services.storage.write({ [key]: { machineVersion: 0, value: { asking: 'q3' }, context: {}, eTag: '*' } });
  const replies = await chat.say('AI in production');
  expect(textOf(replies)).toMatch(/I've been updated since we last spoke/);
  expect(questionOf(await chat.say('start'))).toBe('ai_use');
  chat.close();
});

it('a corrupt record is treated the same way', async () => {
  const chat = await startChat({ conversationId: 'corrupt' });
  await chat.services.storage.write({ [ConversationStore.keyFor('test', 'corrupt')]: { nonsense: true, eTag: '*' } });
  expect(textOf(await chat.say('hello'))).toMatch(/start again/);
  chat.close();
});

it('an answer is stored before its reply is sent, and survives a restart of the bot', async () => {
  const chat = await startChat({ conversationId: 'durable' });
  await chat.say('start');
  await chat.say('AI in production');
  const dataDir = chat.dataDir;
  chat.close();
  const again = await startChat({ conversationId: 'durable', dataDir });
  expect(questionOf(await again.say('help'))).toBe('certification');
  again.close();
});
