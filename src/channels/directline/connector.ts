import type { Conversations } from './conversations';
import type { TranscriptStore as Transcript, WireActivity } from './transcript-store';

/**
 * The Bot Connector side of the channel: where botbuilder's ConnectorClient
 * sends the bot's replies (serviceUrl = `<self>/directline-connector`).
 *
 *   POST …/v3/conversations/:conversationId/activities              send
 *   POST …/v3/conversations/:conversationId/activities/:activityId  reply
 *   PUT  …/v3/conversations/:conversationId/activities/:activityId  update
 *
 * The bot shares this process, so its ConnectorClient reaches these without
 * the network (in-process-connector.ts) and nothing listens on that path: no
 * one else can post as the bot. An update is logged as a new entry carrying
 * the same id, so streams and pollers past the original still receive it.
 */

export const CONNECTOR_PATH = '/directline-connector';

export interface ConnectorDeps {
  conversations: Conversations;
  transcript: Transcript;
}

export interface ConnectorCall {
  method: string;
  conversationId: string;
  activityId?: string;
  body: unknown;
}

export interface ConnectorAnswer {
  status: number;
  body: object;
}

const notFound = (message: string): ConnectorAnswer => ({ status: 404, body: { error: { code: 'NotFound', message } } });

/** One call of the connector API, wherever it came from. */
export async function connectorCall(deps: ConnectorDeps, call: ConnectorCall): Promise<ConnectorAnswer> {
  const { conversationId, activityId } = call;
  const sent = (call.body && typeof call.body === 'object' ? call.body : {}) as WireActivity;
  if (call.method === 'POST') {
    if (!(await deps.conversations.exists(conversationId))) return notFound('No such conversation.');
    return { status: 200, body: { id: (await deps.conversations.logFromBot(conversationId, sent)).id } };
  }
  if (call.method === 'PUT' && activityId !== undefined) {
    if (!(await deps.conversations.exists(conversationId)) || !(await deps.transcript.findActivity(conversationId, activityId))) return notFound('No such activity.');
    await deps.conversations.logUpdate(conversationId, activityId, sent);
    return { status: 200, body: { id: activityId } };
  }
  if (call.method === 'DELETE' && activityId !== undefined) return { status: 200, body: {} };
  return { status: 405, body: { error: { code: 'BadArgument', message: `${call.method} is not supported here.` } } };
}

const ACTIVITIES_PATH = new RegExp(`^${CONNECTOR_PATH}/v3/conversations/([^/]+)/activities(?:/([^/]+))?$`);

/** The conversation and activity a connector URL names, or undefined when it is not one of ours. */
export function parseConnectorUrl(url: string): { conversationId: string; activityId?: string } | undefined {
  const match = ACTIVITIES_PATH.exec(new URL(url).pathname);
  if (!match) return undefined;
  return { conversationId: decodeURIComponent(match[1]), activityId: match[2] === undefined ? undefined : decodeURIComponent(match[2]) };
}
