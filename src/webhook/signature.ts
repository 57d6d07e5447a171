import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signing as Stripe and GitHub do: an HMAC-SHA256, keyed with
 * LEADS_WEBHOOK_SECRET, over the timestamp, a dot and the raw body; sent as
 *
 *   Scoping-Signature: t=1796033700,v1=5f8c…(64 hex)
 *
 * The receiver recomputes it over the bytes it received (before any JSON
 * parsing), compares in constant time, and refuses a timestamp more than five
 * minutes from its clock (a replayed request).
 *
 * Example: secret "whsec_test", t=1796033700, body {"a":1} → the HMAC of
 * `1796033700.{"a":1}`.
 */

export const SIGNATURE_HEADER = 'Scoping-Signature';
export const EVENT_ID_HEADER = 'Scoping-Event-Id';
export const TOLERANCE_SECONDS = 300;

export function sign(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, `${t}.${body}`)}`;
}

export type Verification = { ok: true } | { ok: false; reason: 'malformed' | 'too-old' | 'mismatch' };

export function verify(secret: string, header: string | undefined, body: string, now: Date, toleranceSeconds = TOLERANCE_SECONDS): Verification {
  const parts = new Map((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || !/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'too-old' };
  const expected = Buffer.from(hmac(secret, `${t}.${body}`), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}
