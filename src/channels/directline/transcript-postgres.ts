import pg from 'pg';
import { inTransaction, type Pool } from '../../db/postgres';
import type { ActivityNotifier, ConversationRecord, LoggedActivity, TranscriptStore, WireActivity } from './transcript-store';

/**
 * The website channel's log in PostgreSQL, shared by every instance, so a
 * visitor's messages and the bot's replies can be handled by any of them.
 * The next sequence comes from `UPDATE … SET last_seq = last_seq + 1
 * RETURNING`, which holds the conversation's row lock until commit: appends
 * commit in sequence order and no watermark skips an activity. The commit
 * also notifies channel `directline` with the conversation id, to wake the
 * instance holding the visitor's WebSocket.
 */

export const NOTIFY_CHANNEL = 'directline';

interface ConversationRow {
  id: string;
  user_id: string;
  started: boolean;
  expires_at: string;
  token_gen: number;
}

const toRecord = (r: ConversationRow): ConversationRecord => ({
  id: r.id,
  userId: r.user_id,
  started: r.started,
  expiresAt: Number(r.expires_at),
  tokenGen: r.token_gen,
});

/** A row that is not a JSON object is skipped, so one bad row never stops a conversation. */
function parseActivity(body: string): WireActivity | null {
  try {
    const activity = JSON.parse(body) as unknown;
    return activity && typeof activity === 'object' && !Array.isArray(activity) ? (activity as WireActivity) : null;
  } catch {
    return null;
  }
}

export class PostgresTranscript implements TranscriptStore {
  constructor(
    private readonly pool: Pool,
    private readonly historyLimit: number,
  ) {}

  async create(id: string, userId: string, expiresAt: number): Promise<ConversationRecord> {
    await this.pool.query(`INSERT INTO directline_conversations (id, user_id, expires_at) VALUES ($1, $2, $3)`, [id, userId, expiresAt]);
    return { id, userId, started: false, expiresAt, tokenGen: 0 };
  }

  async find(id: string, now = Date.now()): Promise<ConversationRecord | undefined> {
    const { rows } = await this.pool.query<ConversationRow>(
      `SELECT id, user_id, started, expires_at, token_gen FROM directline_conversations WHERE id = $1 AND expires_at > $2`,
      [id, now],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async nextTokenGeneration(id: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ token_gen: number }>(`UPDATE directline_conversations SET token_gen = token_gen + 1 WHERE id = $1 RETURNING token_gen`, [id]);
    return rows[0]?.token_gen;
  }

  async markStarted(id: string): Promise<boolean> {
    return ((await this.pool.query(`UPDATE directline_conversations SET started = true WHERE id = $1 AND NOT started`, [id])).rowCount ?? 0) === 1;
  }

  async extend(id: string, expiresAt: number): Promise<void> {
    await this.pool.query(`UPDATE directline_conversations SET expires_at = GREATEST(expires_at, $1) WHERE id = $2`, [expiresAt, id]);
  }

  append(conversationId: string, build: (seq: number) => WireActivity, stored: (activity: WireActivity) => WireActivity = (a) => a): Promise<LoggedActivity> {
    return inTransaction(this.pool, async (client) => {
      const next = await client.query<{ last_seq: number }>(`UPDATE directline_conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq`, [conversationId]);
      if (next.rows.length === 0) throw new Error('append to unknown conversation');
      const seq = next.rows[0].last_seq;
      const activity = build(seq);
      await client.query(`INSERT INTO directline_activities (conversation_id, seq, activity_id, body) VALUES ($1, $2, $3, $4)`, [
        conversationId,
        seq,
        typeof activity.id === 'string' ? activity.id : null,
        JSON.stringify(stored(activity)),
      ]);
      await client.query(`DELETE FROM directline_activities WHERE conversation_id = $1 AND seq <= $2`, [conversationId, seq - this.historyLimit]);
      await client.query(`SELECT pg_notify($1, $2)`, [NOTIFY_CHANNEL, conversationId]); // delivered at commit
      return { seq, activity };
    });
  }

  async since(conversationId: string, watermark: number): Promise<{ activities: LoggedActivity[]; watermark: number }> {
    const { rows } = await this.pool.query<{ seq: number; body: string; last_seq: number }>(
      `SELECT a.seq, a.body, c.last_seq FROM directline_conversations c
       LEFT JOIN directline_activities a ON a.conversation_id = c.id AND a.seq > $2
       WHERE c.id = $1 ORDER BY a.seq`,
      [conversationId, watermark],
    );
    const activities = rows.filter((r) => r.seq !== null).flatMap((r) => {
      const activity = parseActivity(r.body);
      return activity ? [{ seq: r.seq, activity }] : [];
    });
    const last = rows[0]?.last_seq ?? 0;
    return { activities, watermark: activities.length > 0 ? activities[activities.length - 1].seq : Math.min(watermark, last) };
  }

  async findActivity(conversationId: string, activityId: string): Promise<WireActivity | undefined> {
    const { rows } = await this.pool.query<{ body: string }>(
      `SELECT body FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2 ORDER BY seq DESC LIMIT 1`,
      [conversationId, activityId],
    );
    return rows[0] ? parseActivity(rows[0].body) ?? undefined : undefined;
  }

  async forget(conversationId: string): Promise<number> {
    const forgotten = (await this.pool.query(`DELETE FROM directline_activities WHERE conversation_id = $1`, [conversationId])).rowCount ?? 0;
    await this.pool.query('VACUUM directline_activities');
    return forgotten;
  }

  /** A batch per statement, each short; other queries interleave on the pool. */
  async sweep(now = Date.now(), batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const gone =
        (
          await this.pool.query(
            `DELETE FROM directline_conversations WHERE id IN (SELECT id FROM directline_conversations WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2)`,
            [now, batch],
          )
        ).rowCount ?? 0;
      total += gone;
      if (gone < batch) return total;
    }
  }

  /** The pool belongs to the backend. */
  async close(): Promise<void> {}
}

/**
 * LISTEN on its own connection (a pooled one would be handed to others).
 * If the connection drops, it reconnects and tells the stream to catch up
 * every open conversation, since notifications sent meanwhile are lost.
 */
export class PostgresActivityNotifier implements ActivityNotifier {
  private client: pg.Client | null = null;
  private closed = false;
  private onActivity: (conversationId: string) => void = () => undefined;
  private onReconnect: () => void = () => undefined;

  constructor(private readonly url: string) {}

  async listen(onActivity: (conversationId: string) => void, onReconnect?: () => void): Promise<void> {
    this.onActivity = onActivity;
    if (onReconnect) this.onReconnect = onReconnect;
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'scoping-bot-listen' });
    client.on('notification', (message) => {
      if (message.channel === NOTIFY_CHANNEL && message.payload) this.onActivity(message.payload);
    });
    client.on('error', () => {
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      void this.connect().then(() => this.onReconnect(), () => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.client = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
