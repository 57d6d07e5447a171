import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Request, type Response } from 'botbuilder';
import { LeanCloudAdapter } from './lean-cloud-adapter';

/**
 * LeanCloudAdapter answers every HTTP request exactly as botbuilder's
 * CloudAdapter does: the same table is run through both.
 */

interface Answer {
  status?: number;
  body?: unknown;
  ended: boolean;
}

function fakeResponse(answer: Answer): Response {
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    send(body: unknown) {
      answer.body = body;
      return res;
    },
    header() {
      return res;
    },
    end() {
      answer.ended = true;
      return res;
    },
  };
  return res as unknown as Response;
}

const message = (extra: Record<string, unknown> = {}) => ({
  type: 'message',
  text: 'hello',
  channelId: 'test',
  conversation: { id: 'c1' },
  from: { id: 'u1' },
  recipient: { id: 'bot' },
  serviceUrl: 'http://localhost',
  deliveryMode: 'expectReplies',
  ...extra,
});

const cases: [string, { method: string; body: unknown; headers?: Record<string, string> }, { appId?: string }][] = [
  ['a GET', { method: 'GET', body: message() }, {}],
  ['a body that is not an object', { method: 'POST', body: [message()] }, {}],
  ['a body that is a string', { method: 'POST', body: 'hello' }, {}],
  ['an activity with an empty type', { method: 'POST', body: message({ type: '' }) }, {}],
  ['a message with expectReplies', { method: 'POST', body: message() }, {}],
  ['a message without a token when an app id is set', { method: 'POST', body: message() }, { appId: 'app-1' }],
];

async function answerOf(Adapter: typeof CloudAdapter, request: { method: string; body: unknown; headers?: Record<string, string> }, env: { appId?: string }) {
  const auth = new ConfigurationBotFrameworkAuthentication(env.appId ? { MicrosoftAppId: env.appId, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' } : {});
  const adapter = new Adapter(auth);
  const answer: Answer = { ended: false };
  const req = { method: request.method, body: structuredClone(request.body), headers: request.headers ?? {} } as unknown as Request;
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    await adapter.process(req, fakeResponse(answer), async (context) => {
      await context.sendActivity(`echo: ${context.activity.text}`);
    });
  } finally {
    errors.mockRestore();
    warnings.mockRestore();
  }
  return answer;
}

describe('LeanCloudAdapter answers as CloudAdapter does', () => {
  it.each(cases)('%s', async (_name, request, env) => {
    const expected = await answerOf(CloudAdapter, request, env);
    const actual = await answerOf(LeanCloudAdapter, request, env);
    expect(actual).toEqual(expected);
    expect(actual.ended).toBe(true);
  });

  it('runs the turn and returns its replies', async () => {
    const answer = await answerOf(LeanCloudAdapter, { method: 'POST', body: message() }, {});
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('echo: hello');
  });
});
