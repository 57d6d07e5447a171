import { randomId } from './tokens';
import type { IssuedToken } from './conversations';

/**
 * Azure mode: the page's token comes from Azure Bot Service's Direct Line,
 * exchanged here with the secret, which therefore never reaches the browser.
 * The user id is chosen here and embedded in the token (`dl_` ids are reserved
 * for that), so a page cannot pose as another user.
 */

export type AzureTokenResult = { ok: true; token: IssuedToken } | { ok: false; reason: string };

export class AzureTokens {
  constructor(
    private readonly secret: string,
    private readonly endpoint: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async generate(): Promise<AzureTokenResult> {
    try {
      const response = await this.fetchImpl(`${this.endpoint}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: `dl_${randomId(12)}` } }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) return { ok: false, reason: `Direct Line answered ${response.status}` };
      const body = (await response.json()) as Partial<IssuedToken>;
      if (typeof body.token !== 'string' || typeof body.conversationId !== 'string') return { ok: false, reason: 'Direct Line answered without a token' };
      return { ok: true, token: { conversationId: body.conversationId, token: body.token, expires_in: Number(body.expires_in ?? 1800) } };
    } catch (err) {
      return { ok: false, reason: (err as Error).name === 'TimeoutError' ? 'Direct Line timed out' : 'Direct Line unreachable' };
    }
  }
}
