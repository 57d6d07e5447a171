import Database from 'better-sqlite3';
import { openDataFile } from '../../storage/files';
import { preparedOnce } from './prepared-once';
import type { ConversationRecord, LoggedActivity, TranscriptStore, WireActivity } from './transcript-store';

export type { ConversationRecord, LoggedActivity, TranscriptStore, WireActivity } from './transcript-store';

/**
 * The conversation log of the website channel, in SQLite so a reload after a
 * restart still resumes with its history. Each activity gets the next sequence
 * number of its conversation; a watermark is the sequence of the last activity
 * a client has seen ("3" → it wants sequences 4, 5, ...).
 *
 * Bounded twice: only the last `historyLimit` activities of a conversation are
 * kept, and a conversation is dropped once `expiresAt` (token expiry plus a
 * margin, pushed on every refresh) has passed.
 */

/** Conversations dropped per sweep step: about a millisecond of work each, with their activities. */
export const SWEEP_BATCH = 200;

export class Transcript implements TranscriptStore {
  private readonly db: Database.Database;

  constructor(
    file: string,
    private readonly historyLimit: number,
    /** Told about a stored row that cannot be read (it is skipped, never served). */
    private readonly onCorruptRow: (conversationId: string, seq: number) => void = () => undefined,
  ) {
    // As the conversation state store: WAL without an fsync per commit. Every
    // activity is a commit, and with a sync each one held the event loop.
    this.db = preparedOnce(openDataFile(file, { synchronousNormal: true }));
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS conversations (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        started INTEGER NOT NULL DEFAULT 0,
        last_seq INTEGER NOT NULL DEFAULT 0,
        expires_at INTEGER NOT NULL,
        token_gen INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS activities (
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS conversations_by_expiry ON conversations (expires_at);
    `);
    this.db.pragma('foreign_keys = ON');
    const columns = this.db.prepare('PRAGMA table_info(conversations)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'token_gen')) this.db.exec('ALTER TABLE conversations ADD COLUMN token_gen INTEGER NOT NULL DEFAULT 0');
  }

  async create(id: string, userId: string, expiresAt: number): Promise<ConversationRecord> {
    this.db.prepare('INSERT INTO conversations (id, user_id, expires_at) VALUES (?, ?, ?)').run(id, userId, expiresAt);
    return { id, userId, started: false, expiresAt, tokenGen: 0 };
  }

  async find(id: string, now = Date.now()): Promise<ConversationRecord | undefined> {
    const row = this.db.prepare('SELECT id, user_id, started, expires_at, token_gen FROM conversations WHERE id = ? AND expires_at > ?').get(id, now) as
      | { id: string; user_id: string; started: number; expires_at: number; token_gen: number }
      | undefined;
    return row && { id: row.id, userId: row.user_id, started: row.started === 1, expiresAt: row.expires_at, tokenGen: row.token_gen };
  }

  /** A token refresh: the conversation moves to the next generation and returns it. */
  async nextTokenGeneration(id: string): Promise<number | undefined> {
    const row = this.db.prepare('UPDATE conversations SET token_gen = token_gen + 1 WHERE id = ? RETURNING token_gen').get(id) as { token_gen: number } | undefined;
    return row?.token_gen;
  }

  /** True the first time only: the caller then announces the conversation to the bot. */
  async markStarted(id: string): Promise<boolean> {
    return this.db.prepare('UPDATE conversations SET started = 1 WHERE id = ? AND started = 0').run(id).changes === 1;
  }

  async extend(id: string, expiresAt: number): Promise<void> {
    this.db.prepare('UPDATE conversations SET expires_at = MAX(expires_at, ?) WHERE id = ?').run(expiresAt, id);
  }

  /**
   * Appends, assigning the next sequence; `build` gets it to stamp the activity id.
   * `stored` is what is kept of it when that differs from what is sent live
   * (personal data typed before consent is kept redacted).
   */
  async append(conversationId: string, build: (seq: number) => WireActivity, stored: (activity: WireActivity) => WireActivity = (a) => a): Promise<LoggedActivity> {
    return this.db.transaction(() => {
      const next = this.db.prepare('UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq').get(conversationId) as
        | { last_seq: number }
        | undefined;
      if (!next) throw new Error(`append to unknown conversation`);
      const activity = build(next.last_seq);
      this.db.prepare('INSERT INTO activities (conversation_id, seq, json) VALUES (?, ?, ?)').run(conversationId, next.last_seq, JSON.stringify(stored(activity)));
      this.db.prepare('DELETE FROM activities WHERE conversation_id = ? AND seq <= ?').run(conversationId, next.last_seq - this.historyLimit);
      return { seq: next.last_seq, activity };
    })();
  }

  /** Activities after the watermark, oldest first, and the watermark to send next time. */
  async since(conversationId: string, watermark: number): Promise<{ activities: LoggedActivity[]; watermark: number }> {
    const rows = this.db
      .prepare('SELECT seq, json FROM activities WHERE conversation_id = ? AND seq > ? ORDER BY seq')
      .all(conversationId, watermark) as { seq: number; json: string }[];
    const activities = rows.flatMap((row) => {
      const activity = this.parseRow(conversationId, row.seq, row.json);
      return activity ? [{ seq: row.seq, activity }] : [];
    });
    const last = this.db.prepare('SELECT last_seq FROM conversations WHERE id = ?').get(conversationId) as { last_seq: number } | undefined;
    return { activities, watermark: activities.length > 0 ? activities[activities.length - 1].seq : Math.min(watermark, last?.last_seq ?? 0) };
  }

  async findActivity(conversationId: string, activityId: string): Promise<WireActivity | undefined> {
    const rows = this.db.prepare('SELECT seq, json FROM activities WHERE conversation_id = ? ORDER BY seq DESC').iterate(conversationId) as Iterable<{
      seq: number;
      json: string;
    }>;
    for (const row of rows) {
      const activity = this.parseRow(conversationId, row.seq, row.json);
      if (activity?.id === activityId) return activity;
    }
    return undefined;
  }

  /**
   * Deletes everything said so far, keeping the conversation and its sequence
   * so the widget's watermark stays valid (after "delete my data").
   */
  async forget(conversationId: string): Promise<number> {
    const forgotten = this.db.prepare('DELETE FROM activities WHERE conversation_id = ?').run(conversationId).changes;
    // secure_delete zeroed the rows in the file; the log still holds the pages as they were.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return forgotten;
  }

  /**
   * Drops expired conversations and their activities, a batch at a time with
   * the event loop free in between, so a backlog of thousands never holds up
   * the turns being served. Returns how many went.
   */
  async sweep(now = Date.now(), batch = SWEEP_BATCH): Promise<number> {
    const take = this.db.prepare(
      'DELETE FROM conversations WHERE id IN (SELECT id FROM conversations WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)',
    );
    let total = 0;
    for (;;) {
      if (!this.db.open) return total;
      const gone = take.run(now, batch).changes;
      total += gone;
      if (gone < batch) return total;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** A row that is not a JSON object (a torn write, a hand edit) is skipped, so one bad row never stops a conversation. */
  private parseRow(conversationId: string, seq: number, json: string): WireActivity | null {
    try {
      const activity = JSON.parse(json) as unknown;
      if (activity && typeof activity === 'object' && !Array.isArray(activity)) return activity as WireActivity;
    } catch {
      // reported below
    }
    this.onCorruptRow(conversationId, seq);
    return null;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
