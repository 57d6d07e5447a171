import type { Activity } from 'botbuilder';
import type { QuestionContent } from '../../src/answers/question-content';
import { fill, type Messages } from '../../src/content/copy';
import { QUESTION_VALUES, QuestionId } from '../../src/scoping/questions';
import type { Progress } from '../../machines/scoping/progress';
import type { ChannelInfo } from '../channel';
import { adaptiveCard, numberedList, paragraph, submitActions, suggested } from './cards';

export type PromptVariant = 'full' | 'reask' | 'reask-help' | 'resume' | 'stale' | 'bad-card';

export interface QuestionView {
  question: QuestionId;
  progress: Progress;
  variant: PromptVariant;
}

export function choiceLabels(questions: QuestionContent, question: QuestionId): { value: string; label: string; hint?: string }[] {
  const copy = questions[question];
  return (QUESTION_VALUES[question] as readonly string[]).map((value) => {
    const choice = (copy.choices as Record<string, { label: string; hint?: string }>)[value];
    return { value, label: choice.label, hint: choice.hint };
  });
}


/** A scoping question: a card with a button per choice, suggested actions where shown, numbered text otherwise. */
export function questionPrompt(
  view: QuestionView,
  messages: Messages,
  questions: QuestionContent,
  channel: ChannelInfo,
): Partial<Activity> {
  const copy = questions[view.question];
  const choices = choiceLabels(questions, view.question);
  const progressLine = fill(messages.progress, { step: view.progress.step, of: view.progress.of });
  const lead: Record<PromptVariant, string> = {
    full: `${progressLine}: ${copy.prompt}`,
    reask: `${messages.unmapped.first}`,
    'reask-help': `${messages.unmapped.second} ${copy.help}`,
    resume: fill(messages.resume, { prompt: copy.prompt }),
    stale: fill(messages.staleCard, { prompt: copy.prompt }),
    'bad-card': fill(messages.badCard, { prompt: copy.prompt }),
  };
  const value = { question: view.question, step: view.progress.step, of: view.progress.of };
  const numbered = numberedList(choices.map((c) => c.label));
  const activity: Partial<Activity> = { type: 'message', value, inputHint: 'expectingInput' };

  if (view.variant === 'resume') {
    // One line, not the whole card again.
    activity.text = lead.resume;
  } else {
    activity.text = view.variant === 'full' ? lead.full : `${lead[view.variant]}\n\n${numbered}`;
    activity.attachments = [
      adaptiveCard(
        // The question itself is the message text; the card adds what each choice means, and the buttons.
        choices.filter((c) => c.hint).map((c) => paragraph(`**${c.label}**: ${c.hint}`)),
        submitActions(choices.map((c) => ({ title: c.label, data: { question: view.question, answer: c.value } }))),
        `${progressLine}: ${copy.prompt}\n${numbered}`,
      ),
    ];
  }
  Object.assign(activity, suggested(channel, choices.map((c) => c.label)));
  return activity;
}
