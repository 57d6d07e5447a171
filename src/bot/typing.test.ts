import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { TYPING_DELAY_MS, TypingWhileSlow } from './typing';

/** The typing indicator: shown once a reply takes longer than 300 ms, never for a quick one. Fake timers: no waiting. */

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function slowTurn(activity: Partial<Activity>, elapse: number) {
  const work = deferred();
  const adapter = new TestAdapter(async (context) => {
    await work.promise; // the turn waits, as for a database or Graph call
    await context.sendActivity('done');
  });
  adapter.use(new TypingWhileSlow());
  const turn = adapter.receiveActivity({ type: 'message', text: 'hello', ...activity } as Activity);
  await jest.advanceTimersByTimeAsync(elapse);
  const during = adapter.activeQueue.map((a) => a.type);
  work.resolve();
  await turn;
  return { during, after: adapter.activeQueue.map((a) => a.type) };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('sends "typing" once a reply has taken longer than 300 ms, then the reply', async () => {
  const { during, after } = await slowTurn({}, TYPING_DELAY_MS + 1);
  expect(during).toEqual([ActivityTypes.Typing]);
  expect(after).toEqual([ActivityTypes.Typing, ActivityTypes.Message]);
});

it('sends nothing extra for a reply within 300 ms', async () => {
  const { during, after } = await slowTurn({}, TYPING_DELAY_MS - 50);
  expect(during).toEqual([]);
  expect(after).toEqual([ActivityTypes.Message]);
});

it('sends no typing into an expectReplies response, however long the turn', async () => {
  // The reply itself is buffered for the HTTP response; anything the adapter sends besides would be typing.
  const { after } = await slowTurn({ deliveryMode: 'expectReplies' }, 5000);
  expect(after).toEqual([]);
});
