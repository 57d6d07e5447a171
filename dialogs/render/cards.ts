import { Attachment, CardFactory, type Activity, type CardAction } from 'botbuilder';
import { type ChannelInfo, presentationOf, showsSuggestedActions } from '../channel';

/**
 * Adaptive Card building blocks. Version 1.4: the newest Teams renders on
 * every client. Action.Submit data is always an object (Teams drops strings).
 */

export const CARD_VERSION = '1.4';

export type CardElement = Record<string, unknown>;

export interface SubmitChoice {
  title: string;
  data: Record<string, unknown>;
}

/** One of a set of choices: with `data` it stands for a card button, without it is sent back as its title. */
export interface Choice {
  title: string;
  data?: Record<string, unknown>;
}

export const heading = (text: string): CardElement => ({ type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true });
export const paragraph = (text: string): CardElement => ({ type: 'TextBlock', text, wrap: true });

export function submitActions(choices: SubmitChoice[]): CardElement[] {
  return choices.map((choice) => ({ type: 'Action.Submit', title: choice.title, data: choice.data }));
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = [], fallbackText?: string): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    actions,
    ...(fallbackText ? { fallbackText } : {}),
  });
}

/** Numbered choices, for channels and people that read text rather than cards. */
export function numberedList(labels: string[]): string {
  return labels.map((label, index) => `${index + 1}. ${label}`).join('\n');
}

/**
 * Quick replies where the channel shows them (one-to-one chats). Each sends its
 * title back as text, which the turn reads like the button it stands for.
 */
export function suggested(channel: ChannelInfo | undefined, titles: string[]): Pick<Partial<Activity>, 'suggestedActions'> {
  if (!channel || titles.length === 0 || !showsSuggestedActions(channel)) return {};
  return { suggestedActions: { to: [], actions: titles.map((title) => ({ type: 'imBack', title, value: title })) } };
}

/**
 * A message offering a set of choices, shown the one way the channel renders
 * best (dialogs/channel.ts, `presentationOf`), never twice:
 * - Web Chat: suggested actions (a click sends the button's data, shown as its title);
 *   `card` content, if any, is shown without buttons.
 * - Teams: the card with a button per choice (quick replies too in personal chats, as Teams shows them).
 * - text: the choices numbered under the text; `card` content must already be in the text.
 */
export function withChoices(
  channel: ChannelInfo | undefined,
  text: string,
  choices: Choice[],
  card: { body?: CardElement[]; actions?: CardElement[]; fallbackText?: string } = {},
): Partial<Activity> {
  const presentation = channel ? presentationOf(channel) : 'text';
  const body = card.body ?? [];
  const extra = card.actions ?? [];
  if (presentation === 'suggested-actions') {
    return {
      type: 'message',
      text,
      ...(body.length > 0 || extra.length > 0 ? { attachments: [adaptiveCard(body, extra, card.fallbackText)] } : {}),
      ...(choices.length > 0 ? { suggestedActions: { to: [], actions: choices.map(quickReply) } } : {}),
    };
  }
  if (presentation === 'card') {
    // Choices without data (topic suggestions) are typed phrases: quick replies only.
    const buttons = submitActions(choices.flatMap((c) => (c.data ? [{ title: c.title, data: c.data }] : [])));
    const actions = [...extra, ...buttons];
    return {
      type: 'message',
      text,
      ...(body.length > 0 || actions.length > 0 ? { attachments: [adaptiveCard(body, actions, card.fallbackText)] } : {}),
      ...suggested(channel, choices.map((c) => c.title)),
    };
  }
  return {
    type: 'message',
    text: choices.length > 0 ? `${text}\n\n${numberedList(choices.map((c) => c.title))}` : text,
    // Not shown by a text channel; a client that maps typed numbers to choices (the terminal) reads them.
    ...(channel && showsSuggestedActions(channel) && choices.length > 0 ? { suggestedActions: { to: [], actions: choices.map(quickReply) } } : {}),
  };
}

/** Web Chat's suggested action: a button's data travels as the activity's value, its title is what the transcript shows. */
function quickReply(choice: Choice): CardAction {
  if (!choice.data) return { type: 'imBack', title: choice.title, value: choice.title };
  // text too: Web Chat shows a message without text as nothing at all in the transcript.
  return { type: 'messageBack', title: choice.title, text: choice.title, displayText: choice.title, value: choice.data };
}
