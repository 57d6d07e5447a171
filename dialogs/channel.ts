import type { Activity } from 'botbuilder';

/** What the presentation needs to know about where a turn comes from. */
export interface ChannelInfo {
  channelId: string;
  /** Teams/Slack style group conversations: suggested actions don't show there. */
  isGroup: boolean;
  /** IANA zone from the activity's `localTimezone`, when the client sends one. */
  localTimeZone: string | null;
  userName: string | null;
  /**
   * Who the channel says the user is (Teams: display name, and email where the
   * roster gives it). Only ever used to prefill the contact form the user then
   * confirms; never stored before consent.
   */
  identity?: { name?: string; email?: string };
}

const SUGGESTED_ACTION_CHANNELS = new Set(['msteams', 'directline', 'webchat', 'emulator', 'test', 'terminal']);
/**
 * Channels whose client is Web Chat: it shows suggested actions under the transcript in every conversation.
 * `test` (botbuilder's TestAdapter, HTTP with expectReplies) is presented as the website is.
 */
const WEB_CHAT_CHANNELS = new Set(['directline', 'webchat', 'emulator', 'test']);

/**
 * How a set of choices is shown, one way per channel (docs/ARCHITECTURE.md, "Presentation"):
 * - `suggested-actions`: Web Chat. Buttons under the transcript; no card buttons, no numbered list.
 * - `card`: Teams. An Adaptive Card with a button per choice (plus quick replies in personal chats).
 * - `text`: the terminal and any channel not known to render cards: a numbered list in the text.
 */
export type Presentation = 'suggested-actions' | 'card' | 'text';

export function channelInfo(activity: Partial<Activity>): ChannelInfo {
  const zone = typeof activity.localTimezone === 'string' ? activity.localTimezone : null;
  return {
    channelId: activity.channelId ?? 'unknown',
    isGroup: activity.conversation?.isGroup === true || activity.conversation?.conversationType === 'channel',
    localTimeZone: zone && isKnownZone(zone) ? zone : null,
    userName: activity.from?.name ?? null,
  };
}

export function presentationOf(channel: ChannelInfo): Presentation {
  if (WEB_CHAT_CHANNELS.has(channel.channelId) && !channel.isGroup) return 'suggested-actions';
  if (channel.channelId === 'msteams' || WEB_CHAT_CHANNELS.has(channel.channelId)) return 'card';
  return 'text';
}

export function showsSuggestedActions(channel: ChannelInfo): boolean {
  return SUGGESTED_ACTION_CHANNELS.has(channel.channelId) && !channel.isGroup;
}

// Building a formatter to test a zone is slow for a per-turn check, and clients send few distinct zones.
const zoneChecks = new Map<string, boolean>();

function isKnownZone(zone: string): boolean {
  let known = zoneChecks.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (zoneChecks.size > 500) zoneChecks.clear();
    zoneChecks.set(zone, known);
  }
  return known;
}
