import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { preparedOnce } from './prepared-once';

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

/** An activity as it travels to the widget: JSON, timestamps as ISO strings. */
export type WireActivity = Record<string, unknown> & { id?: string; type?: string };

export interface ConversationRecord {
  id: string;
  userId: string;
  started: boolean;
  expiresAt: number;
  /** Tokens of this generation only are accepted (see TokenClaims.gen). */
  tokenGen: number;
}

export interface LoggedActivity {
  seq: number;
  activity: WireActivity;
}

export class Transcript {
  private readonly db: Database.Database;

  constructor(
    file: string,
    private readonly historyLimit: number,
    /** Told about a stored row that cannot be read (it is skipped, never served). */
    private readonly onCorruptRow: (conversationId: string, seq: number) => void = () => undefined,
  ) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = preparedOnce(new Database(file));
    this.db.pragma('journal_mode = WAL');
    // As the conversation state store: WAL without an fsync per commit. Every
    // activity is a commit, and with a sync each one held the event loop.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
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
    `);
    this.db.pragma('foreign_keys = ON');
    const columns = this.db.prepare('PRAGMA table_info(conversations)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'token_gen')) this.db.exec('ALTER TABLE conversations ADD COLUMN token_gen INTEGER NOT NULL DEFAULT 0');
  }

  create(id: string, userId: string, expiresAt: number): ConversationRecord {
    this.db.prepare('INSERT INTO conversations (id, user_id, expires_at) VALUES (?, ?, ?)').run(id, userId, expiresAt);
    return { id, userId, started: false, expiresAt, tokenGen: 0 };
  }

  find(id: string, now = Date.now()): ConversationRecord | undefined {
    const row = this.db.prepare('SELECT id, user_id, started, expires_at, token_gen FROM conversations WHERE id = ? AND expires_at > ?').get(id, now) as
      | { id: string; user_id: string; started: number; expires_at: number; token_gen: number }
      | undefined;
    return row && { id: row.id, userId: row.user_id, started: row.started === 1, expiresAt: row.expires_at, tokenGen: row.token_gen };
  }

  /** A token refresh: the conversation moves to the next generation and returns it. */
  nextTokenGeneration(id: string): number | undefined {
    const row = this.db.prepare('UPDATE conversations SET token_gen = token_gen + 1 WHERE id = ? RETURNING token_gen').get(id) as { token_gen: number } | undefined;
    return row?.token_gen;
  }

  /** True the first time only: the caller then announces the conversation to the bot. */
  markStarted(id: string): boolean {
    return this.db.prepare('UPDATE conversations SET started = 1 WHERE id = ? AND started = 0').run(id).changes === 1;
  }

  extend(id: string, expiresAt: number): void {
    this.db.prepare('UPDATE conversations SET expires_at = MAX(expires_at, ?) WHERE id = ?').run(expiresAt, id);
  }

  /**
   * Appends, assigning the next sequence; `build` gets it to stamp the activity id.
   * `stored` is what is kept of it when that differs from what is sent live
   * (personal data typed before consent is kept redacted).
   */
  append(conversationId: string, build: (seq: number) => WireActivity, stored: (activity: WireActivity) => WireActivity = (a) => a): LoggedActivity {
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
  since(conversationId: string, watermark: number): { activities: LoggedActivity[]; watermark: number } {
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

  findActivity(conversationId: string, activityId: string): WireActivity | undefined {
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
  forget(conversationId: string): number {
    return this.db.prepare('DELETE FROM activities WHERE conversation_id = ?').run(conversationId).changes;
  }

  /** Drops expired conversations and their activities; returns how many went. */
  sweep(now = Date.now()): number {
    return this.db.prepare('DELETE FROM conversations WHERE expires_at <= ?').run(now).changes;
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

  close(): void {
    if (this.db.open) this.db.close();
  }
}
