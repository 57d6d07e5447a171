import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, parsed once from the environment. Every default is the
 * embedded mode: no cloud account, no secrets, data under ./data.
 */

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const int = (fallback: number, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
const clockTime = (fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM, e.g. 09:00')
      .default(fallback),
  );
const list = (fallback: string) =>
  z.preprocess(
    (value) => (blankToUndefined(value) ?? fallback),
    z.string().transform((raw) =>
      raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    ),
  );

// --- DIRECTLINE: website channel (src/channels/directline) -------------------
const DIRECTLINE_ENV = {
  /** Azure mode: a Direct Line secret from Azure Bot Service; the page gets tokens exchanged by this server. */
  DIRECTLINE_SECRET: optionalString,
  /** Azure Direct Line endpoint (regional endpoints exist, e.g. https://europe.directline.botframework.com/v3/directline). */
  DIRECTLINE_ENDPOINT: z.preprocess(blankToUndefined, z.url().default('https://directline.botframework.com/v3/directline')),
  /** HMAC key signing self-hosted tokens; unset: one is generated once and kept under DATA_DIR. */
  DIRECTLINE_TOKEN_SECRET: z.preprocess(blankToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  DIRECTLINE_ALLOWED_ORIGINS: list('http://localhost:3978,http://127.0.0.1:3978').pipe(
    z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'origins are scheme://host[:port], no path, e.g. https://www.example.com')),
  ),
  DIRECTLINE_TOKEN_MINUTES: int(30, 2, 24 * 60),
  DIRECTLINE_MAX_MESSAGE_BYTES: int(8192, 256, 1024 * 1024),
  DIRECTLINE_RATE_LIMIT_MESSAGES: int(20, 1, 10000),
  DIRECTLINE_RATE_LIMIT_SECONDS: int(10, 1, 3600),
  DIRECTLINE_HISTORY_LIMIT: int(500, 10, 100000),
  /** Tokens (new conversations) one client address may take per window. */
  DIRECTLINE_TOKEN_RATE_LIMIT: int(30, 1, 100000),
  DIRECTLINE_TOKEN_RATE_SECONDS: int(60, 1, 3600),
  /** Open WebSocket streams allowed per conversation (tabs of one visitor). */
  DIRECTLINE_MAX_STREAMS: int(4, 1, 100),
};

export interface DirectLineConfig {
  /** Set: Azure mode. Never sent to a browser. */
  secret: string | undefined;
  azureEndpoint: string;
  /** Unset: the channel derives and keeps one under dataDir. */
  tokenSecret: string | undefined;
  allowedOrigins: string[];
  tokenLifetimeSeconds: number;
  maxMessageBytes: number;
  rateLimit: { messages: number; windowSeconds: number };
  historyLimit: number;
  tokenRateLimit: { tokens: number; windowSeconds: number };
  maxStreamsPerConversation: number;
}

function directLineConfig(e: z.infer<z.ZodObject<typeof DIRECTLINE_ENV>>): DirectLineConfig {
  return {
    secret: e.DIRECTLINE_SECRET,
    azureEndpoint: e.DIRECTLINE_ENDPOINT.replace(/\/+$/, ''),
    tokenSecret: e.DIRECTLINE_TOKEN_SECRET,
    allowedOrigins: e.DIRECTLINE_ALLOWED_ORIGINS.map((origin) => origin.toLowerCase()),
    tokenLifetimeSeconds: e.DIRECTLINE_TOKEN_MINUTES * 60,
    maxMessageBytes: e.DIRECTLINE_MAX_MESSAGE_BYTES,
    rateLimit: { messages: e.DIRECTLINE_RATE_LIMIT_MESSAGES, windowSeconds: e.DIRECTLINE_RATE_LIMIT_SECONDS },
    historyLimit: e.DIRECTLINE_HISTORY_LIMIT,
    tokenRateLimit: { tokens: e.DIRECTLINE_TOKEN_RATE_LIMIT, windowSeconds: e.DIRECTLINE_TOKEN_RATE_SECONDS },
    maxStreamsPerConversation: e.DIRECTLINE_MAX_STREAMS,
  };
}
// --- end DIRECTLINE -----------------------------------------------------------

