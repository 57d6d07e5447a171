import { failureCode, retryDelayMs } from './outbox';

describe('retryDelayMs', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [50, 3_600_000],
  ])('attempt %i → %i ms', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });
});

describe('failureCode: status and code only, never the message (it can hold the brief)', () => {
  it.each([
    [Object.assign(new Error('Body: ada@example.org'), { statusCode: 403, code: 'BotNotInConversationRoster' }), 'http-403 BotNotInConversationRoster Error'],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED Error'],
    [{ response: { status: 502 } }, 'http-502'],
    ['a string thrown', 'unknown'],
  ])('%#', (error, expected) => {
    expect(failureCode(error)).toBe(expected);
  });
});
