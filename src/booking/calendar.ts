import { createHash, randomBytes } from 'node:crypto';
import type * as Ics from 'ics';
import { copy } from '../leads/copy';
import type { Contact } from '../leads/lead';
import { stripControls } from '../validation/text-hygiene';

/**
 * The iCalendar file for a booking (RFC 5545/5546 via the `ics` package).
 * A confirmed booking is a METHOD:REQUEST; a cancelled one a METHOD:CANCEL with
 * the same UID and a higher SEQUENCE, so calendars replace the event. Times are UTC.
 */

export interface CalendarBooking {
  id: string;
  start: string;
  end: string;
  status: 'confirmed' | 'cancelled';
  sequence: number;
  updatedAt: string;
}

// Loaded on first use: `ics` brings yup with it, which start-up and `npm run leads` need not pay for.
let icsModule: typeof Ics | undefined;
const ics = (): typeof Ics => (icsModule ??= require('ics') as typeof Ics);

const utcArray = (iso: string): Ics.DateArray => {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
};

export function bookingUid(bookingId: string): string {
  return `${bookingId}@ai-governance-scoping`;
}

/** How the call takes place: the Teams link when Graph made one, else the configured phone or video detail. */
export interface CallPlace {
  /** LOCATION: the meeting details, or the Teams link. */
  location: string;
  /** URL: the join link, when there is one. */
  joinUrl?: string;
}

/** Calendars pop a reminder this long before the call (VALARM). */
export const ALARM_MINUTES = 15;

/** `attendee` is null once the lead has been erased: the cancel still goes out, without personal data. */
export function renderCalendar(
  booking: CalendarBooking,
  attendee: Pick<Contact, 'name' | 'email'> | null,
  organizerEmail: string,
  place?: CallPlace,
): string {
  const c = copy().calendar;
  const cancelled = booking.status === 'cancelled';
  const { error, value } = ics().createEvent({
    productId: c.productId,
    method: cancelled ? 'CANCEL' : 'REQUEST',
    uid: bookingUid(booking.id),
    sequence: booking.sequence,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    start: utcArray(booking.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcArray(booking.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: c.summary,
    description: c.description,
    organizer: { name: c.organizer.name, email: organizerEmail },
    attendees: attendee
      ? [{ name: quotedParam(attendee.name), email: stripControls(attendee.email), rsvp: true, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' }]
      : [],
    lastModified: utcArray(booking.updatedAt),
    ...(place ? { location: place.location } : {}),
    ...(place?.joinUrl ? { url: place.joinUrl } : {}),
    alarms: cancelled ? [] : [{ action: 'display', description: c.summary, trigger: { minutes: ALARM_MINUTES, before: true } }],
  });
  if (error || !value) throw error ?? new Error('ics produced no calendar');
  return value;
}

/**
 * A value for a quoted iCalendar parameter (CN="…"). RFC 5545 (3.1) allows no
 * escapes inside quotes: a DQUOTE ends the value whatever precedes it, so
 * `Mallory":mailto:attacker@evil.example;X="` would become the attendee's
 * address. DQUOTE becomes an apostrophe; control characters (NUL, line breaks)
 * and bidi controls are dropped or made spaces.
 */
export function quotedParam(value: string): string {
  return stripControls(value).replace(/"/g, "'").trim();
}

/** An unguessable link token: 32 random bytes, base64url. Only its hash is stored. */
export function newCalendarToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashCalendarToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function calendarUrlPath(bookingId: string, token: string): string {
  return `/calendar/${encodeURIComponent(bookingId)}.ics?token=${encodeURIComponent(token)}`;
}
