import { CONTACT_FIELDS } from '../../contact/contact';
import type { WireActivity } from './transcript';

/**
 * What the website transcript keeps of a visitor's activity before they have
 * consented to their details being kept (booking.md, step 2): email addresses
 * and phone numbers typed as text, and the fields of a contact form sent
 * without its consent box ticked, are replaced by a marker. The live echo to
 * the visitor's own widget is not affected; only the stored row is.
 */

export const REDACTED = '[removed: not kept without consent]';

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g;
// Eight or more digits, spaces, dots, dashes or brackets, optionally led by +: "+44 20 7946 0000", "07700-900123".
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

export function redactText(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
}

const consentTicked = (value: Record<string, unknown>) => value.consent === true || value.consent === 'true';

/** The activity as stored while the conversation holds no consent. */
export function redactBeforeConsent(activity: WireActivity): WireActivity {
  const redacted: WireActivity = { ...activity };
  if (typeof activity.text === 'string') redacted.text = redactText(activity.text);
  if (activity.value !== undefined) redacted.value = redactValue(activity.value);
  return redacted;
}

/** Card data: an object, or the same as a JSON string (Web Chat may send either). */
function redactValue(value: unknown): unknown {
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return JSON.stringify(redactValue(parsed));
    } catch {
      // plain text
    }
    return redactText(value);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || consentTicked(value as Record<string, unknown>)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of CONTACT_FIELDS) if (copy[field] !== undefined && copy[field] !== null && copy[field] !== '') copy[field] = REDACTED;
  return copy;
}
