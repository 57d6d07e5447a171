import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ActivityHandler, CloudAdapter, type Storage } from 'botbuilder';
import type { Config } from '../src/config/config';
import { configuredAuthentication, createAdapter } from '../src/server/app';
import type { Logger } from '../src/server/logger';

/**
 * The baseline for `npm run bench`: the same stack as the scoping bot
 * (express 5, the same JSON body limit, SqliteStorage with eTags, and either
 * the scoping bot's adapter or botbuilder's stock one: `EchoAdapter`) with
 * the least possible bot on top: read a small per-conversation record, bump
 * it, write it back, echo the text. On the scoping bot's adapter, whatever
 * the scoping bot costs beyond this is the cost of scoping.
 */

interface EchoRecord {
  turns: number;
  lastText: string;
  eTag?: string;
}

export class EchoBot extends ActivityHandler {
  constructor(private readonly storage: Storage) {
    super();
    this.onMessage(async (context, next) => {
      const key = EchoBot.keyFor(context.activity.channelId, context.activity.conversation.id);
      const items = await this.storage.read([key]);
      const record = (items[key] as EchoRecord | undefined) ?? { turns: 0, lastText: '', eTag: '' };
      const text = typeof context.activity.text === 'string' ? context.activity.text.slice(0, 2000) : '';
      await this.storage.write({ [key]: { turns: record.turns + 1, lastText: text, eTag: record.eTag ?? '' } });
      await context.sendActivity({ type: 'message', text: `echo: ${text}`, value: { turn: record.turns + 1 } });
      await next();
    });
  }

  static keyFor(channelId: string, conversationId: string): string {
    return `echo/${encodeURIComponent(channelId)}/${encodeURIComponent(conversationId)}`;
  }
}

export interface RunningEchoServer {
  url: string;
  server: http.Server;
  stop(): Promise<void>;
}

/**
 * Which CloudAdapter the echo runs on. `project`: the one `createAdapter`
 * builds for the scoping bot (kept clients, no per-request schemas), so the
 * two differ only in the bot. `stock`: botbuilder's own CloudAdapter, as the
 * echo ran when issue 12 set its goal against it (commit 26976b3); the
 * project's adapter work sped this baseline up along with the scoping bot.
 */
export type EchoAdapter = 'project' | 'stock';

export async function startEchoServer(config: Config, storage: Storage, logger: Logger, on: EchoAdapter = 'project'): Promise<RunningEchoServer> {
  const adapter = on === 'project' ? createAdapter(config, logger) : new CloudAdapter(configuredAuthentication(config));
  const bot = new EchoBot(storage);
  const app = express();
  app.disable('x-powered-by');
  app.post('/api/messages', express.json({ limit: '256kb', type: () => true }), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return serveOnLoopback(app);
}

/** `app` on a free loopback port, for the bench's baseline bots. */
export async function serveOnLoopback(app: express.Express): Promise<RunningEchoServer> {
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
