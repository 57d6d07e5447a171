import { createLogger } from '../../src/server/logger';
import { Conversation, postRaw } from './client';
import { startTestServer, type TestServer } from './server';

/**
 * Activities that are JSON but not well-formed Bot Framework activities, and
 * logs that must stay readable: each once failed a turn or garbled a log line.
 */

const logLines: string[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { logger: createLogger('info', (line) => logLines.push(line)) });
});
afterAll(async () => {
  await server?.close();
});

// src/server/logger.ts: the PHONE mask /\+?\d[\d ()-]{7,}\d/ also matches an ISO date
// ("2026-11-30"), so every line's `time` reads "[phone]T12:22:45.202Z", and ids with
// long digit runs (Teams "19:meeting_123456789", Direct Line ids) are masked too.
it('every server log line keeps its ISO timestamp', async () => {
  await new Conversation(server.url).join();
  expect(logLines.length).toBeGreaterThan(0);
  for (const line of logLines) {
    const { time } = JSON.parse(line) as { time: string };
    expect(new Date(time).toISOString()).toBe(time);
  }
});

// src/bot/scoping-bot.ts turnEventOf: `(activity.membersAdded ?? []).some(...)` throws when
// membersAdded is not an array or holds null; the turn fails with "Sorry, something went wrong".
it('a conversationUpdate with a malformed membersAdded is ignored (or refused), not a turn error', async () => {
  const conversation = new Conversation(server.url);
  for (const membersAdded of ['abc', [null]]) {
    const res = await conversation.post({ type: 'conversationUpdate', membersAdded });
    expect([200, 400]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toMatch(/something went wrong/i);
  }
});

// src/bot/scoping-bot.ts addressedToBot → TurnContext.getMentions assumes every entity has a
// string `type`; a group message with an entity without one fails the turn.
it('a group message with an entity lacking a type is not a turn error', async () => {
  const conversation = new Conversation(server.url, { id: `group-${Date.now()}` });
  const res = await postRaw(server.url, conversation.activity({ type: 'message', text: 'hello', conversation: { id: conversation.id, isGroup: true }, entities: [{}] }));
  // Refused at the door with a reason naming the field, before any turn runs.
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toMatch(/entities\.0\.type/);
  expect(JSON.stringify(res.body)).not.toMatch(/something went wrong/i);
});

// Without credentials nobody is authenticated: the server must not post replies wherever a caller says.
it('without credentials, a serviceUrl off this machine is refused (no outbound request is made)', async () => {
  const conversation = new Conversation(server.url, { id: `ssrf-${Date.now()}` });
  const activity = conversation.activity({ type: 'message', text: 'hello', serviceUrl: 'http://169.254.169.254/latest/' });
  delete (activity as { deliveryMode?: string }).deliveryMode;
  const res = await postRaw(server.url, activity);
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toMatch(/serviceUrl/);
});
