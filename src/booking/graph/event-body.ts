import type { Event } from '@microsoft/microsoft-graph-types';
import { briefFacts, type Brief } from '../../leads/brief';
import { copy } from '../../leads/copy';

/**
 * The Microsoft 365 event for a booking, as `POST /users/{mailbox}/events`
 * takes it. The visitor is an attendee and Outlook sends them the
 * invitation, so the body holds only what they may read: the recommended
 * route, why, the agenda and the non-advice disclaimer (no lead tier).
 */

const html = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const utc = (iso: string) => ({ dateTime: new Date(iso).toISOString().replace(/\.\d{3}Z$/, ''), timeZone: 'UTC' });

export interface EventInput {
  bookingId: string;
  sequence: number;
  start: string;
  end: string;
  attendee: { name: string; email: string } | null;
  brief: Brief | null;
}

export function eventBody(brief: Brief | null): string {
  const c = copy();
  const parts: string[] = [`<p>${html(c.calendar.summary)}</p>`];
  if (brief) {
    const facts = briefFacts(brief);
    const pathway = facts.recommendation.find(([label]) => label === c.brief.labels.pathway);
    if (pathway) parts.push(`<p><b>${html(pathway[0])}:</b> ${html(pathway[1])}</p>`);
    if (facts.reasons.length > 0) parts.push(`<ul>${facts.reasons.map((r) => `<li>${html(r)}</li>`).join('')}</ul>`);
    parts.push(`<p><b>${html(c.brief.sections.agenda)}</b></p><ol>${facts.agenda.map((a) => `<li>${html(a.item)} (${a.minutes} min)</li>`).join('')}</ol>`);
  }
  parts.push(`<p><i>${html(c.brief.disclaimer)}</i></p>`);
  return parts.join('\n');
}

/** The new event, or the fields a reschedule changes (`PATCH`). */
export function newEvent(input: EventInput): Event {
  return {
    subject: copy().calendar.summary,
    body: { contentType: 'html', content: eventBody(input.brief) },
    start: utc(input.start),
    end: utc(input.end),
    attendees: input.attendee ? [{ emailAddress: { address: input.attendee.email, name: input.attendee.name }, type: 'required' }] : [],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    allowNewTimeProposals: false,
    // Graph ignores a second create with the same transactionId: a retried delivery does not make a second event.
    transactionId: `${input.bookingId}.${input.sequence}`,
  };
}

export function movedEvent(input: Pick<EventInput, 'start' | 'end'>): Event {
  return { start: utc(input.start), end: utc(input.end) };
}
