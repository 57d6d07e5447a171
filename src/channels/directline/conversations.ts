import { randomId, type TokenClaims, type TokenSigner } from './tokens';
import type { TranscriptStore, WireActivity } from './transcript-store';
import type { ActivityStream } from './stream';
import { DIRECTLINE_CHANNEL_ID } from './delivery';
import { redactBeforeConsent } from './redact';

/**
 * Conversations of the website channel: who may open one, the tokens scoped to
 * it, and the one log every activity passes through on its way to the widget
 * (the user's own, echoed back with its id, and the bot's replies).
 */

export interface IssuedToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** A conversation outlives its last token by this much, then its log is dropped. */
const RETENTION_MARGIN_SECONDS = 10 * 60;
const STREAM_TOKEN_SECONDS = 5 * 60;

/** What a client may set on an activity it posts; the channel stamps the rest. */
const CLIENT_FIELDS = ['type', 'text', 'textFormat', 'locale', 'localTimestamp', 'localTimezone', 'value', 'name', 'channelData', 'entities', 'replyToId'] as const;
export const CLIENT_TYPES = new Set(['message', 'event', 'typing']);

export class Conversations {
  private readonly lastTimestamp = new Map<string, number>();

  constructor(
    private readonly transcript: TranscriptStore,
    private readonly stream: ActivityStream,
    private readonly signer: TokenSigner,
    private readonly tokenLifetimeSeconds: number,
    readonly bot: { id: string; name: string; role: 'bot' },
  ) {}

  /** A new conversation for a new visitor, and its first token. */
  async open(): Promise<IssuedToken> {
    const conversationId = randomId();
    const userId = `dl_${randomId(12)}`;
    await this.transcript.create(conversationId, userId, Date.now() + (this.tokenLifetimeSeconds + RETENTION_MARGIN_SECONDS) * 1000);
    return this.issue(conversationId, userId);
  }

  /** A fresh token for the same conversation; keeps its log for as long. Earlier tokens stop working. */
  async refresh(claims: TokenClaims): Promise<IssuedToken | undefined> {
    if (!(await this.transcript.find(claims.conv))) return undefined;
    const gen = await this.transcript.nextTokenGeneration(claims.conv);
    if (gen === undefined) return undefined;
    return this.issue(claims.conv, claims.user, gen);
  }

  async exists(conversationId: string): Promise<boolean> {
    return (await this.transcript.find(conversationId)) !== undefined;
  }

  /** 'current': the token is of the conversation's latest refresh; 'replaced': a refresh made it obsolete. */
  async tokenState(claims: TokenClaims): Promise<'current' | 'replaced' | 'gone'> {
    const record = await this.transcript.find(claims.conv);
    if (!record) return 'gone';
    return (claims.gen ?? 0) === record.tokenGen ? 'current' : 'replaced';
  }

  /** True once per conversation: the first client to start it announces it to the bot. */
  markStarted(conversationId: string): Promise<boolean> {
    return this.transcript.markStarted(conversationId);
  }

  streamUrl(wsBase: string, claims: TokenClaims, watermark: number): string {
    const { token } = this.signer.sign('stream', claims.conv, claims.user, STREAM_TOKEN_SECONDS, claims.gen ?? 0);
    const url = new URL(`${wsBase}/v3/directline/conversations/${encodeURIComponent(claims.conv)}/stream`);
    url.searchParams.set('t', token);
    if (watermark > 0) url.searchParams.set('watermark', String(watermark));
    return url.toString();
  }

  /**
   * The user's activity as the widget sees it (and echoes back), logged. Before
   * the visitor has consented, what is stored has contact details redacted.
   */
  logFromUser(claims: TokenClaims, posted: Record<string, unknown>, userName: string | undefined, consented = true): Promise<WireActivity> {
    const fields: Record<string, unknown> = {};
    for (const key of CLIENT_FIELDS) if (posted[key] !== undefined) fields[key] = posted[key];
    return this.log(claims.conv, (id, timestamp) => ({
      ...fields,
      id,
      timestamp,
      channelId: DIRECTLINE_CHANNEL_ID,
      conversation: { id: claims.conv },
      from: { id: claims.user, ...(userName ? { name: userName } : {}), role: 'user' },
      recipient: this.bot,
    }), consented ? undefined : redactBeforeConsent);
  }

  /**
   * The channel's own conversationUpdate: the bot and the user joined. It goes
   * to the bot only (as Azure's does), so it is not logged for the widget.
   */
  joined(claims: TokenClaims): WireActivity {
    return {
      type: 'conversationUpdate',
      id: `${claims.conv}|joined`,
      timestamp: new Date().toISOString(),
      channelId: DIRECTLINE_CHANNEL_ID,
      conversation: { id: claims.conv },
      from: { id: claims.user, role: 'user' },
      recipient: this.bot,
      membersAdded: [this.bot, { id: claims.user, role: 'user' }],
    };
  }

  /** A reply from the bot (through the connector routes). */
  logFromBot(conversationId: string, sent: WireActivity): Promise<WireActivity> {
    return this.log(conversationId, (id, timestamp) => this.fromBot(conversationId, sent, id, timestamp));
  }

  /** The bot updated an activity: logged again under its id, so every client gets the new version. */
  logUpdate(conversationId: string, activityId: string, sent: WireActivity): Promise<WireActivity> {
    return this.log(conversationId, (_id, timestamp) => this.fromBot(conversationId, sent, activityId, timestamp));
  }

  private fromBot(conversationId: string, sent: WireActivity, id: string, timestamp: string): WireActivity {
    const { serviceUrl: _serviceUrl, callerId: _callerId, ...rest } = sent;
    return {
      ...rest,
      id,
      timestamp,
      channelId: DIRECTLINE_CHANNEL_ID,
      conversation: { id: conversationId },
      from: { ...this.bot, ...(typeof sent.from === 'object' ? sent.from : {}), role: 'bot' },
    };
  }

  private async issue(conversationId: string, userId: string, gen = 0): Promise<IssuedToken> {
    const { token } = this.signer.sign('conversation', conversationId, userId, this.tokenLifetimeSeconds, gen);
    await this.transcript.extend(conversationId, Date.now() + (this.tokenLifetimeSeconds + RETENTION_MARGIN_SECONDS) * 1000);
    return { conversationId, token, expires_in: this.tokenLifetimeSeconds };
  }

  /**
   * Appends with the next watermark, and pushes to open streams. Ids read
   * `<conversation>|0000007`, as Azure's do; timestamps never go backwards
   * within a conversation, so the widget keeps the order they were logged in.
   */
  private async log(conversationId: string, build: (id: string, timestamp: string) => WireActivity, stored?: (activity: WireActivity) => WireActivity): Promise<WireActivity> {
    const now = Math.max(Date.now(), (this.lastTimestamp.get(conversationId) ?? 0) + 1);
    if (this.lastTimestamp.size > 10_000) this.lastTimestamp.clear();
    this.lastTimestamp.set(conversationId, now);
    const timestamp = new Date(now).toISOString();
    const logged = await this.transcript.append(conversationId, (seq) => build(`${conversationId}|${String(seq).padStart(7, '0')}`, timestamp), stored);
    void this.stream.publish(conversationId, logged);
    return logged.activity;
  }
}
