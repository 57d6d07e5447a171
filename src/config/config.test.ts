import { parseConfig } from './config';

describe('configuration', () => {
  it('runs with nothing configured: port 3978, ./data, no credentials', () => {
    const result = parseConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.port).toBe(3978);
    expect(result.config.dataDir).toMatch(/data$/);
    expect(result.config.auth.appId).toBeUndefined();
    expect(result.config.booking).toMatchObject({ dayStart: '09:00', dayEnd: '17:00', slotMinutes: 30, bufferMinutes: 15, minNoticeHours: 24, horizonDays: 21, practitioners: ['practitioner-1'] });
  });

  it('blank means default', () => {
    const result = parseConfig({ PORT: '', MicrosoftAppId: '  ' });
    expect(result.ok && result.config.port).toBe(3978);
    expect(result.ok && result.config.auth.appId).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ BOOKING_DAY_START: '9am' }, /BOOKING_DAY_START: expected a time as HH:MM/],
    [{ BOOKING_DAY_START: '18:00' }, /BOOKING_DAY_END: must be later/],
    [{ BOOKING_WORKING_DAYS: 'mon,funday' }, /BOOKING_WORKING_DAYS/],
    [{ MicrosoftAppId: 'abc' }, /MicrosoftAppPassword: is required/],
    [{ BOOKING_TIME_ZONE: 'Mars/Olympus' }, /BOOKING_TIME_ZONE: is not a known IANA time zone/],
    [{ PRIVACY_NOTICE_URL: 'not a url' }, /PRIVACY_NOTICE_URL/],
  ])('a bad value stops start-up naming it: %j', (env, message) => {
    const result = parseConfig(env as Record<string, string>);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(message);
  });

  it('lists every problem at once', () => {
    const result = parseConfig({ PORT: 'x', LOG_LEVEL: 'y' });
    expect(!result.ok && result.error.problems).toHaveLength(2);
  });
});

describe('practitioners, calendar provider and email', () => {
  it('the plain list of ids still works; each gets its id as display name; provider none, no email by default', () => {
    const result = parseConfig({ BOOKING_PRACTITIONERS: 'ann, bob' });
    expect(result.ok && result.config.booking.practitioners).toEqual(['ann', 'bob']);
    expect(result.ok && result.config.booking.roster).toEqual([{ id: 'ann', name: 'ann', mailbox: undefined }, { id: 'bob', name: 'bob', mailbox: undefined }]);
    expect(result.ok && result.config.calendar).toEqual({ provider: 'none', graph: undefined });
    expect(result.ok && result.config.mail.smtpUrl).toBeUndefined();
    expect(result.ok && result.config.mail.from).toBe('scoping@example.com');
  });

  it('the structured form gives names and mailboxes, and graph takes its credentials', () => {
    const result = parseConfig({
      BOOKING_PRACTITIONERS: '[{"id":"jane","name":"Jane Doe","mailbox":"jane@firm.example"}]',
      CALENDAR_PROVIDER: 'graph',
      GRAPH_TENANT_ID: 't',
      GRAPH_CLIENT_ID: 'c',
      GRAPH_CLIENT_SECRET: 's',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.booking.roster).toEqual([{ id: 'jane', name: 'Jane Doe', mailbox: 'jane@firm.example' }]);
    expect(result.config.calendar.graph).toMatchObject({ tenantId: 't', baseUrl: 'https://graph.microsoft.com/v1.0', authorityHost: 'https://login.microsoftonline.com' });
  });

  it.each([
    [{ BOOKING_PRACTITIONERS: '[{"id":"jane"' }, /BOOKING_PRACTITIONERS: is not valid JSON/],
    [{ BOOKING_PRACTITIONERS: '[{"id":"jane","mailbox":"not-an-email"}]' }, /BOOKING_PRACTITIONERS.*mailbox must be an email address/],
    [{ BOOKING_PRACTITIONERS: '[{"id":"a"},{"id":"a"}]' }, /BOOKING_PRACTITIONERS: practitioner ids must be different/],
    [{ BOOKING_PRACTITIONERS: '[]' }, /BOOKING_PRACTITIONERS: name at least one practitioner/],
    [{ BOOKING_PRACTITIONERS: 'ann smith' }, /practitioner ids are letters, digits, dot, dash/],
    [{ CALENDAR_PROVIDER: 'google' }, /CALENDAR_PROVIDER/],
    [{ CALENDAR_PROVIDER: 'graph', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c' }, /GRAPH_CLIENT_SECRET: is required when CALENDAR_PROVIDER=graph/],
    [{ CALENDAR_PROVIDER: 'graph', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' }, /needs a mailbox for each practitioner.*practitioner-1/],
    [{ SMTP_URL: 'mail.example.com' }, /SMTP_URL: expected smtp:\/\//],
  ])('a bad calendar or email setting stops start-up naming it: %j', (env, message) => {
    const result = parseConfig(env as Record<string, string>);
    expect(!result.ok && result.error.message).toMatch(message);
  });

  it('a bad secret-bearing setting is named but its value is not echoed', () => {
    const result = parseConfig({ SMTP_URL: 'http://user:hunter2@mail.example.com' });
    expect(!result.ok && result.error.message).toMatch(/SMTP_URL/);
    expect(!result.ok && result.error.message).not.toContain('hunter2');
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    ['', false],
    ['1', 1],
    ['loopback', 'loopback'],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
  ])('%j → %j', (raw, expected) => {
    const parsed = parseConfig({ TRUST_PROXY: raw });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.config.trustProxy).toEqual(expected);
  });

  it('refuses anything else, naming the setting', () => {
    const parsed = parseConfig({ TRUST_PROXY: 'true; rm -rf' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/TRUST_PROXY: expected a hop count/);
  });
});
