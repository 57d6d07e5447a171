import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { OriginPolicy } from './origins';
import type { TokenSigner } from './tokens';
import type { ActivityNotifier, LoggedActivity, TranscriptStore, WireActivity } from './transcript-store';

/**
 * The WebSocket side of Direct Line 3.0: a client opens the conversation's
 * streamUrl (`/v3/directline/conversations/:id/stream?t=<stream token>&watermark=N`)
 * and receives `{ activities, watermark }` frames: first everything after its
 * watermark, then each activity as it is logged; an empty frame now and then
 * keeps proxies and the browser from dropping an idle socket.
 *
 * Each socket keeps its own watermark, and every push reads the log from it,
 * so an activity logged by this instance, or by another one sharing the log
 * (woken by the notifier), reaches each socket once and in order. A missed
 * notification is made good at the next keep-alive, which also catches up.
 */

interface Subscriber {
  ws: WebSocket;
  watermark: number;
}

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

export interface StreamLogger {
  debug(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
}

export class ActivityStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly sockets = new Map<string, Set<Subscriber>>();
  /** One catch-up at a time per conversation, so frames go out in order. */
  private readonly catching = new Map<string, Promise<void>>();
  /** Activities logged by this instance, as sent live, until their catch-up has sent them. */
  private readonly live = new Map<string, Map<number, WireActivity>>();
  /** Upgrades accepted but not yet open, counted against the limit too. */
  private readonly opening = new Map<string, number>();
  private readonly keepalive: NodeJS.Timeout;

  constructor(
    private readonly transcript: TranscriptStore,
    private readonly signer: TokenSigner,
    private readonly origins: OriginPolicy,
    private readonly logger: StreamLogger,
    /** A visitor's tabs need a few; hundreds on one conversation is someone exhausting the server. */
    private readonly maxPerConversation = 4,
    keepaliveMs = 15_000,
    private readonly notifier?: ActivityNotifier,
  ) {
    void notifier?.listen((conversationId) => void this.publish(conversationId)).catch((error: Error) => logger.warn('directline notifier failed', { error: error.message }));
    this.keepalive = setInterval(() => this.ping(), keepaliveMs);
    this.keepalive.unref();
  }

  attach(server: Server): void {
    server.on('upgrade', async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match) return; // someone else's upgrade
      const conversationId = decodeURIComponent(match[1]);
      const refuse = (status: number, reason: string) => {
        this.logger.debug('directline stream refused', { reason });
        const text = status === 403 ? 'Forbidden' : status === 429 ? 'Too Many Requests' : 'Not Found';
        socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      if (!this.origins.allows(req)) return refuse(403, 'origin');
      const verified = this.signer.verify(url.searchParams.get('t') ?? '', 'stream');
      if (!verified.ok) return refuse(403, verified.reason);
      const record = verified.claims.conv === conversationId ? await this.transcript.find(conversationId).catch(() => undefined) : undefined;
      if (!record) return refuse(404, 'conversation');
      if ((verified.claims.gen ?? 0) !== record.tokenGen) return refuse(403, 'replaced');
      const pending = this.opening.get(conversationId) ?? 0;
      if ((this.sockets.get(conversationId)?.size ?? 0) + pending >= this.maxPerConversation) return refuse(429, 'too many streams');
      const watermark = parseWatermark(url.searchParams.get('watermark'));
      this.opening.set(conversationId, pending + 1);
      const opened = () => {
        const left = (this.opening.get(conversationId) ?? 1) - 1;
        if (left > 0) this.opening.set(conversationId, left);
        else this.opening.delete(conversationId);
      };
      socket.once('close', opened);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        socket.off('close', opened);
        opened();
        this.open(conversationId, watermark, ws);
      });
    });
  }

  /**
   * Something was logged to the conversation: each open stream of it gets what
   * it has not seen. `live` is the activity as logged here, sent in place of
   * the stored copy (which may be redacted, e.g. contact details typed before
   * consent); activities logged by other instances are read as stored.
   */
  publish(conversationId: string, live?: LoggedActivity): Promise<void> {
    if (!this.sockets.has(conversationId)) return Promise.resolve();
    if (live) {
      let map = this.live.get(conversationId);
      if (!map) this.live.set(conversationId, (map = new Map()));
      map.set(live.seq, live.activity);
    }
    const next = (this.catching.get(conversationId) ?? Promise.resolve())
      .then(() => this.catchUp(conversationId))
      .catch((error: Error) => this.logger.warn('directline stream catch-up failed', { error: error.message }));
    this.catching.set(conversationId, next);
    void next.finally(() => {
      if (this.catching.get(conversationId) === next) this.catching.delete(conversationId);
    });
    return next;
  }

  private async catchUp(conversationId: string): Promise<void> {
    const open = this.sockets.get(conversationId);
    if (!open || open.size === 0) return;
    const from = Math.min(...[...open].map((s) => s.watermark));
    const page = await this.transcript.since(conversationId, from);
    const live = this.live.get(conversationId);
    this.live.delete(conversationId);
    for (const sub of open) {
      const fresh = page.activities.filter((a) => a.seq > sub.watermark);
      if (fresh.length === 0) continue;
      sub.watermark = fresh[fresh.length - 1].seq;
      const activities = fresh.map((a) => live?.get(a.seq) ?? a.activity);
      if (sub.ws.readyState === WebSocket.OPEN) sub.ws.send(JSON.stringify({ activities, watermark: String(sub.watermark) }));
    }
  }

  async close(): Promise<void> {
    clearInterval(this.keepalive);
    await this.notifier?.close();
    for (const set of this.sockets.values()) for (const sub of set) sub.ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private open(conversationId: string, watermark: number, ws: WebSocket): void {
    // Registered first, then caught up from its watermark: whatever is logged
    // meanwhile is read by this or the next catch-up, never lost or sent twice.
    let set = this.sockets.get(conversationId);
    if (!set) this.sockets.set(conversationId, (set = new Set()));
    const sub: Subscriber = { ws, watermark };
    set.add(sub);
    ws.on('message', () => undefined); // the client's empty pings
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      set.delete(sub);
      if (set.size === 0) {
        this.sockets.delete(conversationId);
        this.live.delete(conversationId);
      }
    });
    void this.publish(conversationId);
  }

  private ping(): void {
    for (const [conversationId, set] of this.sockets) {
      for (const sub of set) if (sub.ws.readyState === WebSocket.OPEN) sub.ws.send('');
      if (this.notifier) void this.publish(conversationId); // a notification lost on the way is made good here
    }
  }
}

/** "" / "-" / garbage → 0 (from the start); "12" → 12. */
export function parseWatermark(raw: string | null | undefined): number {
  const n = Number.parseInt(raw ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
