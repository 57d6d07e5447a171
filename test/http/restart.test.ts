import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, stopAllBots } from './bot-process';
import { Conversation, promptIn, recommendationIn } from './client';
import { SCENARIOS } from './scenarios';

/**
 * The process stops in the middle of a conversation and a new one starts on
 * the same data folder: the person carries on where they were.
 *
 *   process 1: welcome → Q1 ai_use (click) → Q2 certification (typed) → Q3 prompt
 *   SIGTERM → exits 0
 *   process 2: answer Q3 … → the recommendation
 */

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-restart-'));
});
afterAll(async () => {
  await stopAllBots();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('a conversation survives a restart of the process between the second and third questions', async () => {
  const scenario = SCENARIOS.find((s) => s.expected.pathway === '27001-first')!;
  const conversationId = `restart-${process.pid}`;

  // ── first process ──
  const first = await startBot(dataDir);
  const before = new Conversation(first.url, { id: conversationId });
  await before.join();
  expect(promptIn(await before.start())).toMatchObject({ question: 'ai_use', step: 1 });
  expect(promptIn(await before.click('ai_use', scenario.answers.ai_use))).toMatchObject({ question: 'certification', step: 2 });
  const third = promptIn(await before.say("we're not certified"));
  expect(third).toMatchObject({ question: 'infosec_maturity', step: 3 });

  first.child.kill('SIGTERM');
  expect(await first.exited).toEqual({ code: 0, signal: null });

  // ── second process, same data folder ──
  const second = await startBot(dataDir);
  const after = new Conversation(second.url, { id: conversationId });

  // The user comes back: the pending question is offered again, at the same step.
  const resumed = promptIn(await after.join());
  expect(resumed).toEqual(third);

  let replies = await after.click('infosec_maturity', scenario.answers.infosec_maturity);
  const asked = ['ai_use', 'certification', 'infosec_maturity'];
  for (let turn = 0; turn < 8 && !recommendationIn(replies); turn += 1) {
    const prompt = promptIn(replies)!;
    expect(prompt.step).toBe(asked.length + 1);
    asked.push(prompt.question);
    replies = await after.click(prompt.question, scenario.answers[prompt.question]);
  }
  expect(asked).toEqual(scenario.asked);
  expect(recommendationIn(replies)).toEqual({ ...scenario.expected, answers: scenario.answers });

  second.child.kill('SIGTERM');
  expect(await second.exited).toEqual({ code: 0, signal: null });
}, 90000);
