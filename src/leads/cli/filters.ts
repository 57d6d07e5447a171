import type { LeadListing } from '../store/types';

/** Filters of `npm run leads -- list`, parsed from its options; errors are values the command prints. */

export interface ListFilters {
  tier?: 'hot' | 'warm' | 'nurture';
  /** Leads seen (registered or returned) at or after this instant. */
  since?: Date;
  booked?: boolean;
}

const TIERS = ['hot', 'warm', 'nurture'] as const;
const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "7d" → 7 days before `now`; "24h", "2w"; or a date "2026-11-01". */
export function parseSince(value: string, now: Date): Date | string {
  const m = /^(\d{1,4})([hdw])$/.exec(value.trim());
  if (m) return new Date(now.getTime() - Number(m[1]) * UNIT_MS[m[2]]);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  return `--since takes a duration such as 7d, 24h or 2w, or a date such as 2026-11-01 (got "${value}")`;
}

export function parseFilters(opts: { tier?: string; since?: string; booked?: boolean; notBooked?: boolean }, now: Date): ListFilters | string {
  const filters: ListFilters = {};
  if (opts.tier !== undefined) {
    if (!(TIERS as readonly string[]).includes(opts.tier)) return `--tier is one of ${TIERS.join(', ')} (got "${opts.tier}")`;
    filters.tier = opts.tier as ListFilters['tier'];
  }
  if (opts.since !== undefined) {
    const since = parseSince(opts.since, now);
    if (typeof since === 'string') return since;
    filters.since = since;
  }
  if (opts.booked && opts.notBooked) return '--booked and --not-booked cannot be used together';
  if (opts.booked) filters.booked = true;
  if (opts.notBooked) filters.booked = false;
  return filters;
}

/** "Booked" means a confirmed call now; a cancelled one counts as not booked. */
export function matches(lead: LeadListing, f: ListFilters): boolean {
  if (f.tier && lead.tier !== f.tier) return false;
  if (f.since && Date.parse(lead.updatedAt) < f.since.getTime()) return false;
  if (f.booked !== undefined && (lead.booking?.status === 'confirmed') !== f.booked) return false;
  return true;
}
