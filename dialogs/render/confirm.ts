import type { Activity } from 'botbuilder';
import { fill, type Messages } from '../../src/content/copy';
import type { Progress } from '../../machines/scoping/progress';
import type { DestructiveCommand, Proposal } from '../../machines/scoping/types';
import type { ChannelInfo } from '../channel';
import { adaptiveCard, submitActions, suggested } from './cards';

/**
 * One-line checks before anything is recorded or wiped:
 * - the confirm-back of scoping.md "On the wire": "Just to check: … — right?",
 *   value `{ question, confirm, step, of }`; Yes submits `{ question, answer }`
 *   (the same as clicking that choice), Change submits `{ question, action: 'change' }`;
 * - "Are you sure?" before starting over or deleting data: `{ question: 'sure', answer: 'yes' | 'no' }`.
 */

export function phraseOf(messages: Messages, proposal: Pick<Proposal, 'question' | 'value'>): string {
  return (messages.answerPhrases as Record<string, Record<string, string>>)[proposal.question]?.[proposal.value] ?? proposal.value;
}

export function confirmBack(proposal: Proposal, progress: Progress, messages: Messages, channel: ChannelInfo): Partial<Activity> {
  const c = messages.confirmBack;
  const choices = [
    { title: c.yes, data: { question: proposal.question, answer: proposal.value } },
    { title: c.change, data: { question: proposal.question, action: 'change' } },
  ];
  return {
    type: 'message',
    text: fill(c.line, { phrase: phraseOf(messages, proposal) }),
    value: { question: proposal.question, confirm: proposal.value, step: progress.step, of: progress.of },
    inputHint: 'expectingInput',
    attachments: [adaptiveCard([], submitActions(choices))],
    ...suggested(channel, choices.map((choice) => choice.title)),
  };
}

export function areYouSure(command: DestructiveCommand, hasBooking: boolean, messages: Messages, channel: ChannelInfo): Partial<Activity> {
  const s = messages.sure;
  const text =
    command === 'restart'
      ? fill(s.restart, { booking: hasBooking ? s.restartBooking : '' })
      : fill(s.deleteData, { booking: hasBooking ? s.deleteBooking : '' });
  const choices = [
    { title: s.yes, data: { question: 'sure', answer: 'yes' } },
    { title: s.no, data: { question: 'sure', answer: 'no' } },
  ];
  return {
    type: 'message',
    text,
    value: { question: 'sure', command },
    inputHint: 'expectingInput',
    attachments: [adaptiveCard([], submitActions(choices))],
    ...suggested(channel, choices.map((choice) => choice.title)),
  };
}
