import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../../app/startup-error';

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
  /**
   * Which refresh of the conversation's token this is: a refresh moves the
   * conversation to the next generation, and tokens of earlier ones stop working.
   */
  gen?: number;
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-kind' };

const ISSUER = 'scopingbot-directline';

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export class TokenSigner {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = () => Date.now(),
  ) {}

  sign(kind: TokenKind, conv: string, user: string, lifetimeSeconds: number, gen = 0): { token: string; claims: TokenClaims } {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { kind, conv, user, iat, exp: iat + lifetimeSeconds, gen };
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
    if (claims.gen !== undefined && (typeof claims.gen !== 'number' || !Number.isInteger(claims.gen))) return { ok: false, reason: 'malformed' };
    if (claims.kind !== kind) return { ok: false, reason: 'wrong-kind' };
    if (claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: claims as TokenClaims };
  }

  private mac(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

/** HMAC-SHA256 wants a key at least as long as its output; anything shorter is guessable or empty. */
export const MIN_KEY_BYTES = 32;

/**
 * The signing key: the configured one, else one generated on first start and
 * kept at `<dataDir>/directline-token.key` (mode 0600) so tokens survive a restart.
 * A key file that holds less than 32 bytes (empty, truncated, hand-edited) stops
 * start-up with a message naming it: signing with it would let anyone mint tokens.
 */
export function loadSigningKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, 'directline-token.key');
  const existing = readKeyFile(file);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  return keepFirstKey(file, randomBytes(32));
}

/**
 * Writes `key` to `file` unless a key is there already, and returns the key
 * that is kept. The file appears whole or not at all: the key is written to a
 * temporary file beside it, then hard-linked into place, which fails if the
 * file exists. (Creating the file and then writing it, as before, let a second
 * process starting at the same moment read it empty and refuse to start.)
 */
export function keepFirstKey(file: string, key: Buffer): Buffer {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, key.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
    return key;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Another process put its key there first: use theirs.
    if (code === 'EEXIST') return keyAlreadyThere(file);
    // A file system without hard links (some mounted volumes): create the file exclusively instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') return writeExclusively(file, key);
    throw err;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function writeExclusively(file: string, key: Buffer): Buffer {
  try {
    fs.writeFileSync(file, key.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return keyAlreadyThere(file);
    throw err;
  }
}

/** Another process's key, written whole before we looked. */
const keyAlreadyThere = (file: string): Buffer => readKeyFile(file) ?? keyTooShort(file, 0);

/** The key in `file`, or null when there is no file yet. */
function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StartupError(`Cannot read the Direct Line signing key ${file}: ${(err as Error).message}. Check the file's permissions.`);
  }
  const key = Buffer.from(text.trim(), 'base64url');
  return key.length >= MIN_KEY_BYTES ? key : keyTooShort(file, key.length);
}

function keyTooShort(file: string, bytes: number): never {
  throw new StartupError(
    `The Direct Line signing key ${file} holds ${bytes} bytes; it needs at least ${MIN_KEY_BYTES} (base64url). ` +
      'Delete the file to have a new key generated at the next start (open website chats will then need a new token), ' +
      'or set DIRECTLINE_TOKEN_SECRET to 32 or more random characters.',
  );
}

/** Ids that are hard to guess: conversation ids double as capability-free handles, tokens carry the authority. */
export const randomId = (bytes = 16) => randomBytes(bytes).toString('base64url');
