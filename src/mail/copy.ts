import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The emails' wording: content/mail.json, checked on first use (a broken file names the field). */

const text = z.string().trim().min(1);
const byKind = z.object({ booked: text, moved: text, cancelled: text, reminder: text });

const MailCopySchema = z.object({
  subjects: byKind,
  greeting: text,
  lead: byKind,
  howHeading: text,
  teams: text,
  teamsLinkLabel: text,
  prepare: text,
  disclaimer: text,
  privacy: text,
  privacyLinkLabel: text,
  privacyHtml: text,
  signOff: text,
  /** Sent by Outlook to the attendees when the bot cancels a Microsoft 365 event. */
  calendarCancelComment: text,
});

export type MailCopy = z.infer<typeof MailCopySchema>;
export type MailKind = keyof MailCopy['subjects'];

export const MAIL_COPY_FILE = path.resolve(__dirname, '../../content/mail.json');

let cached: MailCopy | null = null;

export function mailCopy(file = MAIL_COPY_FILE): MailCopy {
  if (cached && file === MAIL_COPY_FILE) return cached;
  const parsed = MailCopySchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path.relative(process.cwd(), file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (file === MAIL_COPY_FILE) cached = parsed.data;
  return parsed.data;
}
