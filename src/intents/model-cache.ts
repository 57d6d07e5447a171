import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Trained nlp.js models kept as JSON files named by a hash of everything the
 * training depends on: the exact documents (after normalisation), the
 * settings, the nlp.js versions and this file's format. A content or code
 * change gives a new name, so a stale model is never loaded; it is trained
 * again instead. `npm run build` writes one into dist/models; the server
 * writes one under DATA_DIR/models on its first start after a change.
 */

/** Bumped when the way a model is saved or loaded changes. */
const FORMAT = 1;
const NLPJS_PACKAGES = ['@nlpjs/core', '@nlpjs/nlp', '@nlpjs/nlu', '@nlpjs/neural', '@nlpjs/lang-en'];

export interface ModelCache {
  read(key: string): unknown | undefined;
  write(key: string, model: unknown): void;
}

export function modelKey(name: string, inputs: unknown): string {
  const versions = NLPJS_PACKAGES.map((pkg) => `${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
  const hash = createHash('sha256').update(JSON.stringify({ FORMAT, versions, inputs })).digest('hex').slice(0, 32);
  return `${name}-${hash}`;
}

/**
 * Reads from each folder in turn; writes to `writeTo` (atomically, so a
 * half-written file is never read). A file that cannot be read or parsed is
 * a miss: the model is trained as if there were none.
 */
export function folderModelCache(options: { readFrom: string[]; writeTo?: string; onWriteError?: (error: Error) => void }): ModelCache {
  return {
    read(key) {
      for (const folder of options.readFrom) {
        try {
          return JSON.parse(fs.readFileSync(path.join(folder, `${key}.json`), 'utf8')) as unknown;
        } catch {
          // missing or unreadable: try the next folder, then train
        }
      }
      return undefined;
    },
    write(key, model) {
      if (!options.writeTo) return;
      try {
        fs.mkdirSync(options.writeTo, { recursive: true });
        const file = path.join(options.writeTo, `${key}.json`);
        const partial = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(partial, JSON.stringify(model));
        fs.renameSync(partial, file);
      } catch (error) {
        // A cache that cannot be written costs the next start a training, nothing more.
        options.onWriteError?.(error as Error);
      }
    },
  };
}

/** Where `npm run build` leaves trained models: dist/models, beside dist/src. */
export const BUILT_MODELS_DIR = path.resolve(__dirname, '..', '..', 'models');
