import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { OriginPolicy } from './origins';
import type { TokenSigner } from './tokens';
import type { Transcript, WireActivity } from './transcript';

/**
 * The WebSocket side of Direct Line 3.0: a client opens the conversation's
 * streamUrl (`/v3/directline/conversations/:id/stream?t=<stream token>&watermark=N`)
 * and receives `{ activities, watermark }` frames: first everything after its
 * watermark, then each activity as it is logged; an empty frame now and then
 * keeps proxies and the browser from dropping an idle socket.
 */

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

export interface StreamLogger {
  debug(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
}

export class ActivityStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly sockets = new Map<string, Set<WebSocket>>();
  /** Upgrades accepted but not yet open, counted against the limit too. */
  private readonly opening = new Map<string, number>();
  private readonly keepalive: NodeJS.Timeout;

  constructor(
    private readonly transcript: Transcript,
    private readonly signer: TokenSigner,
    private readonly origins: OriginPolicy,
    private readonly logger: StreamLogger,
    /** A visitor's tabs need a few; hundreds on one conversation is someone exhausting the server. */
    private readonly maxPerConversation = 4,
    keepaliveMs = 15_000,
  ) {
    this.keepalive = setInterval(() => this.ping(), keepaliveMs);
    this.keepalive.unref();
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
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
      const record = verified.claims.conv === conversationId ? this.transcript.find(conversationId) : undefined;
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

  /** Sends a logged activity to every open stream of its conversation. */
  publish(conversationId: string, activity: WireActivity, watermark: number): void {
    const open = this.sockets.get(conversationId);
    if (!open) return;
    const frame = JSON.stringify({ activities: [activity], watermark: String(watermark) });
    for (const ws of open) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
  }

  async close(): Promise<void> {
    clearInterval(this.keepalive);
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private open(conversationId: string, watermark: number, ws: WebSocket): void {
    // Backlog and registration happen in one tick (SQLite is synchronous), so
    // nothing logged in between is lost or sent twice.
    const backlog = this.transcript.since(conversationId, watermark);
    if (backlog.activities.length > 0) {
      ws.send(JSON.stringify({ activities: backlog.activities.map((a) => a.activity), watermark: String(backlog.watermark) }));
    }
    let set = this.sockets.get(conversationId);
    if (!set) this.sockets.set(conversationId, (set = new Set()));
    set.add(ws);
    ws.on('message', () => undefined); // the client's empty pings
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      set.delete(ws);
      if (set.size === 0) this.sockets.delete(conversationId);
    });
  }

  private ping(): void {
    for (const set of this.sockets.values()) for (const ws of set) if (ws.readyState === WebSocket.OPEN) ws.send('');
  }
}

/** "" / "-" / garbage → 0 (from the start); "12" → 12. */
export function parseWatermark(raw: string | null | undefined): number {
  const n = Number.parseInt(raw ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
