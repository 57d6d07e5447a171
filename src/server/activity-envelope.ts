import { ActivityTypes } from 'botbuilder';
import { z } from 'zod';

/**
 * The parts of an incoming activity that botbuilder and the bot rely on,
 * checked before CloudAdapter sees it, so a malformed one gets a 400 that
 * names the field instead of failing inside a turn.
 */

const KNOWN_ACTIVITY_TYPES = Object.values(ActivityTypes) as [string, ...string[]];

const CONVERSATION_ID = 'needs conversation.id, a string of 1 to 512 characters';

const Account = z.object({ id: z.string().max(512) }).loose();

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
    entities: z.array(z.object({ type: z.string() }).loose()).max(100).optional(),
    attachments: z.array(z.object({ contentType: z.string() }).loose()).max(50).optional(),
  })
  .loose()
  .refine((activity) => activity.serviceUrl !== undefined || activity.deliveryMode === 'expectReplies', {
    message: 'needs a serviceUrl, or deliveryMode "expectReplies"',
    path: ['serviceUrl'],
  });

export type EnvelopeResult = { ok: true } | { ok: false; error: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Without Bot Framework credentials nobody is authenticated, so the server must
 * not be talked into posting replies to any address a caller names: replies then
 * go only to this machine (the Emulator, the website channel) or back in the
 * HTTP response (expectReplies).
 */
export function isLoopbackUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

export function checkEnvelope(body: unknown, options: { authenticated: boolean } = { authenticated: true }): EnvelopeResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, error: 'The body must be a Bot Framework activity (a JSON object).' };
  }
  const parsed = ActivityEnvelopeSchema.safeParse(body);
  if (parsed.success) {
    const { serviceUrl, deliveryMode } = parsed.data;
    if (!options.authenticated && deliveryMode !== 'expectReplies' && serviceUrl !== undefined && !isLoopbackUrl(serviceUrl)) {
      return {
        ok: false,
        error: 'Invalid activity: serviceUrl: without Bot Framework credentials, replies go only to localhost or back in the response (deliveryMode "expectReplies").',
      };
    }
    return { ok: true };
  }
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || 'activity';
  return { ok: false, error: `Invalid activity: ${field}: ${issue.message}.` };
}