// --- TEAMS: Microsoft Teams channel (src/channels/teams, teams/) -------------
const TEAMS_ENV = {
  /** The Teams app's own id in manifest.json (not the bot id); keep it fixed across versions of the package. */
  TEAMS_APP_ID: z.preprocess(blankToUndefined, z.uuid('must be a UUID').default('6f1c2b0e-4a3d-4e8f-9b27-5d0c8a1e7f42')),
  /** Version written into manifest.json (x.y.z); raise it for each upload. */
  TEAMS_APP_VERSION: z.preprocess(blankToUndefined, z.string().regex(/^\d+\.\d+\.\d+$/, 'expected x.y.z').default('1.0.0')),
  /** Who may register the practitioners' channel: AAD object ids or UPNs, comma separated. Empty: nobody. */
  TEAMS_PRACTITIONER_ALLOWLIST: list(''),
  TEAMS_DEVELOPER_NAME: z.preprocess(blankToUndefined, z.string().max(32).default('QL Security')),
  TEAMS_DEVELOPER_WEBSITE: z.preprocess(blankToUndefined, z.url().default('https://example.com')),
};

export interface TeamsConfig {
  appId: string;
  appVersion: string;
  /** Lower-cased AAD object ids and UPNs. */
  practitionerAllowlist: string[];
  developer: { name: string; websiteUrl: string };
}

function teamsConfig(e: z.infer<z.ZodObject<typeof TEAMS_ENV>>): TeamsConfig {
  return {
    appId: e.TEAMS_APP_ID,
    appVersion: e.TEAMS_APP_VERSION,
    practitionerAllowlist: e.TEAMS_PRACTITIONER_ALLOWLIST.map((who) => who.toLowerCase()),
    developer: { name: e.TEAMS_DEVELOPER_NAME, websiteUrl: e.TEAMS_DEVELOPER_WEBSITE },
  };
}
// --- end TEAMS ----------------------------------------------------------------

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const EnvSchema = z
  .object({
    PORT: int(3978, 0, 65535),
    HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
    /** Reverse proxies whose X-Forwarded-For is believed (express "trust proxy"): a hop count, or addresses/CIDRs/loopback. Blank: none. */
    TRUST_PROXY: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^(\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*)$/, 'expected a hop count (e.g. 1) or addresses, CIDRs or "loopback", comma separated')
        .optional(),
    ),
    PUBLIC_BASE_URL: z.preprocess(blankToUndefined, z.url().optional()),
    LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),
    DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
    FIRM_NAME: z.preprocess(blankToUndefined, z.string().trim().min(1).max(60).default('QL Security')),

    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.preprocess(blankToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
    MicrosoftAppTenantId: optionalString,

    PRIVACY_NOTICE_URL: z.preprocess(blankToUndefined, z.url().default('https://example.com/privacy')),
    PRIVACY_NOTICE_VERSION: z.preprocess(blankToUndefined, z.string().default('2026-01')),
    TERMS_URL: z.preprocess(blankToUndefined, z.url().default('https://example.com/terms')),
    RETENTION_DAYS: int(365, 1, 3650),

    BOOKING_TIME_ZONE: z.preprocess(blankToUndefined, z.string().default('Europe/London')),
    BOOKING_WORKING_DAYS: list('mon,tue,wed,thu,fri').pipe(z.array(z.enum(WEEKDAYS)).min(1)),
    BOOKING_DAY_START: clockTime('09:00'),
    BOOKING_DAY_END: clockTime('17:00'),
    BOOKING_SLOT_MINUTES: int(30, 5, 240),
    BOOKING_BUFFER_MINUTES: int(15, 0, 240),
    BOOKING_MIN_NOTICE_HOURS: int(24, 0, 24 * 30),
    BOOKING_HORIZON_DAYS: int(21, 1, 365),
    BOOKING_OFFER_COUNT: int(4, 1, 10),
    BOOKING_ORGANIZER_EMAIL: z.preprocess(blankToUndefined, z.email().default('scoping@example.com')),
    BOOKING_CALL_FORMAT: z.preprocess(blankToUndefined, z.enum(['teams', 'phone', 'teams-or-phone']).default('teams')),
    BOOKING_CALL_PRICE: z.preprocess(blankToUndefined, z.string().trim().max(80).optional()),
    BOOKING_PRACTITIONERS: list('practitioner-1').pipe(z.array(z.string().regex(/^[\w.-]+$/, 'practitioner ids are letters, digits, dot, dash')).min(1)),
    ...DIRECTLINE_ENV, // DIRECTLINE
    ...TEAMS_ENV, // TEAMS
  })
  .superRefine((env, ctx) => {
    if (env.BOOKING_DAY_START >= env.BOOKING_DAY_END) {
      ctx.addIssue({ code: 'custom', path: ['BOOKING_DAY_END'], message: 'must be later than BOOKING_DAY_START' });
    }
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for a SingleTenant app' });
    }
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: env.BOOKING_TIME_ZONE });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['BOOKING_TIME_ZONE'], message: 'is not a known IANA time zone' });
    }
  });

