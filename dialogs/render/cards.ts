import { Attachment, CardFactory, type Activity } from 'botbuilder';
import { type ChannelInfo, showsSuggestedActions } from '../channel';

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
