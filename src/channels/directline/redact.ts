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
  const value = activity.value;
  if (typeof value === 'string') redacted.value = redactText(value);
  else if (value && typeof value === 'object' && !Array.isArray(value) && !consentTicked(value as Record<string, unknown>)) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const field of CONTACT_FIELDS) if (copy[field] !== undefined && copy[field] !== null && copy[field] !== '') copy[field] = REDACTED;
    redacted.value = copy;
  }
  return redacted;
}
