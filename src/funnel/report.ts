import { QUESTION_ORDER } from '../scoping/questions';
import type { FunnelCount } from './store/types';

/**
 * The funnel over a period: each stage's count, its share of conversations
 * started and the drop-off from the stage before, per channel and in total;
 * then recommendations by pathway, FAQ asked by id, misunderstood messages,
 * cancellations. A question skipped by an earlier answer counts as not reached.
 *
 * Example: 20 started, 18 reached the first question, 15 answered it →
 * "reached: AI use 18 (90%, drop-off 10%)", "answered: AI use 15 (75%, drop-off 17%)".
 */

export interface Stage {
  metric: string;
  /** Per channel, and `all`. */
  counts: Record<string, number>;
}

export interface FunnelReport {
  fromDay: string;
  channels: string[];
  stages: Stage[];
  pathways: Record<string, number>;
  faq: Record<string, number>;
  misunderstood: number;
  cancelled: number;
  rescheduled: number;
  /** The raw counts: per day, channel and metric. */
  days: FunnelCount[];
}

export const STAGES = ['started', ...QUESTION_ORDER.flatMap((q) => [`reached:${q}`, `answered:${q}`]), 'recommended', 'consent', 'booked'];

export function buildReport(fromDay: string, counts: FunnelCount[]): FunnelReport {
  const channels = [...new Set(counts.map((c) => c.channel))].sort();
  const total = (metric: (m: string) => boolean, channel?: string) =>
    counts.filter((c) => metric(c.metric) && (channel === undefined || c.channel === channel)).reduce((n, c) => n + c.count, 0);
  const stageMetric = (stage: string) => (stage === 'recommended' ? (m: string) => m.startsWith('recommended:') : (m: string) => m === stage);
  const stages = STAGES.map((metric) => ({
    metric,
    counts: Object.fromEntries([...channels.map((ch) => [ch, total(stageMetric(metric), ch)]), ['all', total(stageMetric(metric))]]),
  }));
  const byPrefix = (prefix: string) => {
    const out: Record<string, number> = {};
    for (const c of counts) if (c.metric.startsWith(prefix)) out[c.metric.slice(prefix.length)] = (out[c.metric.slice(prefix.length)] ?? 0) + c.count;
    return out;
  };
  return {
    fromDay,
    channels,
    stages,
    pathways: byPrefix('recommended:'),
    faq: byPrefix('faq:'),
    misunderstood: total((m) => m === 'misunderstood'),
    cancelled: total((m) => m === 'cancelled'),
    rescheduled: total((m) => m === 'rescheduled'),
    days: counts,
  };
}

/** "90%" of the first count; "-" when there is nothing to compare with. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '-';
}

/** Share lost since the stage before: (before − now) / before. */
export function dropOff(before: number, now: number): string {
  return before > 0 ? `${Math.round(((before - now) / before) * 100)}%` : '-';
}
