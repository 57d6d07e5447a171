import type { Activity } from 'botbuilder';
import { fill, type Messages } from '../../src/content/copy';
import type { Assessment, Reason } from '../../src/scoping/recommendation';
import type { Answers } from '../../src/scoping/questions';
import type { ChannelInfo } from '../channel';
import { adaptiveCard, heading, submitActions, suggested } from './cards';

/** Each reason in words, naming the answers that drove it. */
export function reasonTexts(reasons: Reason[], answers: Answers, messages: Messages): string[] {
  const phrases: Record<string, string> = {};
  for (const [question, value] of Object.entries(answers)) {
    const byValue = (messages.answerPhrases as Record<string, Record<string, string>>)[question];
    if (byValue && value) phrases[question] = byValue[value] ?? value;
  }
  return reasons.map((reason) => fill(messages.recommendation.reasons[reason.code], phrases));
}

export function timelineText(assessment: Assessment, messages: Messages): string {
  const { pathway, timeline } = assessment.recommendation;
  const copy = messages.recommendation;
  const base = fill(copy.timelines[pathway], timeline ? { min: timeline.minMonths, max: timeline.maxMonths } : {});
  const longer = timeline && (pathway === '42001-first' || pathway === 'integrated') && timeline.minMonths >= 12;
  return longer ? `${base} ${copy.longerEnd}` : base;
}

/** The recommendation as a person reads it, with the wire `value` of scoping.md. */
export function recommendationMessage(assessment: Assessment, messages: Messages, channel: ChannelInfo): Partial<Activity> {
  const { recommendation } = assessment;
  const copy = messages.recommendation;
  const pathway = copy.pathways[recommendation.pathway];
  const why = reasonTexts(assessment.reasons, recommendation.answers, messages);
  const lines = [
    `**${fill(copy.heading, { title: pathway.title })}**`,
    pathway.summary,
    `**${copy.why}**\n${why.map((reason) => `- ${capitalise(reason)}.`).join('\n')}`,
    `**${copy.timeline}** ${timelineText(assessment, messages)}`,
    recommendation.urgency ? copy.urgency[recommendation.urgency] : null,
    fill(copy.regulators, { regulators: recommendation.regulators.join(', ') }),
    recommendation.euAiAct ? copy.euAiAct[recommendation.euAiAct] : null,
    `_${messages.disclaimer}_`,
    copy.next,
  ].filter((line): line is string => line !== null);

  const actions = [
    { title: copy.actions.book, data: { action: 'book' } },
    { title: copy.actions.ask, data: { action: 'ask' } },
    { title: copy.actions.restart, data: { action: 'restart' } },
  ];
  return {
    type: 'message',
    text: lines.join('\n\n'),
    textFormat: 'markdown',
    value: { recommendation },
    attachments: [adaptiveCard([heading(copy.cardPrompt)], submitActions(actions))],
    ...suggested(channel, actions.map((a) => a.title)),
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
