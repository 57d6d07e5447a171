import { ShowTypingMiddleware, type Middleware, type TurnContext } from 'botbuilder';

/**
 * "…is typing" while a reply takes longer than about 300 ms (a Graph or
 * database call), from botbuilder's own ShowTypingMiddleware: first after
 * 300 ms, then every 2 s until the turn ends.
 *
 * Not for `expectReplies` requests: their replies travel in the HTTP response,
 * where a typing activity would only be one more item to skip.
 */
export const TYPING_DELAY_MS = 300;
export const TYPING_PERIOD_MS = 2000;

export class TypingWhileSlow implements Middleware {
  private readonly typing = new ShowTypingMiddleware(TYPING_DELAY_MS, TYPING_PERIOD_MS);

  onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.deliveryMode === 'expectReplies') return next();
    return this.typing.onTurn(context, next);
  }
}
