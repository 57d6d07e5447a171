import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { createServices, type AppServices } from '../../src/app/services';
import { ScopingBot } from '../../src/bot/scoping-bot';
import { testConfig } from '../../src/config/config';
import { createLogger } from '../../src/server/logger';

/**
 * A conversation with the real bot (real content, recogniser, stores in a
 * temp folder) through botbuilder's TestAdapter, so tests read like transcripts:
 *   const replies = await chat.say('we trial Copilot');
 */

export interface ChatOptions {
  now?: string;
  channelId?: string;
  conversationId?: string;
  env?: Record<string, string>;
  dataDir?: string;
  localTimezone?: string;
}

export interface Chat {
  services: AppServices;
  bot: ScopingBot;
  dataDir: string;
  join(): Promise<Partial<Activity>[]>;
  say(text: string): Promise<Partial<Activity>[]>;
  click(value: unknown): Promise<Partial<Activity>[]>;
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** A second conversation on the same bot and stores. */
  other(conversationId: string): Chat;
  close(): void;
}

export async function startChat(options: ChatOptions = {}): Promise<Chat> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'scoping-chat-'));
  const config = testConfig({ DATA_DIR: dataDir, ...options.env });
  const now = new Date(options.now ?? '2026-12-01T10:00:00.000Z');
  const logger = createLogger('silent');
  const services = await createServices(config, logger, { clock: () => now, baseUrl: () => 'http://localhost:3978' });
  const bot = new ScopingBot({ services: services.turn, conversations: services.conversations, logger });
  const make = (conversationId: string): Chat => {
    const adapter = new TestAdapter((context) => bot.run(context), {
      channelId: options.channelId ?? 'test',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      user: { id: 'user-1', name: 'Ada' },
      bot: { id: 'bot', name: 'Scoping bot' },
    } as never);
    const send = async (activity: Partial<Activity>) => {
      await adapter.receiveActivity({ localTimezone: options.localTimezone, ...activity } as Activity);
      return adapter.activeQueue.splice(0) as Partial<Activity>[];
    };
    return {
      services,
      bot,
      dataDir,
      join: () => send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Ada' }] }),
      say: (text) => send({ type: 'message', text }),
      click: (value) => send({ type: 'message', value }),
      send,
      other: (id) => make(id),
      close: () => services.close(),
    };
  };
  return make(options.conversationId ?? 'conversation-1');
}

/** All the text a person would read in these replies: the message, its card's text, its buttons and quick replies. */
export const textOf = (replies: Partial<Activity>[]) => replies.map(readable).join('\n');

function readable(reply: Partial<Activity>): string {
  const card: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') card.push(element.text);
    if (typeof element.type === 'string' && element.type.startsWith('Action.') && typeof element.title === 'string') card.push(element.title);
    for (const key of ['body', 'items', 'columns', 'actions']) if (key in element) walk(element[key]);
  };
  for (const attachment of reply.attachments ?? []) walk(attachment.content);
  const quick = (reply.suggestedActions?.actions ?? []).map((action) => action.title ?? '');
  return [reply.text ?? '', ...card, ...quick].filter((line) => line !== '').join('\n');
}
/** The `value` of the last reply that has one. */
export const lastValue = (replies: Partial<Activity>[]) => [...replies].reverse().find((r) => r.value !== undefined)?.value as Record<string, any> | undefined;
export const questionOf = (replies: Partial<Activity>[]) => lastValue(replies)?.question as string | undefined;
