import http from 'node:http';
import { Conversation, promptIn, type Posted } from './client';
import { SCENARIOS, converse } from './scenarios';
import { startTestServer, type TestServer } from './server';

/**
 * Quick messages and many users at once. Turns of one conversation are
 * handled in the order they arrive, never interleaved, so no answer is lost;
 * different conversations proceed in parallel.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Posts an activity without waiting: `written` once it is on the socket, `reply` when answered. */
function postInOrder(conversation: Conversation, fields: Record<string, unknown>, agent: http.Agent): { written: Promise<void>; reply: Promise<Posted> } {
  let written!: () => void;
  const writtenPromise = new Promise<void>((resolve) => (written = resolve));
  const body = JSON.stringify(conversation.activity(fields));
  const reply = new Promise<Posted>((resolve, reject) => {
    const req = http.request(new URL('/api/messages', server.url), {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('finish', () => written());
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve({ status: res.statusCode ?? 0, body: parsed, replies: parsed.activities ?? [] });
      });
    });
    req.end(body);
  });
  return { written: writtenPromise, reply };
}

/**
 * HTTP gives no order between requests on different connections: two posts
 * sent a millisecond apart can reach the bot either way round. To test "the
 * second message answers the next question" without a race in the test, each
 * post is sent once the previous one has reached the bot's turn queue, and the
 * first turn is held until all have arrived, so they really are in flight
 * together. The queue itself is the real one.
 */
function holdFirstTurnUntil(count: number): { enqueued: (n: number) => Promise<void>; restore(): void } {
  const queue = server.running.bot.queue;
  const original = queue.run.bind(queue);
  let seen = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const spy = jest.spyOn(queue, 'run').mockImplementation(<T>(key: string, task: () => Promise<T>) => {
    seen += 1;
    const held = seen === 1 ? async () => (await gate, task()) : task;
    const result = original(key, held);
    for (const w of waiters.filter((w) => seen >= w.n)) w.resolve();
    if (seen >= count) release();
    return result;
  });
  return {
    enqueued: (n) => (seen >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    restore: () => spy.mockRestore(),
  };
}

describe('two quick messages in one conversation', () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  afterAll(() => agent.destroy());
  let hold: ReturnType<typeof holdFirstTurnUntil> | null = null;
  afterEach(() => hold?.restore());

  it('two clicks sent back to back: both answers kept, the second answers the next question', async () => {
    const conversation = new Conversation(server.url);
    await conversation.join();
    await conversation.start();
    expect(promptIn(await conversation.click('ai_use', 'active'))).toMatchObject({ question: 'certification', step: 2 });

    hold = holdFirstTurnUntil(2);
    const first = postInOrder(conversation, { type: 'message', value: { question: 'certification', answer: 'none' } }, agent);
    await hold.enqueued(1); // at the bot, not answered
    const second = postInOrder(conversation, { type: 'message', value: { question: 'infosec_maturity', answer: 'reasonable' } }, agent);
    const [a, b] = await Promise.all([first.reply, second.reply]);

    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(promptIn(a.replies)).toEqual({ question: 'infosec_maturity', step: 3, of: 7 });
    expect(promptIn(b.replies)).toEqual({ question: 'ai_materiality', step: 4, of: 7 });

    // And the conversation carries on from there with both answers kept.
    let replies = await conversation.click('ai_materiality', 'high');
    for (const [q, v] of [['sector', 'technology'], ['eu_exposure', 'no'], ['procurement', 'none']] as const) {
      expect(promptIn(replies)?.question).toBe(q);
      replies = await conversation.click(q, v);
    }
    const recommendation = replies.find((r) => r.value && 'recommendation' in r.value)!.value!.recommendation as { answers: unknown; pathway: string };
    expect(recommendation.pathway).toBe('42001-first');
    expect(recommendation.answers).toMatchObject({ certification: 'none', infosec_maturity: 'reasonable' });
  });

  it('two typed answers sent back to back', async () => {
    const conversation = new Conversation(server.url);
    await conversation.join();
    await conversation.start();
    hold = holdFirstTurnUntil(2);
    const first = postInOrder(conversation, { type: 'message', text: 'we have AI in production' }, agent);
    await hold.enqueued(1);
    const second = postInOrder(conversation, { type: 'message', text: "we're not certified" }, agent);
    const [a, b] = await Promise.all([first.reply, second.reply]);
    expect(promptIn(a.replies)).toMatchObject({ question: 'certification', step: 2 });
    expect(promptIn(b.replies)).toMatchObject({ question: 'infosec_maturity', step: 3 });
  });

  it('five messages to one conversation at once: every one gets a reply, none is lost or crashes the turn', async () => {
    const conversation = new Conversation(server.url);
    await conversation.join();
    await conversation.start();
    const answers = [
      ['ai_use', 'active'],
      ['certification', 'none'],
      ['infosec_maturity', 'weak'],
      ['ai_materiality', 'low'],
      ['sector', 'other'],
    ];
    hold = holdFirstTurnUntil(answers.length);
    const posts = [];
    for (const [question, answer] of answers) {
      const post = postInOrder(conversation, { type: 'message', value: { question, answer } }, agent);
      await hold.enqueued(posts.length + 1);
      posts.push(post.reply);
    }
    const results = await Promise.all(posts);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.map((r) => promptIn(r.replies)?.step)).toEqual([2, 3, 4, 5, 6]);
    expect(promptIn(await conversation.click('eu_exposure', 'no'))).toMatchObject({ question: 'procurement', step: 7 });
  });
});

describe('many conversations in parallel', () => {
  it('twenty-one whole conversations at once each reach their own recommendation', async () => {
    const runs = SCENARIOS.flatMap((scenario) =>
      (['click', 'type', 'mixed'] as const).map(async (how) => {
        const { recommendation } = await converse(new Conversation(server.url), scenario.answers, (_q, i) =>
          how === 'mixed' ? (i % 2 ? 'click' : 'type') : how,
        );
        return { name: `${scenario.name} (${how})`, recommendation, expected: { ...scenario.expected, answers: scenario.answers } };
      }),
    );
    const results = await Promise.all(runs);
    expect(results).toHaveLength(21);
    for (const result of results) expect({ name: result.name, got: result.recommendation }).toEqual({ name: result.name, got: result.expected });
  });

  it('one slow conversation does not hold up another', async () => {
    // A 100 KB message in one conversation and a normal answer in another, together.
    const slow = new Conversation(server.url);
    const quick = new Conversation(server.url);
    await Promise.all([slow.join(), quick.join()]);
    await Promise.all([slow.start(), quick.start()]);
    const [a, b] = await Promise.all([slow.say('x '.repeat(50_000)), quick.click('ai_use', 'none')]);
    expect(a.length).toBeGreaterThan(0);
    expect(promptIn(b)).toMatchObject({ question: 'certification', step: 2 });
  });
});
