import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * Web Chat's prebuilt bundle (3.9 MB), served under a content-hashed name
 * (`/webchat/webchat.<hash>.js`, cached for a year) and pre-compressed:
 * brotli at its best quality (0.64 MB) where the browser takes it, gzip
 * (0.95 MB) otherwise. Compressing happens once per bundle version, off the
 * event loop (zlib's thread pool), and is kept on disk so a restart reuses it.
 * Brotli at quality 11 takes about 10 s of one core: until it is ready, gzip is served.
 */

export type Encoding = 'br' | 'gzip' | 'identity';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** botframework-webchat exports only its entry point; its dist/ sits beside it in the package. */
export function webChatBundleFile(): string {
  let dir = path.dirname(require.resolve('botframework-webchat'));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'webchat.js');
}

export class WebChatBundle {
  readonly hash: string;
  readonly urlPath: string;
  private readonly raw: Buffer;
  private readonly encoded = new Map<Exclude<Encoding, 'identity'>, Promise<Buffer>>();

  constructor(
    file: string = webChatBundleFile(),
    private readonly cacheDir: string = path.join(os.tmpdir(), 'scoping-bot-webchat'),
  ) {
    this.raw = fs.readFileSync(file);
    this.hash = createHash('sha256').update(this.raw).digest('hex').slice(0, 16);
    this.urlPath = `/webchat/webchat.${this.hash}.js`;
  }

  /** Starts both compressions (no-op when under way or done); `npm run build` can call this ahead of time. */
  prepare(): Promise<void> {
    return Promise.all([this.body('gzip'), this.body('br')]).then(() => undefined);
  }

  /** The best encoding the request accepts that is ready now (gzip is waited for: it takes a fraction of a second). */
  async pick(acceptEncoding: string | undefined): Promise<{ encoding: Encoding; body: Buffer }> {
    const accepted = parseAccept(acceptEncoding);
    const br = this.body('br');
    const gz = this.body('gzip');
    if (accepted.has('br') && this.ready.has('br')) return { encoding: 'br', body: await br };
    if (accepted.has('gzip')) return { encoding: 'gzip', body: await gz };
    if (accepted.has('br')) return { encoding: 'br', body: await br };
    return { encoding: 'identity', body: this.raw };
  }

  private readonly ready = new Set<Encoding>();

  private body(encoding: Exclude<Encoding, 'identity'>): Promise<Buffer> {
    let pending = this.encoded.get(encoding);
    if (!pending) {
      pending = this.load(encoding).then((buffer) => {
        this.ready.add(encoding);
        return buffer;
      });
      // A failed compression is retried on the next request rather than kept.
      pending.catch(() => this.encoded.delete(encoding));
      this.encoded.set(encoding, pending);
    }
    return pending;
  }

  private async load(encoding: 'br' | 'gzip'): Promise<Buffer> {
    const file = path.join(this.cacheDir, `webchat.${this.hash}.js.${encoding === 'br' ? 'br' : 'gz'}`);
    try {
      return await fs.promises.readFile(file);
    } catch {
      /* not compressed yet */
    }
    const body =
      encoding === 'br'
        ? await brotli(this.raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: this.raw.length } })
        : await gzip(this.raw, { level: 9 });
    try {
      // Written aside and renamed: another process reading it never sees half a file.
      await fs.promises.mkdir(this.cacheDir, { recursive: true });
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await fs.promises.writeFile(temp, body);
      await fs.promises.rename(temp, file);
    } catch {
      /* a read-only temp folder: served from memory, compressed again next start */
    }
    return body;
  }
}

/** "gzip, deflate, br;q=0" → {gzip, deflate}: codings with a q of 0 are refused. */
export function parseAccept(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}
