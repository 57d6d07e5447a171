import type { Activity } from 'botbuilder';
import { CONTACT_FIELDS, type Contact, type ContactField } from '../../src/contact/contact';
import { fill, type Messages } from '../../src/content/copy';
import { formatSlot } from '../../src/booking/slots';
import type { BookingSummary, OfferedSlot } from '../../machines/scoping/types';
import { presentationOf, type ChannelInfo } from '../channel';
import { adaptiveCard, heading, paragraph, submitActions, withChoices } from './cards';
import { slotInWords } from './dates';

/** Booking prompts of shared/spec/booking.md, each with its wire `value`. */

const LONDON = 'Europe/London';


/** A button's "Mon 30 Mar, 09:00–09:30", plus the user's own time when their zone differs. */
export function slotLabel(slot: Pick<OfferedSlot, 'start' | 'end'>, channel: ChannelInfo, messages: Messages): string {
  return withOwnTime(slot, channel, messages, formatSlot);
}

/** The same in prose: "Thursday 3 December, 09:00–09:30", plus the user's own time when it differs. */
export function slotInProse(slot: Pick<OfferedSlot, 'start' | 'end'>, channel: ChannelInfo, messages: Messages): string {
  return withOwnTime(slot, channel, messages, slotInWords);
}

function withOwnTime(
  slot: Pick<OfferedSlot, 'start' | 'end'>,
  channel: ChannelInfo,
  messages: Messages,
  write: (slot: Pick<OfferedSlot, 'start' | 'end'>, zone: string) => string,
): string {
  const london = write(slot, LONDON);
  const zone = channel.localTimeZone;
  if (!zone || write(slot, zone) === london) return london;
  return `${london} (${fill(messages.booking.yourZone, { time: write(slot, zone) })})`;
}

export function disclaimerPrompt(messages: Messages, channel: ChannelInfo): Partial<Activity> {
  const b = messages.booking;
  return twoWayQuestion(b.disclaimerPrompt, { question: 'disclaimer' }, channel, [
    [b.disclaimerChoices.accept, 'accept'],
    [b.disclaimerChoices.decline, 'decline'],
  ]);
}

/** A booking step answered by one of two buttons, in the channel's presentation. */
function twoWayQuestion(
  text: string,
  value: { question: string } & Record<string, unknown>,
  channel: ChannelInfo,
  choices: [title: string, answer: string][],
): Partial<Activity> {
  return {
    ...withChoices(channel, text, choices.map(([title, answer]) => ({ title, data: { question: value.question, answer } }))),
    value,
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
        // The renderer marks required inputs itself (Web Chat and Teams add the "*").
        label: b.fieldLabels[field],
        // Also what Web Chat's screen-reader copy of the card names the box by.
        placeholder: b.fieldPlaceholders[field],
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
  const form = adaptiveCard(
    [
      heading(b.formTitle),
      paragraph(b.formIntro),
      ...inputs,
      // wrap: the consent sentence is long, and an unwrapped toggle title is cut off at the card's edge.
      { type: 'Input.Toggle', id: 'consent', title: b.formConsent, wrap: true, valueOn: 'true', valueOff: 'false', value: 'false', isRequired: true, label: b.formConsentLabel, errorMessage: b.consentRequired },
      { type: 'TextBlock', text: `[${b.formPrivacy}](${privacyUrl})`, wrap: true },
    ],
    [{ type: 'Action.Submit', title: b.formSubmit, data: { ...submitData, question: 'contact' } }],
  );
  // Two routes in one message: the form, or a typed yes (consent first, then field by field), sent back as words.
  const typedRoute = withChoices(channel, text, [{ title: b.consentChoices.yes }, { title: b.consentChoices.no }]);
  return { ...typedRoute, value: { question: 'contact' }, ...(presentationOf(channel) === 'text' ? {} : { attachments: [form] }) };
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

/** The free times, each offered once: as buttons, quick replies or a numbered list, by channel. */
export function slotPrompt(
  slots: OfferedSlot[],
  lead: string,
  messages: Messages,
  channel: ChannelInfo,
): Partial<Activity> {
  const b = messages.booking;
  const last = slots[slots.length - 1];
  const choices = [
    ...slots.map((slot) => ({ title: slotLabel(slot, channel, messages), data: { question: 'slot', answer: slot.id } })),
    ...(last ? [{ title: b.slotMore, data: { question: 'slot', action: 'later', after: last.id } }] : []),
    { title: b.slotDay, data: { question: 'slot', action: 'day' } },
  ];
  return {
    ...withChoices(channel, lead, choices),
    value: { question: 'slot', choices: slots.map(({ id, start, end }) => ({ id, start, end })) },
  };
}

export function confirmPrompt(slot: OfferedSlot, messages: Messages, channel: ChannelInfo): Partial<Activity> {
  const b = messages.booking;
  const text = fill(b.confirmPrompt, { time: slotInProse(slot, channel, messages) });
  return twoWayQuestion(text, { question: 'confirm', slot: { id: slot.id, start: slot.start, end: slot.end } }, channel, [
    [b.confirmChoices.yes, 'yes'],
    [b.confirmChoices.no, 'no'],
  ]);
}

/** The booking as it travels on the wire (booking.md, step 4). */
export function bookingValue(booking: BookingSummary): { booking: BookingSummary } {
  return { booking: { id: booking.id, start: booking.start, end: booking.end, status: booking.status, ics: booking.ics } };
}

/**
 * The booking, confirmed or as it stands: the time in words and the
 * disclaimer, and with `withActions` its card (add to calendar, reschedule,
 * cancel); on text channels the calendar link and the numbered choices.
 */
export function bookingMessage(
  template: string,
  booking: BookingSummary,
  messages: Messages,
  channel: ChannelInfo,
  withActions: boolean,
): Partial<Activity> {
  const b = messages.booking;
  const when = slotInProse(booking, channel, messages);
  const text = `${fill(template, { time: when })}\n\n_${messages.disclaimer}_`;
  const value = bookingValue(booking);
  if (!withActions) return { type: 'message', text, value };
  const choices = [
    { title: b.bookedActions.reschedule, data: { action: 'reschedule' } },
    { title: b.bookedActions.cancel, data: { action: 'cancel-booking' } },
  ];
  if (presentationOf(channel) === 'text') {
    return { ...withChoices(channel, `${text}\n\n${fill(b.calendarLink, { ics: booking.ics })}`, choices), value };
  }
  // A card everywhere else (in Web Chat too): "Add to calendar" is a link, which quick replies cannot be.
  const card = adaptiveCard(
    [heading(b.bookedTitle)],
    [{ type: 'Action.OpenUrl', title: b.addToCalendar, url: booking.ics }, ...submitActions(choices)],
  );
  return { type: 'message', text, value, attachments: [card] };
}
