import nodemailer from 'nodemailer';
import type { BookingEmail } from './compose';

/** Sends an email over SMTP (nodemailer); the invitation goes as a text/calendar part with its METHOD, as calendars expect. */

export interface MailTransport {
  send(from: string, email: BookingEmail): Promise<void>;
  close(): void;
}

export class SmtpError extends Error {
  constructor(
    /** The SMTP reply code (550), when the server gave one. */
    readonly responseCode: number | undefined,
    readonly code: string,
  ) {
    super(`SMTP: ${responseCode ?? ''} ${code}`.trim());
    this.name = 'SmtpError';
  }

  /** 5xx replies are permanent (no such mailbox): retrying will not help. */
  get permanent(): boolean {
    return this.responseCode !== undefined && this.responseCode >= 500;
  }
}

export function smtpTransport(smtpUrl: string): MailTransport {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(from, email) {
      try {
        await transport.sendMail({
          from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          ...(email.invitation
            ? { icalEvent: { method: email.invitation.method, filename: email.invitation.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content: email.invitation.content } }
            : {}),
        });
      } catch (error) {
        // The reply code and nodemailer's code only: the error's text can quote the server's answer about the recipient.
        const e = error as { responseCode?: number; code?: string };
        throw new SmtpError(typeof e.responseCode === 'number' ? e.responseCode : undefined, typeof e.code === 'string' ? e.code : 'error');
      }
    },
    close: () => transport.close(),
  };
}
