import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testConfig } from '../../src/config/config';
import { startServer } from '../../src/server/app';
import { createDirectLineChannel, staticSiteRouter, type DirectLineChannel } from '../../src/channels/directline';

/**
 * The real server (`startServer`) on a loopback port with its own data
 * directory: the scoping bot, its stores, and the website channel. If the
 * server does not serve the widget itself yet, the channel is mounted on it
 * here exactly as the design says (router and site at '/', attach to the server).
 */
export interface Target {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTarget(env: Record<string, string> = {}): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'widget-e2e-'));
  const config = testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env });
  const running = await startServer(config);
  let channel: DirectLineChannel | undefined;
  const servesWidget = (await fetch(`${running.url}/embed.js`)).ok;
  if (!servesWidget) {
    channel = createDirectLineChannel({ config, logger: running.logger, adapter: running.adapter, bot: running.bot, selfUrl: () => running.url });
    running.app.use('/', channel.router);
    running.app.use('/', staticSiteRouter());
    channel.attach(running.server);
  }
  return {
    baseUrl: running.url,
    dataDir,
    async stop() {
      await channel?.close();
      running.server.closeAllConnections();
      await running.stop();
    },
  };
}
