import { checkJsonBounds, jsonBytes } from '../../validation/json-bounds';

/**
 * What a visitor may post, before it is logged or reaches the bot: everything
 * kept in the transcript is bounded. Text by DIRECTLINE_MAX_MESSAGE_BYTES;
 * card data, channelData and entities at 4 KB each (a full contact form is
 * under 1 KB); short fields (a locale, a zone, an id) at 100 characters; and
 * nothing nested deeper than 8 levels (a 6,000-deep value once overflowed the stack).
 */

export const MAX_POSTED_DEPTH = 8;
export const MAX_FIELD_BYTES = 4096;
const SHORT_FIELDS = ['textFormat', 'locale', 'localTimestamp', 'localTimezone', 'name', 'replyToId'] as const;
const MAX_SHORT_FIELD_CHARS = 100;

export type PostedCheck = { ok: true } | { ok: false; status: 400 | 413; code: 'BadArgument' | 'MessageSizeTooBig'; message: string };

const bad = (message: string): PostedCheck => ({ ok: false, status: 400, code: 'BadArgument', message });
const tooBig = (message: string): PostedCheck => ({ ok: false, status: 413, code: 'MessageSizeTooBig', message });

export function checkPostedActivity(posted: Record<string, unknown>, maxMessageBytes: number): PostedCheck {
  if (posted.text !== undefined && typeof posted.text !== 'string') return bad('The text must be a string.');
  if (typeof posted.text === 'string' && Buffer.byteLength(posted.text, 'utf8') > maxMessageBytes) return tooBig(`Messages are limited to ${maxMessageBytes} bytes.`);
  for (const field of SHORT_FIELDS) {
    const given = posted[field];
    if (given !== undefined && (typeof given !== 'string' || given.length > MAX_SHORT_FIELD_CHARS)) {
      return bad(`The activity's ${field} must be a string of at most ${MAX_SHORT_FIELD_CHARS} characters.`);
    }
  }
  const bounds = checkJsonBounds(posted, { maxDepth: MAX_POSTED_DEPTH, maxNodes: 2000 });
  if (!bounds.ok) return bad(`The activity ${bounds.reason}.`);
  for (const field of ['value', 'channelData', 'entities'] as const) {
    if (jsonBytes(posted[field]) > MAX_FIELD_BYTES) return tooBig(`The activity's ${field} is limited to ${MAX_FIELD_BYTES} bytes.`);
  }
  return { ok: true };
}
