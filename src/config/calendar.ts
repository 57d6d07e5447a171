import { z } from 'zod';

/**
 * Settings for whose calendar a booking goes into (CALENDAR_PROVIDER,
 * GRAPH_*), who the practitioners are (BOOKING_PRACTITIONERS) and the
 * confirmation email (SMTP_URL, MAIL_FROM, BOOKING_MEETING_DETAILS).
 * Spread into the main schema by src/config/config.ts; checked together there.
 */

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export interface Practitioner {
  /** Stored with each booking; letters, digits, dot, dash. */
  id: string;
  /** Shown in the brief and the invitation. */
  name: string;
  /** The Microsoft 365 mailbox whose calendar is booked (required with CALENDAR_PROVIDER=graph). */
  mailbox?: string;
}

const PractitionerSchema = z
  .object({
    id: z.string().regex(/^[\w.-]+$/, 'practitioner ids are letters, digits, dot, dash'),
    name: z.string().trim().min(1).optional(),
    mailbox: z.email('mailbox must be an email address').optional(),
  })
  .strict();

/**
 * Two forms. The plain one, ids only (`practitioner-1,practitioner-2`), as
 * before; or a JSON list with a display name and, for Graph, a mailbox:
 * `[{"id":"jane","name":"Jane Doe","mailbox":"jane@firm.example"}]`.
 */
const PractitionersSchema = z.preprocess(
  (value, ctx) => {
    const raw = (blankToUndefined(value) as string | undefined) ?? 'practitioner-1';
    if (!raw.trim().startsWith('[')) {
      return raw
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id.length > 0)
        .map((id) => ({ id }));
    }
    try {
      return JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON; expected [{"id":"jane","name":"Jane Doe","mailbox":"jane@firm.example"}] or ids separated by commas' });
      return z.NEVER;
    }
  },
  z
    .array(PractitionerSchema)
    .min(1, 'name at least one practitioner')
    .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'practitioner ids must be different')
    .transform((list): Practitioner[] => list.map((p) => ({ id: p.id, name: p.name ?? p.id, mailbox: p.mailbox }))),
);

export const CALENDAR_ENV = {
  BOOKING_PRACTITIONERS: PractitionersSchema,
  /** none: our own records only (the embedded default); graph: Microsoft 365 calendars through Microsoft Graph. */
  CALENDAR_PROVIDER: z.preprocess(blankToUndefined, z.enum(['none', 'graph']).default('none')),
  GRAPH_TENANT_ID: z.preprocess(blankToUndefined, z.string().optional()),
  GRAPH_CLIENT_ID: z.preprocess(blankToUndefined, z.string().optional()),
  GRAPH_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().optional()),
  GRAPH_BASE_URL: z.preprocess(blankToUndefined, z.url().default('https://graph.microsoft.com/v1.0')),
  /** The sign-in host; change it only for a national cloud (or a local stand-in in tests). */
  GRAPH_AUTHORITY_HOST: z.preprocess(blankToUndefined, z.url().default('https://login.microsoftonline.com')),
  /** smtp://user:pass@host:587 or smtps://…; unset: no email is sent. */
  SMTP_URL: z.preprocess(blankToUndefined, z.string().regex(/^smtps?:\/\/\S+$/, 'expected smtp://user:password@host:587 or smtps://…').optional()),
  /** The sender of confirmations and reminders; default: BOOKING_ORGANIZER_EMAIL. */
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().optional()),
  /** How the call takes place when no Teams meeting was made (phone number, video link). */
  BOOKING_MEETING_DETAILS: z.preprocess(
    blankToUndefined,
    z.string().max(500).default('The practitioner will call you on the phone number you gave, or email you a video-call link the day before.'),
  ),
};

type CalendarEnv = z.infer<z.ZodObject<typeof CALENDAR_ENV>>;

export interface GraphConfig {
  tenantId: string;
  clientId: string;
  /** Never logged. */
  clientSecret: string;
  baseUrl: string;
  authorityHost: string;
}

export interface CalendarConfig {
  provider: 'none' | 'graph';
  /** Set when provider is graph. */
  graph: GraphConfig | undefined;
}

export interface MailConfig {
  /** Unset: nothing is sent (start-up says so once). Holds a password: never logged. */
  smtpUrl: string | undefined;
  from: string;
  meetingDetails: string;
}

export function checkCalendarEnv(env: CalendarEnv, ctx: { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void }): void {
  if (env.CALENDAR_PROVIDER !== 'graph') return;
  for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'] as const) {
    if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when CALENDAR_PROVIDER=graph' });
  }
  const withoutMailbox = env.BOOKING_PRACTITIONERS.filter((p) => !p.mailbox).map((p) => p.id);
  if (withoutMailbox.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['BOOKING_PRACTITIONERS'],
      message: `needs a mailbox for each practitioner when CALENDAR_PROVIDER=graph (missing for ${withoutMailbox.join(', ')}), e.g. [{"id":"jane","name":"Jane Doe","mailbox":"jane@firm.example"}]`,
    });
  }
}

export function calendarConfig(env: CalendarEnv): CalendarConfig {
  return {
    provider: env.CALENDAR_PROVIDER,
    graph:
      env.CALENDAR_PROVIDER === 'graph'
        ? {
            tenantId: env.GRAPH_TENANT_ID!,
            clientId: env.GRAPH_CLIENT_ID!,
            clientSecret: env.GRAPH_CLIENT_SECRET!,
            baseUrl: env.GRAPH_BASE_URL.replace(/\/+$/, ''),
            authorityHost: env.GRAPH_AUTHORITY_HOST.replace(/\/+$/, ''),
          }
        : undefined,
  };
}

export function mailConfig(env: CalendarEnv & { BOOKING_ORGANIZER_EMAIL: string }): MailConfig {
  return { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM ?? env.BOOKING_ORGANIZER_EMAIL, meetingDetails: env.BOOKING_MEETING_DETAILS };
}
