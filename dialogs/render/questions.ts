import type { Activity } from 'botbuilder';
import type { QuestionContent } from '../../src/answers/question-content';
import { fill, type Messages } from '../../src/content/copy';
import { QUESTION_VALUES, QuestionId } from '../../src/scoping/questions';
import type { Progress } from '../../machines/scoping/progress';
import { presentationOf, type ChannelInfo } from '../channel';
import { numberedList, withChoices } from './cards';

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

/**
 * A scoping question, its choices shown once in the channel's presentation
 * (cards.ts `withChoices`). What each choice means is in the question's help
 * ("help", or the second re-ask), so the choices stay one short row of buttons.
 */
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
  if (view.variant === 'resume' && presentationOf(channel) !== 'suggested-actions') {
    // One line, not the whole card again (Web Chat's quick replies vanish after each message, so it gets them back).
    return { type: 'message', text: lead.resume, value, inputHint: 'expectingInput' };
  }
  const buttons = choices.map((c) => ({ title: c.label, data: { question: view.question, answer: c.value } }));
  return {
    ...withChoices(channel, lead[view.variant], buttons, { fallbackText: `${lead[view.variant]}\n${numberedList(choices.map((c) => c.label))}` }),
    value,
    inputHint: 'expectingInput',
  };
}
