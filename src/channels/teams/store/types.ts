import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';

/**
 * What Teams keeps: where briefs go (the practitioners' channel, as a
 * conversation reference) and who marked a lead contacted. Briefs on their
 * way are in the outbox (src/outbox), as lead ids only.
 */

export const BRIEFS_DESTINATION = 'briefs';

export interface ContactMark {
  leadId: string;
  contactedBy: string;
  byName: string;
  contactedAt: string;
}

/** A contacted mark as both stores keep it (lead_contacts, teams_lead_contacts). */
export interface MarkRow {
  lead_id: string;
  contacted_by: string;
  by_name: string;
  contacted_at: string;
}

export const toMark = (r: MarkRow): ContactMark => ({ leadId: r.lead_id, contactedBy: r.contacted_by, byName: r.by_name, contactedAt: r.contacted_at });

export interface TeamsStore {
  setDestination(reference: Partial<ConversationReference>, registeredBy: string, now: Date): Promise<void>;
  destination(): Promise<Partial<ConversationReference> | null>;
  clearDestination(): Promise<void>;
  /** First mark wins; returns the mark that stands. */
  markContacted(mark: ContactMark): Promise<ContactMark>;
  contactOf(leadId: string): Promise<ContactMark | null>;
  /** Every mark, for the leads list: one query. */
  contactMarks(): Promise<Map<string, ContactMark>>;
  close(): Promise<void>;
}

export const ReferenceSchema = z
  .object({
    conversation: z.object({ id: z.string().min(1) }).loose(),
    serviceUrl: z.string().min(1),
    channelId: z.string().min(1),
  })
  .loose();

export function referenceFrom(json: string): Partial<ConversationReference> | null {
  try {
    const parsed = ReferenceSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as unknown as Partial<ConversationReference>) : null;
  } catch {
    return null;
  }
}
