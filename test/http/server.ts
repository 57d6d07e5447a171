import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testConfig } from '../../src/config/config';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/app';

/** The real server, in this process, on a free loopback port with its own temp data folder. */
export interface TestServer {
  running: RunningServer;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-test-'));
  const running = await startServer(testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env }), options);
  return {
    running,
    url: running.url,
    dataDir,
    async close() {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
