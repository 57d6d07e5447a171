import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Practitioner } from '../../config/config';
import type { BusySpan, BusyResult, BusyTimes } from '../provider/types';
import { type GraphClient, GraphError, userPath } from './client';

/**
 * Practitioners' busy times from `POST /users/{mailbox}/calendar/getSchedule`,
 * kept about a minute so a turn does not wait on Graph: a fresh answer is
 * used as is, a stale one is used while a refresh runs behind it. Times are
 * asked for and answered in UTC (no `Prefer: outlook.timezone`).
 */

const TTL_MS = 60_000;
/** Statuses that keep a practitioner from a call; `free` and `workingElsewhere` do not. */
const BLOCKING = new Set(['busy', 'oof', 'tentative', 'unknown']);

const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().optional() });
const ScheduleResponse = z.object({
  value: z.array(
    z.object({
      scheduleId: z.string().optional(),
      scheduleItems: z.array(z.object({ status: z.string().optional(), start: DateTimeTimeZone, end: DateTimeTimeZone })).optional(),
      error: z.object({ responseCode: z.string().optional() }).nullish(),
    }),
  ),
});

/** Graph writes UTC as "2027-03-24T09:00:00.0000000" with timeZone "UTC": no offset in the string. */
export function graphInstant(value: { dateTime: string; timeZone?: string }): string {
  const zone = (value.timeZone ?? 'UTC').toUpperCase();
  if (zone !== 'UTC' && zone !== 'ETC/UTC' && zone !== 'GMT') throw new GraphError(undefined, undefined, `unexpected-time-zone`);
  const hasOffset = /(Z|[+-]\d\d:?\d\d)$/i.test(value.dateTime);
  return new Date(hasOffset ? value.dateTime : `${value.dateTime}Z`).toISOString();
}

/** An instant as Graph's dateTimeTimeZone in UTC. */
export const utc = (at: Date) => ({ dateTime: at.toISOString().replace(/\.\d{3}Z$/, ''), timeZone: 'UTC' });

export interface ScheduleOptions {
  client: GraphClient;
  practitioners: readonly Practitioner[];
  horizonDays: number;
  clock: () => Date;
  /** The request's window: from now to the horizon and a day. */
  onRefreshFailed?: (error: GraphError) => void;
}

export class GraphSchedule {
  private readonly cache: LRUCache<'all', Map<string, BusySpan[]>>;

  constructor(private readonly options: ScheduleOptions) {
    this.cache = new LRUCache({
      max: 1,
      ttl: TTL_MS,
      allowStale: true,
      allowStaleOnFetchRejection: true,
      noDeleteOnFetchRejection: true,
      // The injectable clock decides freshness, so tests move time instead of waiting.
      perf: { now: () => options.clock().getTime() },
      fetchMethod: () => this.read(),
    });
  }

  async busy(fresh = false): Promise<BusyResult> {
    try {
      const busy = await this.cache.fetch('all', { forceRefresh: fresh, allowStale: !fresh });
      if (busy) return { ok: true, busy: busy as BusyTimes };
    } catch (error) {
      if (error instanceof GraphError) this.options.onRefreshFailed?.(error);
      else throw error;
    }
    return { ok: false, reason: 'unavailable' };
  }

  private async read(): Promise<Map<string, BusySpan[]>> {
    const now = this.options.clock();
    const until = new Date(now.getTime() + (this.options.horizonDays + 1) * 86_400_000);
    const all = await Promise.all(this.options.practitioners.map(async (p) => [p.id, await this.readOne(p.mailbox!, now, until)] as const));
    return new Map(all);
  }

  private async readOne(mailbox: string, from: Date, until: Date): Promise<BusySpan[]> {
    const body = { schedules: [mailbox], startTime: utc(from), endTime: utc(until), availabilityViewInterval: 30 };
    const parsed = ScheduleResponse.safeParse(await this.options.client.request('POST', `${userPath(mailbox)}/calendar/getSchedule`, body));
    if (!parsed.success) throw new GraphError(200, undefined, 'unexpected-schedule-shape');
    const info = parsed.data.value.find((s) => s.scheduleId?.toLowerCase() === mailbox.toLowerCase()) ?? parsed.data.value[0];
    // A schedule Graph could not read (no such mailbox, no permission) carries an error instead of items.
    if (!info || info.error) throw new GraphError(200, undefined, `schedule-error ${info?.error?.responseCode ?? 'missing'}`.trim());
    return (info.scheduleItems ?? [])
      .filter((item) => BLOCKING.has(item.status ?? 'busy'))
      .map((item) => ({ start: graphInstant(item.start), end: graphInstant(item.end) }));
  }
}

