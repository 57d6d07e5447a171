import type { Activity } from 'botbuilder';
import { CONTACT_FIELDS, type Contact, type ContactField } from '../../src/contact/contact';
import { fill, type Messages } from '../../src/content/copy';
import { formatSlot } from '../../src/booking/slots';
import type { BookingSummary, OfferedSlot } from '../../machines/scoping/types';
import type { ChannelInfo } from '../channel';
import { adaptiveCard, heading, numberedList, paragraph, submitActions, suggested } from './cards';

/** Booking prompts of shared/spec/booking.md, each with its wire `value`. */

const LONDON = 'Europe/London';


/** "Mon 30 Mar, 09:00–09:30", plus the user's own time when their zone differs. */
export function slotLabel(slot: Pick<OfferedSlot, 'start' | 'end'>, channel: ChannelInfo, messages: Messages): string {
  const london = formatSlot(slot, LONDON);
  const zone = channel.localTimeZone;
  if (!zone || formatSlot(slot, zone) === london) return london;
  return `${london} (${fill(messages.booking.yourZone, { time: formatSlot(slot, zone) })})`;
}

export function disclaimerPrompt(messages: Messages, channel: ChannelInfo): Partial<Activity> {
  const b = messages.booking;
  return twoWayQuestion(b.disclaimerPrompt, { question: 'disclaimer' }, channel, [
    [b.disclaimerChoices.accept, 'accept'],
    [b.disclaimerChoices.decline, 'decline'],
  ]);
}

/**
 * A booking step answered by one of two buttons: the question is the text, the
 * card carries only the buttons (object data), quick replies where shown.
 */
function twoWayQuestion(
  text: string,
  value: { question: string } & Record<string, unknown>,
  channel: ChannelInfo,
  choices: [title: string, answer: string][],
): Partial<Activity> {
  return {
    type: 'message',
    text,
    value,
    attachments: [adaptiveCard([], submitActions(choices.map(([title, answer]) => ({ title, data: { question: value.question, answer } }))))],
    ...suggested(channel, choices.map(([title]) => title)),
  };
}

/** The form (cards) and, in the same message, the typed route: agree first, then field by field. */
export function contactForm(
  messages: Messages,
  channel: ChannelInfo,
  privacyUrl: string,
  prefill: Partial<Contact> = {},
  problems: Partial<Record<ContactField, string>> = {},
  submitData: Record<string, string> = {},
): Partial<Activity> {
  const b = messages.booking;
  const problemText = Object.entries(problems)
    .map(([field, reason]) => `${b.fieldLabels[field as ContactField]}: ${reason}`)
    .join('; ');
  const inputs = CONTACT_FIELDS.flatMap((field) => {
    const required = field === 'name' || field === 'email' || field === 'organisation';
    return [
      {
        type: 'Input.Text',
        id: field,
        label: `${b.fieldLabels[field]}${required ? ' *' : ''}`,
        isRequired: required,
        style: field === 'email' ? 'Email' : field === 'phone' ? 'Tel' : 'Text',
        value: prefill[field] ?? '',
        maxLength: 150,
        // Web Chat refuses to render a required input without an error message.
        ...(problems[field] || required ? { errorMessage: problems[field] ?? `${b.fieldLabels[field]} is required` } : {}),
      },
      ...(problems[field] ? [{ type: 'TextBlock', text: problems[field], color: 'Attention', wrap: true, spacing: 'None' }] : []),
    ];
  });
  const text = problemText ? fill(b.formProblems, { problems: problemText }) : fill(b.consentPrompt, { privacyUrl });
  return {
    type: 'message',
    text,
    value: { question: 'contact' },
    attachments: [
      adaptiveCard(
        [
          heading(b.formTitle),
          paragraph(b.formIntro),
          ...inputs,
          { type: 'Input.Toggle', id: 'consent', title: b.formConsent, valueOn: 'true', valueOff: 'false', value: 'false', isRequired: true, label: b.formPrivacy, errorMessage: b.consentRequired },
          { type: 'TextBlock', text: `[${b.formPrivacy}](${privacyUrl})`, wrap: true },
        ],
        [{ type: 'Action.Submit', title: b.formSubmit, data: { ...submitData, question: 'contact' } }],
      ),
    ],
    ...suggested(channel, [b.consentChoices.yes, b.consentChoices.no]),
  };
}

export function fieldPrompt(field: ContactField, messages: Messages, reason?: string): Partial<Activity> {
  const prompt = messages.booking.fieldPrompts[field];
  return {
    type: 'message',
    text: reason ? fill(messages.booking.fieldInvalid, { reason, prompt }) : prompt,
    value: { question: 'contact', field },
    inputHint: 'expectingInput',
  };
}

export function slotPrompt(
  slots: OfferedSlot[],
  lead: string,
  messages: Messages,
  channel: ChannelInfo,
): Partial<Activity> {
  const b = messages.booking;
  const labels = slots.map((slot) => slotLabel(slot, channel, messages));
  const last = slots[slots.length - 1];
  const actions = [
    ...slots.map((slot, i) => ({ title: formatSlot(slot, LONDON), data: { question: 'slot', answer: slot.id }, label: labels[i] })),
    ...(last ? [{ title: b.slotMore, data: { question: 'slot', action: 'later', after: last.id } }] : []),
    { title: b.slotDay, data: { question: 'slot', action: 'day' } },
  ];
  return {
    type: 'message',
    text: slots.length > 0 ? `${lead}\n\n${numberedList(labels)}` : lead,
    value: { question: 'slot', choices: slots.map(({ id, start, end }) => ({ id, start, end })) },
    attachments: [adaptiveCard([paragraph(lead), ...labels.map((label) => paragraph(`• ${label}`))], submitActions(actions))],
    ...suggested(channel, [...slots.map((slot) => formatSlot(slot, LONDON)), b.slotMore, b.slotDay]),
  };
}

export function confirmPrompt(slot: OfferedSlot, messages: Messages, channel: ChannelInfo): Partial<Activity> {
  const b = messages.booking;
  const text = fill(b.confirmPrompt, { time: slotLabel(slot, channel, messages) });
  return twoWayQuestion(text, { question: 'confirm', slot: { id: slot.id, start: slot.start, end: slot.end } }, channel, [
    [b.confirmChoices.yes, 'yes'],
    [b.confirmChoices.no, 'no'],
  ]);
}

/** The booking as it travels on the wire (booking.md, step 4). */
export function bookingValue(booking: BookingSummary): { booking: BookingSummary } {
  return { booking: { id: booking.id, start: booking.start, end: booking.end, status: booking.status, ics: booking.ics } };
}

export function bookingMessage(
  template: string,
  booking: BookingSummary,
  messages: Messages,
  channel: ChannelInfo,
  withActions: boolean,
): Partial<Activity> {
  const b = messages.booking;
  const text = fill(template, { time: slotLabel(booking, channel, messages), ics: booking.ics });
  return {
    type: 'message',
    text: `${text}\n\n_${messages.disclaimer}_`,
    value: bookingValue(booking),
    ...(withActions
      ? {
          attachments: [
            adaptiveCard(
              [heading(b.bookedTitle), paragraph(slotLabel(booking, channel, messages))],
              [
                { type: 'Action.OpenUrl', title: b.addToCalendar, url: booking.ics },
                ...submitActions([
                  { title: b.bookedActions.reschedule, data: { action: 'reschedule' } },
                  { title: b.bookedActions.cancel, data: { action: 'cancel-booking' } },
                ]),
              ],
            ),
          ],
        }
      : {}),
  };
}
