import type { CallPlace } from '../booking/calendar';
import { formatSlot } from '../booking/slots';
import { fill } from '../content/copy';
import { mailCopy, type MailKind } from './copy';

/**
 * One email about a booking: plain text and HTML saying the same, the
 * disclaimer and the privacy notice link in both, and for all but the
 * reminder the invitation (METHOD:REQUEST, or METHOD:CANCEL) that
 * calendars read. Pure: the outbox decides when it is sent.
 */

export interface BookingEmail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** The .ics; its METHOD decides how calendars treat it. */
  invitation: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
}

export interface EmailInput {
  kind: MailKind;
  attendee: { name: string; email: string };
  slot: { start: string; end: string };
  timeZone: string;
  place: CallPlace;
  privacyUrl: string;
  ics: string | null;
}

const html = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const link = (href: string, label: string) => `<a href="${html(href)}">${html(label)}</a>`;

export function composeBookingEmail(input: EmailInput): BookingEmail {
  const c = mailCopy();
  const time = formatSlot(input.slot, input.timeZone);
  const subject = fill(c.subjects[input.kind], { time });
  const greeting = fill(c.greeting, { name: input.attendee.name });
  const lead = fill(c.lead[input.kind], { time });
  const live = input.kind !== 'cancelled';
  const how = input.place.joinUrl ? fill(c.teams, { link: input.place.joinUrl }) : input.place.location;
  const privacy = fill(c.privacy, { privacyUrl: input.privacyUrl });

  const text = [greeting, '', lead, ...(live ? ['', `${c.howHeading}:`, how, '', c.prepare] : []), '', c.disclaimer, '', privacy, '', c.signOff, ''].join('\n');
  const howHtml = input.place.joinUrl ? link(input.place.joinUrl, c.teamsLinkLabel) : html(input.place.location);
  const htmlBody = [
    `<p>${html(greeting)}</p>`,
    `<p>${html(lead)}</p>`,
    ...(live ? [`<h2>${html(c.howHeading)}</h2>`, `<p>${howHtml}</p>`, `<p>${html(c.prepare)}</p>`] : []),
    `<p><em>${html(c.disclaimer)}</em></p>`,
    `<p>${fill(html(c.privacyHtml), { link: link(input.privacyUrl, c.privacyLinkLabel) })}</p>`,
    `<p>${html(c.signOff)}</p>`,
  ].join('\n');

  return {
    to: { name: input.attendee.name, address: input.attendee.email },
    subject,
    text,
    html: `<!doctype html><html><body>\n${htmlBody}\n</body></html>`,
    invitation: input.ics && input.kind !== 'reminder' ? { method: input.kind === 'cancelled' ? 'CANCEL' : 'REQUEST', content: input.ics } : null,
  };
}
