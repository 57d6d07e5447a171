import { Conversation } from './client';
import type { Activity } from 'botbuilder';
import { textOf } from '../support/chat';
import { SCENARIOS, converse } from './scenarios';
import { startTestServer, type TestServer } from './server';

/**
 * Whole scoping conversations over the real HTTP endpoint: welcome, the
 * questions the rules ask, and the recommendation scoping.md prescribes,
 * answered by card clicks, by typing, and by a mix of both.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('a conversation answered by clicking the cards', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const { prompts, recommendation } = await converse(new Conversation(server.url), scenario.answers, () => 'click');

    expect(prompts.map((p) => p.question)).toEqual(scenario.asked);
    // Steps count up from 1; the last step is the last question.
    expect(prompts.map((p) => p.step)).toEqual(scenario.asked.map((_q, i) => i + 1));
    expect(prompts[prompts.length - 1].of).toBe(scenario.asked.length);
    expect(recommendation).toEqual({ ...scenario.expected, answers: scenario.answers });
  });
});

describe('the same conversations answered in free text', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const { prompts, recommendation } = await converse(new Conversation(server.url), scenario.answers, () => 'type');

    expect(prompts.map((p) => p.question)).toEqual(scenario.asked);
    expect(recommendation).toEqual({ ...scenario.expected, answers: scenario.answers });
  });
});

describe('clicks and typing mixed in one conversation', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const { recommendation } = await converse(new Conversation(server.url), scenario.answers, (_q, i) => (i % 2 === 0 ? 'type' : 'click'));
    expect(recommendation).toEqual({ ...scenario.expected, answers: scenario.answers });
  });
});

describe('what the person reads with the recommendation', () => {
  it('says why, and carries the non-advice disclaimer', async () => {
    const scenario = SCENARIOS[1];
    const { replies } = await converse(new Conversation(server.url), scenario.answers, () => 'click');
    const last = replies[replies.length - 1];
    const message = last.find((r) => r.value && 'recommendation' in r.value)!;
    expect(textOf([message as Partial<Activity>])).toMatch(/Why/);
    expect(textOf([message as Partial<Activity>])).toMatch(/not legal or compliance advice/);
  });
});

describe('health and the welcome', () => {
  it('the health check answers ok', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('a new user is welcomed with the disclaimer line and three ways on', async () => {
    const replies = await new Conversation(server.url).join();
    expect(replies).toHaveLength(1);
    expect(replies[0].value).toEqual({ welcome: true });
    expect(replies[0].text).toMatch(/not legal or compliance advice/);
  });
});
