import { z } from 'zod';
import { stripControls } from '../validation/text-hygiene';

/** Contact details a lead gives when booking (booking.md, step 2). */

export const CONTACT_FIELDS = ['name', 'email', 'organisation', 'role', 'phone'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export const OPTIONAL_CONTACT_FIELDS: readonly ContactField[] = ['role', 'phone'];

// Personal mailboxes are not work addresses; the practitioner needs to reach the organisation.
const PERSONAL_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'live.com',
  'live.co.uk',
  'yahoo.com',
  'yahoo.co.uk',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
]);

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
    .pipe(z.email('That does not look like an email address (name@organisation.com)'))
    .refine((value) => !PERSONAL_MAIL_DOMAINS.has(value.split('@')[1] ?? ''), 'Please use your work email address, not a personal one'),
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
});

export type ContactSubmitResult =
  | { ok: true; contact: Contact }
  | { ok: false; consent: boolean; good: Partial<Contact>; problems: Partial<Record<ContactField, string>> };

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
  if (!consent || Object.keys(problems).length > 0) return { ok: false, consent, good, problems };
  return { ok: true, contact: good as Contact };
}
