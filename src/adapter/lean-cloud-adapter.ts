import { CloudAdapter, StatusCodes, type Request, type Response, type TurnContext } from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import { AuthenticationError } from 'botframework-connector';

/**
 * CloudAdapter, minus the zod schemas its `process` builds on every HTTP
 * request (`z.record(z.unknown())` twice and `z.string()`, about 2 % of a
 * scoping turn's CPU). This overrides only the HTTP form of `process` and
 * does what botbuilder 4.23's does, in the same order and with the same
 * answers, checking the body with plain code; the WebSocket form and
 * everything else is botbuilder's own. Check it against
 * node_modules/botbuilder/lib/cloudAdapter.js when upgrading botbuilder.
 */
export class LeanCloudAdapter extends CloudAdapter {
  override process(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  override process(req: Request, socket: unknown, head: unknown, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  override async process(req: Request, resOrSocket: unknown, logicOrHead: unknown, maybeLogic?: (context: TurnContext) => Promise<void>): Promise<void> {
    if (maybeLogic) return (super.process as (...args: unknown[]) => Promise<void>)(req, resOrSocket, logicOrHead, maybeLogic);
    const res = resOrSocket as Response;
    const logic = logicOrHead as (context: TurnContext) => Promise<void>;
    if (!isResponse(res) || typeof logic !== 'function') {
      // Not the HTTP form botbuilder expects: let it say so in its own words.
      return (super.process as (...args: unknown[]) => Promise<void>)(req, resOrSocket, logicOrHead);
    }
    const end = (status: number, body?: unknown) => {
      res.status(status);
      if (body) res.send(body);
      res.end();
    };
    if (req.method !== 'POST') return end(StatusCodes.METHOD_NOT_ALLOWED);
    if (!isRecord(req.body)) {
      return end(StatusCodes.BAD_REQUEST, '`req.body` not an object, make sure you are using middleware to parse incoming requests.');
    }
    const activity = validateAndFixActivity(req.body as never);
    if (!activity.type) {
      console.warn('BadRequest: Missing activity or activity type.');
      return end(StatusCodes.BAD_REQUEST);
    }
    const header = req.headers.Authorization ?? req.headers.authorization ?? '';
    if (typeof header !== 'string') throw new TypeError('Expected string, received ' + (Array.isArray(header) ? 'array' : typeof header));
    try {
      const invokeResponse = await this.processActivity(header, activity, logic);
      return end(invokeResponse?.status ?? StatusCodes.OK, invokeResponse?.body);
    } catch (err) {
      console.error(err);
      return end(err instanceof AuthenticationError ? StatusCodes.UNAUTHORIZED : StatusCodes.INTERNAL_SERVER_ERROR, (err as Error).message ?? err);
    }
  }
}

/** What zod's z.record(z.unknown()) accepts: a plain object (not an array, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isResponse(value: unknown): value is Response {
  const r = value as Record<string, unknown> | null;
  return !!r && typeof r.end === 'function' && typeof r.header === 'function' && typeof r.send === 'function' && typeof r.status === 'function';
}
