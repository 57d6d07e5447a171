import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '../../app/startup-error';
import { keepFirstKey, loadSigningKey, TokenSigner } from './tokens';

/** The Direct Line signing key kept under DATA_DIR (issue 10, item 4). */

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-key-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const keyFile = () => path.join(dataDir, 'directline-token.key');

it('is generated on first start: 32 random bytes, kept 0600, and the same key next time', () => {
  const first = loadSigningKey(undefined, dataDir);
  expect(first.length).toBe(32);
  expect(fs.statSync(keyFile()).mode & 0o777).toBe(0o600);
  expect(loadSigningKey(undefined, dataDir).equals(first)).toBe(true);
});

it.each([
  ['empty', ''],
  ['a newline only', '\n'],
  ['16 bytes', `${Buffer.alloc(16, 7).toString('base64url')}\n`],
  ['31 bytes', Buffer.alloc(31, 7).toString('base64url')],
])('a key file holding %s stops start-up with a message naming the file', (_what, content) => {
  fs.writeFileSync(keyFile(), content, { mode: 0o600 });
  let thrown: unknown;
  try {
    loadSigningKey(undefined, dataDir);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StartupError);
  expect((thrown as Error).message).toContain(keyFile());
  expect((thrown as Error).message).toMatch(/at least 32/);
  // The short key was not replaced behind the operator's back.
  expect(fs.readFileSync(keyFile(), 'utf8')).toBe(content);
});

it('a key file of 32 bytes is used as it is', () => {
  const key = Buffer.alloc(32, 9);
  fs.writeFileSync(keyFile(), key.toString('base64url'));
  expect(loadSigningKey(undefined, dataDir).equals(key)).toBe(true);
});

it('a token signed with an empty key is not accepted by the real signer', () => {
  const forged = new TokenSigner(Buffer.alloc(0)).sign('conversation', 'c1', 'dl_u', 600).token;
  const real = new TokenSigner(loadSigningKey(undefined, dataDir));
  expect(real.verify(forged, 'conversation')).toEqual({ ok: false, reason: 'bad-signature' });
});

describe('two processes starting at once on a fresh folder', () => {
  it('the key file appears whole: written beside it, then linked into place, nothing left behind', () => {
    const key = Buffer.alloc(32, 3);
    expect(keepFirstKey(keyFile(), key).equals(key)).toBe(true);
    expect(fs.readFileSync(keyFile(), 'utf8')).toBe(`${key.toString('base64url')}\n`);
    expect(fs.statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual(['directline-token.key']);
  });

  it('the one that comes second uses the first one’s key, and leaves it as it was', () => {
    const first = Buffer.alloc(32, 4);
    keepFirstKey(keyFile(), first);
    expect(keepFirstKey(keyFile(), Buffer.alloc(32, 5)).equals(first)).toBe(true);
    expect(fs.readFileSync(keyFile(), 'utf8')).toBe(`${first.toString('base64url')}\n`);
    expect(fs.readdirSync(dataDir)).toEqual(['directline-token.key']);
  });
});
