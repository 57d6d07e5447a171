import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import type { StoreItems } from 'botbuilder';
import { parseDoc } from './doc';
import type { ConversationStorage } from './types';
import { ETagConflictError } from './etag';
import { openDataFile } from './files';

export { ETagConflictError };

/**
 * botbuilder's `Storage` on an embedded SQLite file. Writes honour eTags: an
 * item written with the eTag it was read with replaces the stored one only if
 * nobody wrote in between; otherwise the write is refused with an
 * `ETagConflictError`, so a stale turn can retry instead of silently winning.
 * `*` or no eTag means "write regardless" (botbuilder's convention).
 */

export class SqliteStorage implements ConversationStorage {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement<[string], { doc: string; etag: string }>;
  private readonly insertNew: Database.Statement<[string, string, string]>;
  private readonly upsert: Database.Statement<[string, string, string]>;
  private readonly updateIfMatch: Database.Statement<[string, string, string, string]>;
  private readonly deleteOne: Database.Statement<[string]>;

  constructor(file: string) {
    // State holds contact details after consent: what is deleted or overwritten is zeroed (secure_delete), not left in free pages.
    this.db = openDataFile(file, { synchronousNormal: true });
    this.db.exec(`CREATE TABLE IF NOT EXISTS state (
      key TEXT PRIMARY KEY,
      doc TEXT NOT NULL,
      etag TEXT NOT NULL,
      updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    )`);
    this.selectOne = this.db.prepare('SELECT doc, etag FROM state WHERE key = ?');
    this.insertNew = this.db.prepare('INSERT INTO state (key, doc, etag) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING');
    this.upsert = this.db.prepare(
      `INSERT INTO state (key, doc, etag) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET doc = excluded.doc, etag = excluded.etag, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    );
    this.updateIfMatch = this.db.prepare(
      `UPDATE state SET doc = ?, etag = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE key = ? AND etag = ?`,
    );
    this.deleteOne = this.db.prepare('DELETE FROM state WHERE key = ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...parseDoc(row.doc), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes) as [string, Record<string, unknown>][];
    // One item is one statement, atomic on its own; several are written all or none.
    if (entries.length === 1) this.writeOne(...entries[0]);
    else this.db.transaction(() => entries.forEach(([key, item]) => this.writeOne(key, item))).immediate();
  }

  private writeOne(key: string, item: Record<string, unknown>): void {
    const { eTag, ...doc } = item;
    const json = JSON.stringify(doc);
    const next = crypto.randomUUID();
    if (eTag === undefined || eTag === '*') {
      this.upsert.run(key, json, next);
    } else if (eTag === null || eTag === '') {
      // A new item: refused if someone created it meanwhile.
      if (this.insertNew.run(key, json, next).changes === 0) throw new ETagConflictError(key);
    } else if (this.updateIfMatch.run(json, next, key, String(eTag)).changes === 0) {
      throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    const deleteAll = this.db.transaction((all: string[]) => all.forEach((key) => this.deleteOne.run(key)));
    deleteAll(keys);
  }

  /**
   * Deletes items nobody has written since `cutoff`: conversation state holds
   * contact details once a user consents, so it follows the leads' retention.
   */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    return this.db.prepare('DELETE FROM state WHERE updated_at < ?').run(cutoff.toISOString()).changes;
  }

  /** After an erasure: the write-ahead log still holds earlier versions of the state; fold it in and cut it to nothing. */
  async scrub(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Bytes stored for one key (for the benchmark's state-size figure). */
  async sizeOf(key: string): Promise<number> {
    const row = this.selectOne.get(key);
    return row ? Buffer.byteLength(row.doc) : 0;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
