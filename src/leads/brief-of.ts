import { latestOf } from '../booking/view';
import type { RecordsTx } from '../records/types';
import { type Brief, buildBrief } from './brief';

/**
 * The practitioner's brief, built from the lead and its latest booking when
 * read, so there is no second copy of the contact details to keep in step or
 * to erase. A lead that never booked has no brief. `builtAt` is when either
 * last changed.
 */
export async function briefOf(tx: RecordsTx, leadId: string, timeZone: string): Promise<Brief | null> {
  const lead = await tx.leads.get(leadId);
  if (!lead) return null;
  const b = latestOf(await tx.bookings.ofLead(leadId));
  if (!b) return null;
  const builtAt = new Date(Math.max(Date.parse(lead.updatedAt), Date.parse(b.updatedAt)));
  return buildBrief(lead, { id: b.id, start: b.start, end: b.end, status: b.status, practitioner: b.practitioner }, { now: builtAt, timeZone });
}
