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