export type Weekday = (typeof WEEKDAYS)[number];

export interface BookingConfig {
  timeZone: string;
  workingDays: Weekday[];
  dayStart: string;
  dayEnd: string;
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeHours: number;
  horizonDays: number;
  offerCount: number;
  practitioners: string[];
  /** The mailbox calendar invitations come from (replies to the invitation go there). */
  organizerEmail: string;
  /** How the call takes place, for "will it be on Teams or phone?". */
  callFormat: 'teams' | 'phone' | 'teams-or-phone';
  /** What the firm charges for the call: "free", a price in words, or null when not set (the bot then says it can't say). */
  callPrice: string | null;
}

export interface Config {
  port: number;
  host: string;
  /** express "trust proxy": which proxies' X-Forwarded-For names the client (per-address limits). */
  trustProxy: string | number | false;
  /** Where this server is reached from outside, for links it hands out (iCalendar files). */
  publicBaseUrl: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  dataDir: string;
  /** The firm's name as visitors read it ("QL Security's scoping assistant"): `{firm}` in content. */
  firmName: string;
  auth: {
    appId: string | undefined;
    appPassword: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string | undefined;
  };
  privacy: { noticeUrl: string; noticeVersion: string; termsUrl: string; retentionDays: number };
  booking: BookingConfig;
  directLine: DirectLineConfig; // DIRECTLINE
  teams: TeamsConfig; // TEAMS
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: ConfigError };

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = env[String(issue.path[0])];
      return `${name}: ${issue.message}${value !== undefined ? ` (got "${value}")` : ''}`;
    });
    return { ok: false, error: new ConfigError(problems) };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      trustProxy: e.TRUST_PROXY === undefined ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
      publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
      logLevel: e.LOG_LEVEL,
      dataDir: path.resolve(e.DATA_DIR),
      firmName: e.FIRM_NAME,
      auth: {
        appId: e.MicrosoftAppId,
        appPassword: e.MicrosoftAppPassword,
        appType: e.MicrosoftAppType,
        tenantId: e.MicrosoftAppTenantId,
      },
      privacy: {
        noticeUrl: e.PRIVACY_NOTICE_URL,
        noticeVersion: e.PRIVACY_NOTICE_VERSION,
        termsUrl: e.TERMS_URL,
        retentionDays: e.RETENTION_DAYS,
      },
      booking: {
        timeZone: e.BOOKING_TIME_ZONE,
        workingDays: e.BOOKING_WORKING_DAYS,
        dayStart: e.BOOKING_DAY_START,
        dayEnd: e.BOOKING_DAY_END,
        slotMinutes: e.BOOKING_SLOT_MINUTES,
        bufferMinutes: e.BOOKING_BUFFER_MINUTES,
        minNoticeHours: e.BOOKING_MIN_NOTICE_HOURS,
        horizonDays: e.BOOKING_HORIZON_DAYS,
        offerCount: e.BOOKING_OFFER_COUNT,
        practitioners: e.BOOKING_PRACTITIONERS,
        organizerEmail: e.BOOKING_ORGANIZER_EMAIL,
        callFormat: e.BOOKING_CALL_FORMAT,
        callPrice: e.BOOKING_CALL_PRICE ?? null,
      },
      directLine: directLineConfig(e), // DIRECTLINE
      teams: teamsConfig(e), // TEAMS
    },
  };
}

/** For tests and tools: the embedded defaults, with overrides. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const result = parseConfig({ LOG_LEVEL: 'silent', ...overrides });
  if (!result.ok) throw result.error;
  return result.config;
}
