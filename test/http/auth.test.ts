import { Conversation, postRaw } from './client';
import { startTestServer, type TestServer } from './server';

/**
 * With a Microsoft app id and password configured, the endpoint is for the
 * Bot Framework only: a POST without a valid token is refused with 401.
 * (Only refusals are tested: accepting a token would need Microsoft's keys.)
 */

let server: TestServer;
// botbuilder's CloudAdapter writes each refusal to console.error; keep the test output readable.
let consoleError: jest.SpyInstance;
beforeAll(async () => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  server = await startTestServer({
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
    MicrosoftAppPassword: 'not-a-real-secret',
  });
});
afterAll(async () => {
  consoleError.mockRestore();
  await server?.close();
});

it('an unauthenticated POST is refused with 401 and no replies', async () => {
  const res = await new Conversation(server.url).post({ type: 'message', text: 'hello' });
  expect(res.status).toBe(401);
  expect(res.replies).toEqual([]);
});

it('a non-Bearer Authorization header is refused with 401', async () => {
  const conversation = new Conversation(server.url);
  const res = await postRaw(server.url, conversation.activity({ type: 'message', text: 'hello' }), {
    headers: { authorization: 'Basic dXNlcjpwYXNz' },
  });
  expect(res.status).toBe(401);
  expect(res.replies).toEqual([]);
});

it('nothing was stored for the refused conversations', async () => {
  const conversation = new Conversation(server.url, { id: 'refused-conversation' });
  await conversation.post({ type: 'message', text: 'hello' });
  const key = `conversation/test/refused-conversation`;
  expect(await server.running.services.storage.sizeOf(key)).toBe(0);
});

it('with credentials but a self-hosted website, the website channelId is still refused with 403', async () => {
  const res = await new Conversation(server.url, { channelId: 'directline' }).post({ type: 'message', text: 'hello' });
  expect(res.status).toBe(403);
  expect(res.replies).toEqual([]);
});
