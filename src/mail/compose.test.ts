import { composeBookingEmail, type EmailInput } from './compose';

/** What each email says, in both parts: how the call takes place, the disclaimer, the privacy notice. */

const base: EmailInput = {
  kind: 'booked',
  attendee: { name: 'Ada <Lovelace>', email: 'ada@example.org' },
  slot: { start: '2027-03-30T08:00:00.000Z', end: '2027-03-30T08:30:00.000Z' },
  timeZone: 'Europe/London',
  place: { location: 'We will phone you.' },
  privacyUrl: 'https://example.com/privacy?a=1&b=2',
  ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
};

it('a Teams meeting made by Graph is the way in: the link in the text, a link in the HTML', () => {
  const email = composeBookingEmail({ ...base, kind: 'reminder', place: { location: 'https://teams.example/join/1', joinUrl: 'https://teams.example/join/1' } });
  expect(email.text).toContain('Join on Microsoft Teams: https://teams.example/join/1');
  expect(email.html).toContain('<a href="https://teams.example/join/1">Join the Teams meeting</a>');
  expect(email.invitation).toBeNull(); // reminders carry no invitation
});

it('otherwise the configured details; names are escaped in the HTML; the privacy link is in both parts', () => {
  const email = composeBookingEmail(base);
  expect(email.subject).toBe('Your AI governance scoping call: Tue 30 Mar, 09:00–09:30 (UK time)');
  expect(email.text).toContain('We will phone you.');
  expect(email.html).toContain('Hello Ada &#60;Lovelace&#62;,');
  expect(email.text).toContain('https://example.com/privacy?a=1&b=2');
  expect(email.html).toContain('href="https://example.com/privacy?a=1&#38;b=2"');
  expect(email.invitation).toEqual({ method: 'REQUEST', content: base.ics });
});

it('a cancellation says nothing about joining, and its invitation is a CANCEL', () => {
  const email = composeBookingEmail({ ...base, kind: 'cancelled' });
  expect(email.text).not.toContain('We will phone you.');
  expect(email.text).toContain('not legal or compliance advice');
  expect(email.invitation?.method).toBe('CANCEL');
});
