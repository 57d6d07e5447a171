import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Direct Line tokens for the self-hosted channel: compact JWTs (HS256) so the
 * official client can read the `user` claim, signed with one key that outlives
 * a restart. A token is scoped to one conversation; a stream token (the `t=` of
 * a streamUrl) is a separate, short-lived kind so the long-lived token never
 * appears in a WebSocket URL.
 */

export type TokenKind = 'conversation' | 'stream';

export interface TokenClaims {
  kind: TokenKind;
  /** conversation id */
  conv: string;
  /** the user's id in that conversation (Direct Line ids start `dl_`) */
  user: string;
  iat: number;
  exp: number;
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-kind' };

const ISSUER = 'scopingbot-directline';

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export class TokenSigner {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = () => Date.now(),
  ) {}

  sign(kind: TokenKind, conv: string, user: string, lifetimeSeconds: number): { token: string; claims: TokenClaims } {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { kind, conv, user, iat, exp: iat + lifetimeSeconds };
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(JSON.stringify({ iss: ISSUER, ...claims }));
    return { token: `${header}.${payload}.${this.mac(`${header}.${payload}`)}`, claims };
  }

  verify(token: string, kind: TokenKind): VerifyResult {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    const [header, payload, signature] = parts;
    const expected = Buffer.from(this.mac(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
    let claims: Partial<TokenClaims> & { iss?: string };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.iss !== ISSUER || typeof claims.conv !== 'string' || typeof claims.user !== 'string' || typeof claims.exp !== 'number') {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.kind !== kind) return { ok: false, reason: 'wrong-kind' };
    if (claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: claims as TokenClaims };
  }

  private mac(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

/**
 * The signing key: the configured one, else one generated on first start and
 * kept at `<dataDir>/directline-token.key` (mode 0600) so tokens survive a restart.
 */
export function loadSigningKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, 'directline-token.key');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 43) return Buffer.from(existing, 'base64url');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    // Another process wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
    throw err;
  }
}

/** Ids that are hard to guess: conversation ids double as capability-free handles, tokens carry the authority. */
export const randomId = (bytes = 16) => randomBytes(bytes).toString('base64url');
