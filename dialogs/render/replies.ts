import type { Activity } from 'botbuilder';
import { fill, type Messages } from '../../src/content/copy';
import { labelOf, type IntentContent } from '../../src/intents/content';
import type { FaqId, IntentId } from '../../src/intents/ids';
import type { ChannelInfo } from '../channel';
import { adaptiveCard, heading, submitActions, suggested } from './cards';

export function textReply(
  text: string,
  value?: unknown,
  channel?: ChannelInfo,
  quickReplies: string[] = [],
): Partial<Activity> {
  return {
    type: 'message',
    text,
    ...(value !== undefined ? { value } : {}),
    ...suggested(channel, quickReplies),
  };
}

/** What the bot does, the disclaimer in one line, and three ways on. */
export function welcomeMessage(messages: Messages, channel: ChannelInfo): Partial<Activity> {
  const w = messages.welcome;
  const choices = [
    { title: w.choices.start, data: { action: 'start' } },
    { title: w.choices.ask, data: { action: 'ask' } },
    { title: w.choices.book, data: { action: 'book' } },
  ];
  return {
    type: 'message',
    text: `${w.intro}\n\n_${w.disclaimerLine}_`,
    value: { welcome: true },
    attachments: [adaptiveCard([heading(w.title)], submitActions(choices))],
    ...suggested(channel, choices.map((c) => c.title)),
  };
}

/** `text`: the answer as filled in (dialogs/render/faq.ts), when it has settings or sources to show. */
export function faqAnswer(content: IntentContent, id: FaqId, channel: ChannelInfo, text?: string): Partial<Activity> {
  const entry = content.faq[id];
  return textReply(
    text ?? entry.answer,
    { faq: id },
    channel,
    entry.followUps.map((followUp) => labelOf(content, followUp)),
  );
}

/** First miss: what the bot can do, and the closest topics; from the second miss in a row: a person. */
export function offTopicReply(
  content: IntentContent,
  misses: number,
  suggestions: IntentId[],
  channel: ChannelInfo,
  messages: Messages,
): Partial<Activity> {
  const oos = content.outOfScope;
  if (misses >= 2) return textReply(oos.handoff, { outOfScope: misses }, channel, [messages.welcome.choices.book]);
  const labels = suggestions.map((intent) => labelOf(content, intent));
  const text = labels.length > 0 ? `${oos.canHelpWith}\n\n${fill(oos.didYouMean, { suggestions: labels.join(', ') })}` : oos.canHelpWith;
  return textReply(text, { outOfScope: misses }, channel, labels);
}
