import type { ParsedMail } from 'mailparser';
import { openBackend } from '../app/backend';
import { readBankHolidays } from '../booking/bank-holidays';
import { bookingUid } from '../booking/calendar';
import { BookingService } from '../booking/service';
import { testConfig } from '../config/config';
import { LeadService } from '../leads/service';
import { SqliteOutbox } from '../outbox/sqlite';
import { assess } from '../scoping/recommendation';
import { ANSWERS, tempDataDir } from '../../test/booking/fixtures';
import { readInvitation } from '../../test/support/ics';
import { startSmtp, type TestSmtp } from '../../test/support/smtp';
import { BookingMail } from './booking-mail';
import { smtpTransport } from './transport';

/**
 * Booking emails, received by a real SMTP server and read back with
 * mailparser and ical.js: the confirmation, the moved and cancelled
 * invitations (one UID, rising SEQUENCE), times in Europe/London across both
 * 2027 clock changes, and the reminder a day before, sent once.
 */

let smtp: TestSmtp;
beforeAll(async () => (smtp = await startSmtp()));
afterAll(() => smtp.close());

let clock: Date;
const at = (iso: string) => (clock = new Date(iso));

interface World {
  booking: BookingService;
  leadId: string;
  mail: BookingMail;
  /** A second process on the same data folder: its own outbox connection and mailer. */
  otherProcess(): BookingMail;
  close(): Promise<void>;
}

async function world(): Promise<World> {
  const dataDir = tempDataDir();
  const config = testConfig({ DATA_DIR: dataDir, SMTP_URL: smtp.url, MAIL_FROM: 'Scoping <scoping@example.com>', BOOKING_MEETING_DETAILS: 'We will phone you on the number you gave.' });
  const backend = await openBackend(config);
  const booking = new BookingService({ config, records: backend.records, holidays: readBankHolidays().dates, clock: () => clock });
  const leads = new LeadService({ config, records: backend.records, clock: () => clock });
  const log = () => undefined;
  const mail = new BookingMail({ config, booking, outbox: backend.outbox, transport: smtpTransport(config.mail.smtpUrl!), clock: () => clock, log });
  booking.onChanged(mail.onChanged);
  const { leadId } = await leads.registerLead({
    conversationId: `conv-${Math.random()}`,
    channelId: 'webchat',
    contact: { name: 'Ada Lovelace', email: 'ada@example.org', organisation: 'Analytical Engines Ltd' },
    consent: { givenAt: clock, noticeVersion: '2026-01' },
    answers: ANSWERS,
    assessment: assess(ANSWERS),
  });
  const others: { outbox: SqliteOutbox; mail: BookingMail }[] = [];
  return {
    booking,
    leadId,
    mail,
    otherProcess() {
      const outbox = new SqliteOutbox(SqliteOutbox.fileIn(dataDir));
      const other = new BookingMail({ config, booking, outbox, transport: smtpTransport(config.mail.smtpUrl!), clock: () => clock, log });
      others.push({ outbox, mail: other });
      return other;
    },
    async close() {
      await mail.stop();
      for (const o of others) await o.mail.stop(), await o.outbox.close();
      await backend.close();
    },
  };
}

const calendarPart = (mail: ParsedMail) => {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error('no text/calendar part');
  return { method: String((part.headers.get('content-type') as { params?: Record<string, string> }).params?.method), ics: part.content.toString('utf8') };
};

let w: World;
afterEach(() => w?.close());

it('a confirmation reaches the visitor with both parts, the disclaimer, the privacy link and a valid REQUEST invitation', async () => {
  at('2026-11-30T10:15:00.000Z');
  w = await world();
  const booked = await w.booking.confirm({ leadId: w.leadId, slotId: 'slot-20261202T0900Z' });
  if (!booked.ok) throw new Error(booked.reason);
  expect(await w.mail.flush()).toMatchObject({ sent: 1, failed: 0 });
  const mail = await smtp.next();

  expect(mail.to).toMatchObject({ value: [{ address: 'ada@example.org', name: 'Ada Lovelace' }] });
  expect(mail.from).toMatchObject({ value: [{ address: 'scoping@example.com' }] });
  expect(mail.subject).toBe('Your AI governance scoping call: Wed 2 Dec, 09:00–09:30 (UK time)');
  for (const body of [mail.text!, mail.html as string]) {
    expect(body).toContain('not legal or compliance advice');
    expect(body).toContain('https://example.com/privacy');
    expect(body).toContain('We will phone you on the number you gave.');
  }
  const { method, ics } = calendarPart(mail);
  expect(method).toBe('REQUEST');
  const invitation = readInvitation(ics);
  expect(invitation).toMatchObject({
    method: 'REQUEST',
    uid: bookingUid(booked.booking.id),
    sequence: 0,
    status: 'CONFIRMED',
    organizer: 'mailto:scoping@example.com',
    attendees: ['mailto:ada@example.org'],
    location: 'We will phone you on the number you gave.',
    alarmSeconds: -15 * 60,
  });
  expect(invitation.start.toISOString()).toBe('2026-12-02T09:00:00.000Z');
  expect(invitation.end.toISOString()).toBe('2026-12-02T09:30:00.000Z');
});

