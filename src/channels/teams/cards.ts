import type { Activity } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { CARD_VERSION } from '../../../dialogs/render/cards';
import type { TurnServices } from '../../../dialogs/services';
import { choiceLabels } from '../../../dialogs/render/questions';
import { formatSlot, slotStartFromId } from '../../booking/slots';
import { fill } from '../../content/copy';
import { renderBriefCard, type Brief } from '../../leads/brief';
import { isQuestionId } from '../../scoping/questions';
import { teamsCopy } from './copy';
import type { ContactMark } from './store';

/** Cards only the Teams channel sends: the brief in the practitioners' channel, and a question card once answered. */

type Card = Record<string, unknown>;

/** The brief card; once contacted, the button becomes a line saying who and when. */
export function briefActivity(brief: Brief, contacted: ContactMark | null): Partial<Activity> {
  const card = renderBriefCard(brief) as Card & { body: Card[]; actions: Card[] };
  const shown: Card = {
    ...card,
    body: contacted
      ? [...card.body, { type: 'TextBlock', text: contactedText(contacted, brief.timeZone, false), color: 'Good', wrap: true }]
      : card.body,
    actions: card.actions.filter((a) => !(contacted && a.type === 'Action.Submit')),
  };
  return {
    type: 'message',
    attachments: [CardFactory.adaptiveCard(shown)],
  };
}

export function contactedText(contacted: ContactMark, timeZone: string, already: boolean): string {
  const c = teamsCopy().practitioners;
  const time = formatSlot({ start: contacted.contactedAt, end: contacted.contactedAt }, timeZone).split('–')[0];
  return fill(already ? c.alreadyContacted : c.contactedBy, { name: contacted.byName, time });
}

/**
 * What an answered question card becomes: its question and the choice made,
 * no buttons, so an old card cannot be clicked again. Null when the submit was
 * not an answer (e.g. "later slots").
 */
export function answeredActivity(id: string, submit: Record<string, unknown>, services: TurnServices): Partial<Activity> | null {
  const copy = teamsCopy().answered;
  const b = services.messages.booking;
  const question = submit.question;
  const answer = typeof submit.answer === 'string' ? submit.answer : undefined;
  let prompt: string | undefined;
  let label: string | undefined;
  if (typeof question === 'string' && isQuestionId(question) && answer) {
    prompt = services.questions[question].prompt;
    label = choiceLabels(services.questions, question).find((c) => c.value === answer)?.label;
  } else if (question === 'disclaimer' && answer) {
    prompt = b.disclaimerPrompt;
    label = (b.disclaimerChoices as Record<string, string>)[answer];
  } else if (question === 'confirm' && answer) {
    label = (b.confirmChoices as Record<string, string>)[answer];
  } else if (question === 'slot' && answer) {
    const start = slotStartFromId(answer);
    if (start) {
      const end = new Date(start.getTime() + services.config.booking.slotMinutes * 60_000);
      label = formatSlot({ start: start.toISOString(), end: end.toISOString() }, services.config.booking.timeZone);
    }
  } else if (question === 'contact') {
    prompt = b.formTitle;
    label = '';
  }
  if (label === undefined) return null;
  const body: Card[] = [
    ...(prompt ? [{ type: 'TextBlock', text: prompt, weight: 'Bolder', wrap: true }] : []),
    { type: 'TextBlock', text: question === 'contact' ? copy.contact : fill(copy.chose, { answer: label }), wrap: true },
    { type: 'TextBlock', text: copy.note, isSubtle: true, size: 'Small', wrap: true, spacing: 'Small' },
  ];
  return {
    type: 'message',
    id,
    attachments: [CardFactory.adaptiveCard({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body })],
  };
}
