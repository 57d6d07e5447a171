/**
 * Messages per conversation in a sliding window. 20 per 10 s: the 21st post
 * inside any 10-second span is refused with the seconds until one frees up.
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
