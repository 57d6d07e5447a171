import { createLogger } from '../../src/server/logger';
import { GraphCredentialsError } from '../../src/booking/graph/client';
import { readInvitation } from '../support/ics';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { startGraphStandin, type GraphStandin } from '../support/graph/standin';
import { Conversation, get } from './client';
import { bookingIn, bookingSteps, MONDAY, slotsIn } from './booking-flow';
import { startTestServer, type TestServer } from './server';

/**
 * Issue 14, done when: a visitor who books through the server gets a
 * confirmation with a valid invitation at the SMTP server the settings name,
 * then a reminder the day before (the clock is moved, nothing sleeps); with
 * Graph configured, offers avoid the practitioner's busy time and the event
 * exists after confirm; a refused Graph secret stops start-up.
 */

let clock = MONDAY;
const lines: string[] = [];
const logger = createLogger('info', (line) => void lines.push(line));

async function book(server: TestServer, n: number, pick: (slots: { id: string; start: string }[]) => string = (slots) => slots[0].id) {
  const conversation = new Conversation(server.url);
  await bookingSteps.book(conversation);
  await bookingSteps.acceptDisclaimer(conversation);
  const slots = slotsIn(await bookingSteps.submitContact(conversation, n));
  await bookingSteps.pickSlot(conversation, pick(slots));
  return { slots, booking: bookingIn(await bookingSteps.confirm(conversation))! };
}

describe('with SMTP_URL set', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'scoping@example.com' }, { clock: () => clock, logger });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('a visitor who books gets a confirmation with a valid invitation, then a reminder the day before', async () => {
    const { booking } = await book(server, 1);
    expect(booking).toMatchObject({ start: '2026-12-01T10:30:00.000Z', status: 'confirmed' });

    const confirmation = await smtp.next(); // sent by the outbox right after the turn
    expect(confirmation.to).toMatchObject({ value: [{ address: 'person1@example.org' }] });
    expect(confirmation.subject).toBe('Your AI governance scoping call: Tue 1 Dec, 10:30–11:00 (UK time)');
    const part = confirmation.attachments.find((a) => a.contentType === 'text/calendar')!;
    const invitation = readInvitation(part.content.toString('utf8'));
    expect(invitation).toMatchObject({ method: 'REQUEST', sequence: 0, attendees: ['mailto:person1@example.org'], alarmSeconds: -900 });
    expect(invitation.start.toISOString()).toBe(booking.start);
    // The link in the chat serves the same event.
    const served = readInvitation((await get(server.url, new URL(booking.ics).pathname + new URL(booking.ics).search)).text);
    expect(served.uid).toBe(invitation.uid);

    const mail = server.running.services.mail!;
    clock = new Date('2026-11-30T10:29:59.999Z');
    expect(await mail.flush()).toMatchObject({ sent: 0 });
    clock = new Date('2026-11-30T10:30:00.000Z'); // 24 hours before 10:30 on Tuesday
    expect(await mail.flush()).toMatchObject({ sent: 1 });
    const reminder = await smtp.next();
    expect(reminder.subject).toBe('Tomorrow: your AI governance scoping call at Tue 1 Dec, 10:30–11:00 (UK time)');
    expect(reminder.text).toContain('not legal or compliance advice');
  });
});

describe('with CALENDAR_PROVIDER=graph', () => {
  let standin: GraphStandin;
  beforeAll(async () => (standin = await startGraphStandin()));
  afterAll(() => standin.close());
  const graphEnv = (secret: string) => ({
    CALENDAR_PROVIDER: 'graph',
    GRAPH_TENANT_ID: standin.tenantId,
    GRAPH_CLIENT_ID: standin.clientId,
    GRAPH_CLIENT_SECRET: secret,
    GRAPH_AUTHORITY_HOST: standin.authorityHost,
    GRAPH_BASE_URL: standin.graphBaseUrl,
    BOOKING_PRACTITIONERS: JSON.stringify([{ id: 'jane', name: 'Jane Doe', mailbox: 'jane@firm.example' }]),
  });

  it('offers avoid the practitioner’s busy time, and the event exists after confirm; no SMTP_URL: one line says email is off', async () => {
    clock = MONDAY;
    lines.length = 0;
    standin.addBusy('jane@firm.example', '2026-12-01T10:00:00Z', '2026-12-01T11:30:00Z');
    const server = await startTestServer(graphEnv(standin.clientSecret), { clock: () => clock, logger, graph: { networkClient: standin.networkClient } });
    try {
      expect(lines.filter((l) => l.includes('email off'))).toHaveLength(1);
      const { slots, booking } = await book(server, 2);
      expect(slots[0].id).toBe('slot-20261201T1200Z'); // busy 10:00–11:30; 11:30 is inside the buffer after it
      expect(booking.start).toBe('2026-12-01T12:00:00.000Z');
      await server.running.services.calendar.flush();
      expect(standin.events).toMatchObject([{ mailbox: 'jane@firm.example', attendees: [{ emailAddress: { address: 'person2@example.org' } }], isOnlineMeeting: true }]);
    } finally {
      await server.close();
    }
  });

  it('a time booked directly in Outlook after it was offered: the visitor is told and offered other times; no event is made', async () => {
    clock = MONDAY;
    standin.reset();
    const server = await startTestServer(graphEnv(standin.clientSecret), { clock: () => clock, logger, graph: { networkClient: standin.networkClient } });
    try {
      const conversation = new Conversation(server.url);
      await bookingSteps.book(conversation);
      await bookingSteps.acceptDisclaimer(conversation);
      const [first] = slotsIn(await bookingSteps.submitContact(conversation, 3));
      await bookingSteps.pickSlot(conversation, first.id);
      standin.addBusy('jane@firm.example', first.start, first.end);
      const replies = await bookingSteps.confirm(conversation);
      expect(bookingIn(replies)).toBeNull();
      expect(replies.map((r) => r.text ?? '').join(' ')).toMatch(/taken/i);
      const offered = slotsIn(replies);
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.map((s) => s.id)).not.toContain(first.id);
      await server.running.services.calendar.flush();
      expect(standin.events).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('a refused secret stops start-up with a clear error', async () => {
    await expect(startTestServer(graphEnv('wrong'), { logger, graph: { networkClient: standin.networkClient } })).rejects.toBeInstanceOf(GraphCredentialsError);
    // Neither secret, right or wrong, ever reached the log.
    expect(lines.join('\n')).not.toContain(standin.clientSecret);
    expect(lines.join('\n')).not.toMatch(/"wrong"|=wrong/);
  });
});
