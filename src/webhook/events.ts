import { z } from 'zod';
import { BriefSchema } from '../leads/brief';

/**
 * What LEADS_WEBHOOK_URL receives: one JSON event per request. The schema is
 * the contract; docs/webhook.schema.json is generated from it
 * (`npm run webhook:schema`) and a test keeps the two the same.
 *
 * Every event has an `id` (the same on every retry: deduplicate on it), a
 * `type`, when it happened and the lead's id. Events about a person carry the
 * practitioner's brief (only people who consented become leads); an erasure
 * carries ids only.
 */

export const EVENT_TYPES = ['lead.created', 'lead.updated', 'booking.confirmed', 'booking.rescheduled', 'booking.cancelled', 'lead.erased'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const base = {
  id: z.string().regex(/^evt_[0-9a-f-]{36}$/).describe('Unique per event and the same on every delivery attempt: deduplicate on it.'),
  createdAt: z.iso.datetime().describe('When the event happened (UTC).'),
  leadId: z.string().min(1),
};

const LeadEvent = z.object({
  ...base,
  type: z.enum(['lead.created', 'lead.updated']),
  data: z.object({ brief: BriefSchema }),
});

const BookingEvent = z.object({
  ...base,
  type: z.enum(['booking.confirmed', 'booking.rescheduled', 'booking.cancelled']),
  data: z.object({ bookingId: z.string().min(1), brief: BriefSchema }),
});

const ErasedEvent = z.object({
  ...base,
  type: z.literal('lead.erased'),
  data: z.object({ bookingIds: z.array(z.string()).describe('Bookings of the lead that were cancelled by the erasure.') }).strict(),
}).strict();

export const WebhookEventSchema = z.discriminatedUnion('type', [LeadEvent, BookingEvent, ErasedEvent]).meta({
  title: 'Scoping bot lead event',
  description: 'POSTed to LEADS_WEBHOOK_URL, signed in the Scoping-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">).',
});

export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

/** The JSON Schema published in docs/ (draft 2020-12). */
export function webhookJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(WebhookEventSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
