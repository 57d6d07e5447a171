import { ActivityTypes } from 'botbuilder';
import { z } from 'zod';
import { DIRECTLINE_CHANNEL_ID } from '../channels/directline/delivery';
import { checkJsonBounds } from '../validation/json-bounds';

/**
 * The parts of an incoming activity that botbuilder and the bot rely on,
 * checked before CloudAdapter sees it, so a malformed one gets a 400 that
 * names the field instead of failing inside a turn.
 */

const KNOWN_ACTIVITY_TYPES = Object.values(ActivityTypes) as [string, ...string[]];

const CONVERSATION_ID = 'needs conversation.id, a string of 1 to 512 characters';

const Account = z.object({ id: z.string().max(512) }).loose();

/**
 * botbuilder's mention helpers read `mentioned.id` and `text` of every mention
 * without checking: a mention must carry both, or the turn would crash inside
 * TurnContext.removeRecipientMention.
 */
const Entity = z
  .object({ type: z.string().max(200) })
  .loose()
  .superRefine((entity, ctx) => {
    if (entity.type !== 'mention') return;
    const mentioned = (entity as { mentioned?: unknown }).mentioned as { id?: unknown } | undefined;
    if (!mentioned || typeof mentioned !== 'object' || typeof mentioned.id !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['mentioned', 'id'], message: 'a mention needs mentioned.id, a string' });
    }
    if (typeof (entity as { text?: unknown }).text !== 'string') ctx.addIssue({ code: 'custom', path: ['text'], message: 'a mention needs its text, a string' });
  });

export const ActivityEnvelopeSchema = z
  .object({
    type: z.enum(KNOWN_ACTIVITY_TYPES, { error: (issue) => `unsupported activity type ${JSON.stringify(issue.input ?? null).slice(0, 40)}` }),
    conversation: z
      .object({ id: z.string({ error: CONVERSATION_ID }).min(1, CONVERSATION_ID).max(512, CONVERSATION_ID) }, { error: CONVERSATION_ID })
      .loose(),
    serviceUrl: z.string().max(2048).optional(),
    deliveryMode: z.string().max(40).optional(),
    text: z.string().optional(),
    from: Account.optional(),
    recipient: Account.optional(),
    membersAdded: z.array(Account).max(1000).optional(),
    membersRemoved: z.array(Account).max(1000).optional(),
    channelId: z.string().max(64).optional(),
    entities: z.array(Entity).max(100).optional(),
    attachments: z.array(z.object({ contentType: z.string() }).loose()).max(50).optional(),
  })
  .loose()
  .refine((activity) => activity.serviceUrl !== undefined || activity.deliveryMode === 'expectReplies', {
    message: 'needs a serviceUrl, or deliveryMode "expectReplies"',
    path: ['serviceUrl'],
  });

export type EnvelopeResult = { ok: true } | { ok: false; status: 400 | 403; error: string };

export interface EnvelopeOptions {
  /** Bot Framework credentials are configured: callers are authenticated by CloudAdapter. */
  authenticated: boolean;
  /**
   * The website's conversations are served by this server's own Direct Line.
   * Their channelId is then reachable only through the channel's token-checked
   * routes, never here. Only Azure mode (DIRECTLINE_SECRET, and credentials so
   * the activity is authenticated) delivers `directline` activities here.
   */
  websiteSelfHosted: boolean;
}

/** Teams and the Emulator send far less; a deeper body is hostile (a 6,000-deep value overflowed the stack). */
export const MAX_ACTIVITY_DEPTH = 32;

/** 127.0.0.0/8, ::1 and localhost: the Emulator, the Agents Playground and this server's own channel. */
export function isLoopbackUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const host = url.hostname.toLowerCase();
    return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

const refuse = (status: 400 | 403, error: string): EnvelopeResult => ({ ok: false, status, error });

/**
 * The door of `POST /api/messages`, before CloudAdapter:
 * - the activity's shape (400 naming the field), its depth, and Teams mentions
 *   botbuilder would otherwise dereference blindly;
 * - the website channel's channelId is refused (403) while that channel is
 *   self-hosted: knowing a conversation id must not open it;
 * - without credentials, the serviceUrl must be a loopback address whatever the
 *   delivery mode, so no caller can make this server call out to a host it
 *   names (a Teams roster lookup, a PUT of a card) — expectReplies included.
 */
export function checkEnvelope(body: unknown, options: EnvelopeOptions = { authenticated: true, websiteSelfHosted: true }): EnvelopeResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return refuse(400, 'The body must be a Bot Framework activity (a JSON object).');
  }
  const bounds = checkJsonBounds(body, { maxDepth: MAX_ACTIVITY_DEPTH });
  if (!bounds.ok) return refuse(400, `Invalid activity: the body ${bounds.reason}.`);
  const parsed = ActivityEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'activity';
    return refuse(400, `Invalid activity: ${field}: ${issue.message}.`);
  }
  const { serviceUrl, channelId } = parsed.data;
  if (options.websiteSelfHosted && typeof channelId === 'string' && channelId.trim().toLowerCase() === DIRECTLINE_CHANNEL_ID) {
    return refuse(
      403,
      `Activities of the website channel ("${DIRECTLINE_CHANNEL_ID}") are accepted only through its Direct Line routes (/v3/directline, with a token for the conversation).`,
    );
  }
  if (!options.authenticated && serviceUrl !== undefined && !isLoopbackUrl(serviceUrl)) {
    return refuse(
      400,
      'Invalid activity: serviceUrl: without Bot Framework credentials this server calls out only to this machine (http://localhost or 127.0.0.1); use deliveryMode "expectReplies" to get the replies in the response.',
    );
  }
  return { ok: true };
}
