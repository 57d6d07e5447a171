import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { webhookJsonSchema, WebhookEventSchema } from './events';
import { sign, verify } from './signature';

/** The webhook's contract: the published JSON Schema is the zod schema's, and signatures verify as documented. */

const published = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../docs/webhook.schema.json'), 'utf8'));

it('docs/webhook.schema.json is generated from the zod schema (run `npm run webhook:schema` after changing it)', () => {
  expect(published).toEqual(webhookJsonSchema());
});

it('the published schema takes an erasure with ids only and refuses one carrying personal data', () => {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  const validate = ajv.compile(published);
  const erased = { id: 'evt_5f0c1a52-8d7e-4b7a-9d1e-2a4b6c8d0e1f', type: 'lead.erased', createdAt: '2026-11-30T10:15:00.000Z', leadId: 'lead-1', data: { bookingIds: ['booking-1'] } };
  expect(validate(erased)).toBe(true);
  expect(WebhookEventSchema.safeParse(erased).success).toBe(true);
  const leaky = { ...erased, data: { bookingIds: [], email: 'ada@example.org' } };
  expect(validate(leaky)).toBe(false);
  expect(WebhookEventSchema.safeParse(leaky).success).toBe(false);
});

describe('signature (Scoping-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">)', () => {
  const secret = 'whsec_test_0123456789abcdef';
  const at = new Date('2026-11-30T10:15:00.000Z');
  const body = '{"id":"evt_1","type":"lead.erased"}';

  it.each([
    ['as sent', (h: string) => h, body, at, { ok: true }],
    ['a changed body', (h: string) => h, body.replace('erased', 'created'), at, { ok: false, reason: 'mismatch' }],
    ['another secret', () => sign('whsec_other_0123456789', body, at), body, at, { ok: false, reason: 'mismatch' }],
    ['replayed six minutes later', (h: string) => h, body, new Date(at.getTime() + 6 * 60_000), { ok: false, reason: 'too-old' }],
    ['no header', () => '', body, at, { ok: false, reason: 'malformed' }],
    ['garbage', () => 't=abc,v1=xyz', body, at, { ok: false, reason: 'malformed' }],
  ])('%s', (_name, header, received, now, expected) => {
    expect(verify(secret, header(sign(secret, body, at)), received, now)).toEqual(expected);
  });

  it('is the documented HMAC: hex of HMAC-SHA256(secret, "1796033700." + body)', () => {
    expect(sign(secret, body, at)).toBe(`t=1796033700,v1=${createHmac('sha256', secret).update(`1796033700.${body}`).digest('hex')}`);
  });
});
