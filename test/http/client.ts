import http from 'node:http';

/**
 * A tiny Bot Framework client for whole-system tests: it posts one activity to
 * `POST /api/messages` with `deliveryMode: "expectReplies"` and returns the
 * replies that come back in the response body. No channel connector needed.
 */

export interface Reply {
  type: string;
  text?: string;
  value?: Record<string, unknown>;
  attachments?: unknown[];
  [key: string]: unknown;
}

export interface Posted {
  status: number;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** `body.activities` when the server answered with replies, else []. */
  replies: Reply[];
}

/** Any question prompt's wire value (scoping.md "On the wire"). */
export interface PromptValue {
  question: string;
  step: number;
  of: number;
  /** Present on a confirm-back ("Just to check: … — right?"): the value proposed, not yet recorded. */
  confirm?: string;
}

export interface Recommendation {
  pathway: string;
  urgency: string | null;
  timeline: { minMonths: number; maxMonths: number } | null;
  regulators: string[];
  euAiAct: string | null;
  tier: string;
  answers: Record<string, string>;
}

const defaultAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Posts a raw body (string or object) and reports status, body and replies. Never throws on an HTTP error status. */
export function postRaw(
  baseUrl: string,
  body: unknown,
  options: { path?: string; headers?: Record<string, string>; agent?: http.Agent; method?: string } = {},
): Promise<Posted> {
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const url = new URL(options.path ?? '/api/messages', baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'POST',
        agent: options.agent ?? defaultAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text.length > 0 ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          const activities = (parsed as { activities?: unknown } | undefined)?.activities;
          resolve({ status: res.statusCode ?? 0, body: parsed, replies: Array.isArray(activities) ? (activities as Reply[]) : [] });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** GET a path and return status and body text. */
export function get(baseUrl: string, path: string): Promise<{ status: number; text: string; contentType: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, baseUrl), { agent: defaultAgent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), contentType: String(res.headers['content-type'] ?? '') }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

let counter = 0;

/** One user in one conversation. Each method posts an activity and returns the bot's replies. */
export class Conversation {
  readonly id: string;
  readonly channelId: string;
  private readonly userId: string;

  constructor(
    private readonly baseUrl: string,
    options: { id?: string; channelId?: string; agent?: http.Agent; timezone?: string } = {},
  ) {
    counter += 1;
    this.id = options.id ?? `conv-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
    this.channelId = options.channelId ?? 'test';
    this.userId = `user-${counter}`;
    this.agent = options.agent;
    this.timezone = options.timezone;
  }

  private readonly agent: http.Agent | undefined;
  private readonly timezone: string | undefined;

  /** The activity envelope every post shares. */
  activity(fields: Record<string, unknown>): Record<string, unknown> {
    return {
      channelId: this.channelId,
      serviceUrl: 'http://127.0.0.1/unused',
      deliveryMode: 'expectReplies',
      from: { id: this.userId, name: 'Test User' },
      recipient: { id: 'bot', name: 'Scoping bot' },
      conversation: { id: this.id },
      id: `act-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      timestamp: new Date().toISOString(),
      locale: 'en-GB',
      ...(this.timezone ? { localTimezone: this.timezone } : {}),
      ...fields,
    };
  }

  async post(fields: Record<string, unknown>): Promise<Posted> {
    return postRaw(this.baseUrl, this.activity(fields), { agent: this.agent });
  }

  private async replies(fields: Record<string, unknown>): Promise<Reply[]> {
    const posted = await this.post(fields);
    if (posted.status !== 200) throw new Error(`POST /api/messages → ${posted.status}: ${JSON.stringify(posted.body)}`);
    return posted.replies;
  }

  /** The user opens the chat (a conversationUpdate adding them). */
  join(): Promise<Reply[]> {
    return this.replies({ type: 'conversationUpdate', membersAdded: [{ id: this.userId }], text: undefined });
  }

  /** The user types. */
  say(text: string): Promise<Reply[]> {
    return this.replies({ type: 'message', text });
  }

  /** The user clicks a card button whose data is `value` (sent as an object, no text, like Teams). */
  submit(value: unknown): Promise<Reply[]> {
    return this.replies({ type: 'message', value });
  }

  /** Click the choice `answer` on the card for `question`. */
  click(question: string, answer: string): Promise<Reply[]> {
    return this.submit({ question, answer });
  }

  /** The welcome card's "Which standard do we need?" button. */
  start(): Promise<Reply[]> {
    return this.submit({ action: 'start' });
  }
}

// ── reading replies ─────────────────────────────────────────────────────

/** The question prompt among the replies (the last one carrying `value.question` and `value.step`), or null. */
export function promptIn(replies: Reply[]): PromptValue | null {
  for (let i = replies.length - 1; i >= 0; i -= 1) {
    const value = replies[i].value;
    if (value && typeof value.question === 'string' && typeof value.step === 'number') return value as unknown as PromptValue;
  }
  return null;
}

export function recommendationIn(replies: Reply[]): Recommendation | null {
  const found = replies.find((r) => r.value && typeof r.value.recommendation === 'object');
  return found ? (found.value!.recommendation as Recommendation) : null;
}

/** Every string the user would see or a client would render: text, card JSON, suggested actions. */
export function allText(replies: Reply[]): string {
  return replies.map((r) => JSON.stringify(r)).join('\n');
}

/** The reply carrying `value[key]`, for booking steps (`question: 'slot'`, `booking`). */
export function valueWith(replies: Reply[], predicate: (value: Record<string, unknown>) => boolean): Record<string, unknown> | null {
  for (let i = replies.length - 1; i >= 0; i -= 1) {
    const value = replies[i].value;
    if (value && predicate(value)) return value;
  }
  return null;
}

/** Polls `check` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined && result !== false) return result as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