it('spring 2027: booked in GMT, moved into BST (same UID, SEQUENCE 1), then cancelled (METHOD:CANCEL, SEQUENCE 2)', async () => {
  at('2027-03-23T10:00:00.000Z'); // Tuesday; Good Friday 26 and Easter Monday 29 March are bank holidays
  w = await world();
  const booked = await w.booking.confirm({ leadId: w.leadId, slotId: 'slot-20270325T0900Z' }); // Thu 25 Mar 09:00 GMT
  if (!booked.ok) throw new Error(booked.reason);
  await w.mail.flush();
  const first = await smtp.next();
  expect(first.subject).toBe('Your AI governance scoping call: Thu 25 Mar, 09:00–09:30 (UK time)');

  const moved = await w.booking.reschedule({ bookingId: booked.booking.id, slotId: 'slot-20270330T0800Z' }); // Tue 30 Mar 09:00 BST
  if (!moved.ok) throw new Error(moved.reason);
  await w.mail.flush();
  const second = await smtp.next();
  expect(second.subject).toBe('Moved: your AI governance scoping call is now Tue 30 Mar, 09:00–09:30 (UK time)');
  const update = readInvitation(calendarPart(second).ics);
  expect(update).toMatchObject({ method: 'REQUEST', uid: bookingUid(booked.booking.id), sequence: 1 });
  expect(update.start.toISOString()).toBe('2027-03-30T08:00:00.000Z');

  const cancelled = await w.booking.cancel(booked.booking.id);
  expect(cancelled.ok).toBe(true);
  await w.mail.flush();
  const third = await smtp.next();
  expect(third.subject).toBe('Cancelled: your AI governance scoping call on Tue 30 Mar, 09:00–09:30 (UK time)');
  expect(calendarPart(third).method).toBe('CANCEL');
  expect(readInvitation(calendarPart(third).ics)).toMatchObject({ method: 'CANCEL', uid: bookingUid(booked.booking.id), sequence: 2, status: 'CANCELLED', alarmSeconds: null });
  for (const body of [third.text!, third.html as string]) expect(body).toContain('https://example.com/privacy');
});

it('autumn 2027: the reminder goes 24 hours before, in UK time on either side of the change, and follows a move', async () => {
  at('2027-10-26T10:00:00.000Z'); // Tuesday, BST
  w = await world();
  const booked = await w.booking.confirm({ leadId: w.leadId, slotId: 'slot-20271028T0800Z' }); // Thu 28 Oct 09:00 BST
  if (!booked.ok) throw new Error(booked.reason);
  await w.mail.flush();
  await smtp.next(); // the confirmation

  const moved = await w.booking.reschedule({ bookingId: booked.booking.id, slotId: 'slot-20271101T0900Z' }); // Mon 1 Nov 09:00 GMT
  if (!moved.ok) throw new Error(moved.reason);
  await w.mail.flush();
  expect(readInvitation(calendarPart(await smtp.next()).ics).start.toISOString()).toBe('2027-11-01T09:00:00.000Z');

  // The first reminder time (27 Oct 08:00Z) passes: nothing, the call moved.
  at('2027-10-27T08:00:00.000Z');
  expect(await w.mail.flush()).toEqual({ sent: 0, failed: 0, dropped: 0 });
  at('2027-10-31T08:59:59.999Z');
  expect(await w.mail.flush()).toEqual({ sent: 0, failed: 0, dropped: 0 });
  at('2027-10-31T09:00:00.000Z'); // Sunday, GMT: 24 hours before 09:00 on Monday
  expect(await w.mail.flush()).toMatchObject({ sent: 1 });
  const reminder = await smtp.next();
  expect(reminder.subject).toBe('Tomorrow: your AI governance scoping call at Mon 1 Nov, 09:00–09:30 (UK time)');
  expect(reminder.attachments).toHaveLength(0);
  for (const body of [reminder.text!, reminder.html as string]) {
    expect(body).toContain('not legal or compliance advice');
    expect(body).toContain('https://example.com/privacy');
  }
});

it('two processes due to send the same reminder send it once', async () => {
  at('2026-11-30T10:15:00.000Z');
  w = await world();
  const booked = await w.booking.confirm({ leadId: w.leadId, slotId: 'slot-20261203T1400Z' });
  if (!booked.ok) throw new Error(booked.reason);
  await w.mail.flush();
  await smtp.next();
  const before = smtp.received.length;

  at('2026-12-02T14:00:00.000Z');
  const other = w.otherProcess();
  const [mine, theirs] = await Promise.all([w.mail.flush(), other.flush()]);
  expect(mine.sent + theirs.sent).toBe(1);
  expect(await w.mail.flush()).toMatchObject({ sent: 0 });
  expect(await other.flush()).toMatchObject({ sent: 0 });
  expect(smtp.received.length - before).toBe(1);
  expect((await smtp.next()).subject).toMatch(/^Tomorrow:/);
});

it('a cancelled call gets no reminder', async () => {
  at('2026-11-30T10:15:00.000Z');
  w = await world();
  const booked = await w.booking.confirm({ leadId: w.leadId, slotId: 'slot-20261203T1400Z' });
  if (!booked.ok) throw new Error(booked.reason);
  await w.booking.cancel(booked.booking.id);
  await w.mail.flush();
  expect((await smtp.next()).subject).toMatch(/^Cancelled:/); // the newest change replaced the unsent confirmation
  at('2026-12-02T14:00:00.000Z');
  expect(await w.mail.flush()).toEqual({ sent: 0, failed: 0, dropped: 0 });
});
