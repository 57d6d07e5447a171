/**
 * The website channel's conversation log, behind one interface: SQLite under
 * DATA_DIR (one machine), or PostgreSQL shared by every instance. Each
 * activity gets the next sequence number of its conversation; a watermark is
 * the sequence of the last activity a client has seen ("3" → it wants 4, 5, ...).
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

export interface TranscriptStore {
  create(id: string, userId: string, expiresAt: number): Promise<ConversationRecord>;
  find(id: string, now?: number): Promise<ConversationRecord | undefined>;
  /** A token refresh: the conversation moves to the next generation and returns it. */
  nextTokenGeneration(id: string): Promise<number | undefined>;
  /** True the first time only: the caller then announces the conversation to the bot. */
  markStarted(id: string): Promise<boolean>;
  extend(id: string, expiresAt: number): Promise<void>;
  /**
   * Appends, assigning the next sequence; `build` gets it to stamp the activity id.
   * `stored` is what is kept of it when that differs from what is sent live
   * (personal data typed before consent is kept redacted).
   */
  append(conversationId: string, build: (seq: number) => WireActivity, stored?: (activity: WireActivity) => WireActivity): Promise<LoggedActivity>;
  /** Activities after the watermark, oldest first, and the watermark to send next time. */
  since(conversationId: string, watermark: number): Promise<{ activities: LoggedActivity[]; watermark: number }>;
  findActivity(conversationId: string, activityId: string): Promise<WireActivity | undefined>;
  /** Deletes everything said so far, keeping the conversation and its sequence (after "delete my data"). */
  forget(conversationId: string): Promise<number>;
  /** Drops expired conversations, a batch at a time; returns how many went. */
  sweep(now?: number, batch?: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Wakes the instance holding a visitor's WebSocket when another instance
 * logged to that conversation. Carries the conversation id only; the stream
 * then reads from its watermark, which also covers a missed notification.
 */
export interface ActivityNotifier {
  listen(onActivity: (conversationId: string) => void): Promise<void>;
  close(): Promise<void>;
}
