/**
 * A write carrying the eTag it was read with lost a race: someone wrote the
 * item in between. Every `Storage` backend throws this, so the bot re-runs the
 * turn on fresh state instead of silently winning.
 */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: "${key}" was changed by someone else (eTag conflict)`);
    this.name = 'ETagConflictError';
  }
}
