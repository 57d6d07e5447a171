import { QUESTION_ORDER } from '../scoping/questions';
import type { Lead } from './lead';

/** Leads as CSV (RFC 4180), one row a lead, with its latest booking. */

export interface LeadRowBooking {
  start: string;
  status: string;
}

/**
 * Quotes every cell; a cell a spreadsheet would evaluate is prefixed with an
 * apostrophe: anything starting "=", "@", a tab or CR, and anything starting
 * "+" or "-" (after optional spaces), arithmetic included ("-1-1", "+44-20"
 * would be sums), except an international phone number written as "+", digits,
 * spaces and brackets ("+44 (20) 7946 0000"), which is left as typed.
 */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  const formulaLike = /^\s*[=@\t\r+-]/.test(s) && !/^\+\d[\d ()]*$/.test(s);
  if (formulaLike) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}
const cell = csvCell;

export const CSV_COLUMNS = [
  'lead_id',
  'created_at',
  'name',
  'email',
  'organisation',
  'role',
  'phone',
  'consent_given_at',
  'privacy_notice_version',
  'pathway',
  'tier',
  'urgency',
  'booking_start',
  'booking_status',
  ...QUESTION_ORDER,
] as const;

export function leadsToCsv(leads: readonly { lead: Lead; booking: LeadRowBooking | null }[]): string {
  const rows = leads.map(({ lead, booking }) => {
    const r = lead.assessment?.recommendation;
    return [
      lead.id,
      lead.createdAt,
      lead.contact.name,
      lead.contact.email,
      lead.contact.organisation,
      lead.contact.role,
      lead.contact.phone,
      lead.consent.givenAt,
      lead.consent.noticeVersion,
      r?.pathway,
      r?.tier,
      r?.urgency,
      booking?.start,
      booking?.status,
      ...QUESTION_ORDER.map((q) => lead.answers[q]),
    ]
      .map(cell)
      .join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
