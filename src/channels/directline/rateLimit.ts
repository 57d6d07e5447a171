/**
 * Events per key in a sliding window: messages per conversation (20 per 10 s:
 * the 21st post inside any 10-second span is refused with the seconds until
 * one frees up), and new conversations per client address.
 */
export class ConversationRateLimit {
  private readonly posts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  take(conversationId: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const recent = (this.posts.get(conversationId) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.posts.set(conversationId, recent);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.posts.set(conversationId, recent);
    if (this.posts.size > 10_000) this.prune(now);
    return { ok: true };
  }

  private prune(now: number): void {
    for (const [id, times] of this.posts) if (times.every((at) => at <= now - this.windowMs)) this.posts.delete(id);
  }
}

/**
 * Whom the token limit counts: an IPv4 address, or an IPv6 /64 (one
 * subscriber's network; a client can pick any address inside its own /64).
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1];
  const groups = address.toLowerCase().split('::');
  const head = groups[0] ? groups[0].split(':') : [];
  const tail = groups.length > 1 && groups[1] ? groups[1].split(':') : [];
  const full = groups.length > 1 ? [...head, ...Array(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail] : head;
  return `${full.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
