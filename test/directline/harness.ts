import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from 'botbuilder';
import { testConfig, type Config } from '../../src/config/config';
import { createDirectLineChannel, staticSiteRouter, type DirectLineChannel } from '../../src/channels/directline';

/**
 * A tiny server for the channel's tests: express + CloudAdapter + an echo bot,
 * with the website channel mounted as the real server mounts it.
 */

export class EchoBot extends ActivityHandler {
  readonly seen: { channelId: string; type: string; text?: string; serviceUrl: string; fromId: string }[] = [];

  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity('Welcome to the echo bot.');
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const a = context.activity;
      this.seen.push({ channelId: a.channelId, type: a.type, text: a.text, serviceUrl: a.serviceUrl, fromId: a.from.id });
      const reply = MessageFactory.text(`You said: ${a.text ?? ''}`);
      if (a.value) reply.value = { echo: a.value };
      await context.sendActivity(reply);
      await next();
    });
  }
}

export interface Harness {
  baseUrl: string;
  config: Config;
  bot: EchoBot;
  channel: DirectLineChannel;
  server: http.Server;
  stop(): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'directline-test-'));
}

export async function startHarness(env: Record<string, string> = {}, dataDir = tempDataDir(), botUnderTest?: ActivityHandler): Promise<Harness> {
  const config = testConfig({ DATA_DIR: dataDir, ...env });
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.auth.appId,
      MicrosoftAppPassword: config.auth.appPassword,
      MicrosoftAppType: config.auth.appType,
    }),
  );
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  const bot = new EchoBot();
  const app = express();
  const server = http.createServer(app);
  let selfUrl = '';
  const silent = { info() {}, warn() {}, error() {}, debug() {} };
  const channel = createDirectLineChannel({ config, logger: silent, adapter, bot: botUnderTest ?? bot, selfUrl: () => selfUrl });
  app.use('/', channel.router);
  app.use('/', staticSiteRouter());
  channel.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  selfUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: selfUrl,
    config,
    bot,
    channel,
    server,
    async stop() {
      await channel.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type { TurnContext };
