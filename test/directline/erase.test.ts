import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testConfig } from '../../src/config/config';
import { createLogger } from '../../src/server/logger';
import { startServer, type RunningServer } from '../../src/server/app';

/**
 * "Delete my data" on the website: the bot's records go, and so does the
 * transcript the website channel keeps for reloads. Real server, real bot.
 */

let server: RunningServer;
beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-erase-'));
  server = await startServer(testConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }), { logger: createLogger('silent') });
});
afterAll(() => server.stop());

async function call(method: string, url: string, token?: string, body?: unknown) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { origin: server.url, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

it('forgets the website transcript once the user deletes their data', async () => {
  const { body: issued } = await call('POST', '/api/directline/token');
  const { token, conversationId } = issued;
  await call('POST', '/v3/directline/conversations', token);
  const base = `/v3/directline/conversations/${conversationId}/activities`;
  const user = { id: issued.userId ?? 'dl_user', name: 'Visitor' };
  await call('POST', base, token, { type: 'message', text: 'start', from: user });
  await call('POST', base, token, { type: 'message', text: 'we are an NHS trust', from: user });

  const before = await call('GET', `${base}?watermark=0`, token);
  expect(JSON.stringify(before.body.activities)).toMatch(/NHS trust/);

  await call('POST', base, token, { type: 'message', text: 'delete my data', from: user });
  // "Are you sure?" first: deleting is only done on yes.
  await call('POST', base, token, { type: 'message', text: 'yes', from: user });
  const after = await call('GET', `${base}?watermark=0`, token);
  const texts = (after.body.activities as { text?: string }[]).map((a) => a.text ?? '');
  expect(texts.join('\n')).not.toMatch(/NHS trust/);
  expect(texts.join('\n')).toMatch(/deleted your answers/);
});
