import crypto from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import { inTransaction, type Pool, type Queryable } from '../db/postgres';
import { parseDoc } from './doc';
import { ETagConflictError } from './etag';
import type { ConversationStorage } from './types';

/**
 * botbuilder's `Storage` in PostgreSQL, shared by every instance. Writes
 * honour eTags exactly as the SQLite store does: `UPDATE … WHERE etag = $1`
 * changes nothing when someone wrote in between, and the write is refused
 * with `ETagConflictError` so the turn re-runs on fresh state. `*` or no eTag
 * means "write regardless"; an empty eTag means "create, unless it exists".
 */
export class PostgresStorage implements ConversationStorage {
  constructor(private readonly pool: Pool) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.pool.query<{ key: string; doc: string; etag: string }>(`SELECT key, doc, etag FROM conversation_state WHERE key = ANY($1)`, [keys]);
    for (const row of rows) items[row.key] = { ...parseDoc(row.doc), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes) as [string, Record<string, unknown>][];
    if (entries.length === 1) return this.writeOne(this.pool, ...entries[0]);
    await inTransaction(this.pool, async (client) => {
      for (const [key, item] of entries) await this.writeOne(client, key, item);
    });
  }

  private async writeOne(db: Queryable, key: string, item: Record<string, unknown>): Promise<void> {
    const { eTag, ...doc } = item;
    const json = JSON.stringify(doc);
    const next = crypto.randomUUID();
    if (eTag === undefined || eTag === '*') {
      await db.query(
        `INSERT INTO conversation_state (key, doc, etag) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET doc = excluded.doc, etag = excluded.etag, updated_at = now()`,
        [key, json, next],
      );
    } else if (eTag === null || eTag === '') {
      const { rowCount } = await db.query(`INSERT INTO conversation_state (key, doc, etag) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`, [key, json, next]);
      if (rowCount === 0) throw new ETagConflictError(key);
    } else {
      const { rowCount } = await db.query(`UPDATE conversation_state SET doc = $1, etag = $2, updated_at = now() WHERE key = $3 AND etag = $4`, [
        json,
        next,
        key,
        String(eTag),
      ]);
      if (rowCount === 0) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.pool.query(`DELETE FROM conversation_state WHERE key = ANY($1)`, [keys]);
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    return (await this.pool.query(`DELETE FROM conversation_state WHERE updated_at < $1`, [cutoff])).rowCount ?? 0;
  }

  /** The overwritten version is a dead tuple until vacuumed: vacuum now. */
  async scrub(): Promise<void> {
    await this.pool.query('VACUUM conversation_state');
  }

  async sizeOf(key: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(`SELECT octet_length(doc) AS n FROM conversation_state WHERE key = $1`, [key]);
    return rows[0]?.n ?? 0;
  }

  async close(): Promise<void> {}
}
