import { z } from 'zod';
import freeEmailDomains from 'free-email-domains';
import { stripControls } from '../validation/text-hygiene';

/** Contact details a lead gives when booking (booking.md, step 2). */

export const CONTACT_FIELDS = ['name', 'email', 'organisation', 'role', 'phone'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export const OPTIONAL_CONTACT_FIELDS: readonly ContactField[] = ['role', 'phone'];

/**
 * Personal mailboxes (gmail.com, btinternet.com, …), from the maintained
 * `free-email-domains` list. A personal address is accepted after one gentle
 * question, and the brief says so: a sole trader may have no other.
 */
const PERSONAL_MAIL_DOMAINS: ReadonlySet<string> = new Set(freeEmailDomains as string[]);

export function isPersonalMailbox(email: string): boolean {
  return PERSONAL_MAIL_DOMAINS.has(email.trim().toLowerCase().split('@')[1] ?? '');
}

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is missing` })
    .transform((value) => stripControls(value).replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, `${label} can't be empty`)
        .max(max, `${label} must be at most ${max} characters`)
        .refine((value) => !/[<>]/.test(value), `${label} can't contain < or >`),
    );

export const FieldSchemas = {
  name: text('Your name', 100).refine((v) => /\p{L}/u.test(v), 'Your name needs at least one letter'),
  email: z
    .string({ error: 'Your email is missing' })
    .transform((value) => stripControls(value).trim().toLowerCase())
    .pipe(z.email('That does not look like an email address (name@organisation.com)')),
  organisation: text('Your organisation', 150),
  role: text('Your role', 100),
  phone: z
    .string()
    .transform((value) => stripControls(value).trim())
    .pipe(
      z
        .string()
        .regex(/^\+?[0-9][0-9 ()-]{6,19}$/, 'That does not look like a phone number (digits, spaces, an optional leading +)'),
    ),
} satisfies Record<ContactField, z.ZodType<string, unknown>>;

export interface Contact {
  name: string;
  email: string;
  organisation: string;
  role?: string;
  phone?: string;
}

export type FieldResult = { ok: true; value: string } | { ok: false; reason: string };

export function validateField(field: ContactField, raw: unknown): FieldResult {
  const parsed = FieldSchemas[field].safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: parsed.error.issues[0]?.message ?? 'is not valid' };
}

/** The card submit of booking.md: `{ question: 'contact', name, email, organisation, role?, phone?, consent: true }`. */
export const ContactSubmitSchema = z.object({
  question: z.literal('contact'),
  name: z.unknown(),
  email: z.unknown(),
  organisation: z.unknown(),
  role: z.unknown().optional(),
  phone: z.unknown().optional(),
  consent: z.unknown().optional(),
  /** Set on a form shown again after the gentle question: this personal address is the one they mean. */
  personalEmailOk: z.unknown().optional(),
});

export type ContactSubmitResult =
  | { ok: true; contact: Contact; personalEmail: boolean }
  | { ok: false; consent: boolean; good: Partial<Contact>; problems: Partial<Record<ContactField, string>>; personalEmailQuestion?: string };

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Adaptive Cards send checkbox values as the strings "true"/"false". */
export function isConsentGiven(value: unknown): boolean {
  return value === true || value === 'true';
}

export function validateContactSubmit(data: z.infer<typeof ContactSubmitSchema>): ContactSubmitResult {
  const good: Partial<Contact> = {};
  const problems: Partial<Record<ContactField, string>> = {};
  for (const field of CONTACT_FIELDS) {
    const raw = data[field];
    if (OPTIONAL_CONTACT_FIELDS.includes(field) && isBlank(raw)) continue;
    const result = validateField(field, typeof raw === 'string' ? raw : raw === undefined ? undefined : String(raw));
    if (result.ok) good[field] = result.value;
    else problems[field] = result.reason;
  }
  const consent = isConsentGiven(data.consent);
  const personalEmail = good.email !== undefined && isPersonalMailbox(good.email);
  // One gentle question: the form comes back once, and the same address sent again is taken.
  const asked = personalEmail && good.email !== data.personalEmailOk;
  if (!consent || Object.keys(problems).length > 0 || asked) {
    return { ok: false, consent, good, problems, ...(asked ? { personalEmailQuestion: good.email } : {}) };
  }
  return { ok: true, contact: good as Contact, personalEmail };
}
