import ICAL from 'ical.js';

/** An invitation read back with ical.js, as a calendar client would: throws if it is not valid iCalendar. */
export interface Invitation {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: Date;
  end: Date;
  organizer: string;
  attendees: string[];
  location: string | null;
  url: string | null;
  /** Seconds relative to the start; -900 is 15 minutes before. Null when there is no VALARM. */
  alarmSeconds: number | null;
}

export function readInvitation(text: string): Invitation {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  const alarm = vevent.getFirstSubcomponent('valarm');
  const trigger = alarm?.getFirstPropertyValue('trigger') as ICAL.Duration | undefined;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue('status')),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    organizer: String(vevent.getFirstPropertyValue('organizer')).replace(/^mailto:/i, 'mailto:'),
    attendees: vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue()).replace(/^mailto:/i, 'mailto:')),
    location: (vevent.getFirstPropertyValue('location') as string | null) ?? null,
    url: (vevent.getFirstPropertyValue('url') as string | null) ?? null,
    alarmSeconds: trigger ? trigger.toSeconds() : null,
  };
}
