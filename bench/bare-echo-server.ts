import express from 'express';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { type RunningEchoServer, serveOnLoopback } from './echo-server';

/**
 * The floor for `npm run bench`: botbuilder's own echo sample, nothing of
 * this project in it. express with a JSON body parser, a stock CloudAdapter
 * (no caching of its clients), an ActivityHandler that echoes the text, no
 * storage. What the scoping bot costs beyond this is everything: scoping,
 * storage and this project's changes to the stack.
 */

class BareEchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

export async function startBareEchoServer(): Promise<RunningEchoServer> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new BareEchoBot();
  const app = express();
  app.post('/api/messages', express.json(), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return serveOnLoopback(app);
}
