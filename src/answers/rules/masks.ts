/**
 * Words to take out of a message before one question reads it, because they
 * are about something else:
 * - certification: other standards and what is said of them ("9001
 *   certified", "working towards 42001", "Cyber Essentials Plus"), and being
 *   aligned to 27001, say nothing about holding ISO 27001;
 * - sector: whom the organisation serves ("software … for hospitals",
 *   "… our clients are mostly banks") is not what it is, as long as something
 *   is left that says what it is.
 */

const STANDARD =
  '(?:(?:iso\\s*(?:\\/\\s*)?(?:iec\\s*)?)?(?:9001|14001|45001|22301|20000(?:-1)?|27701|27017|27018|42001|50001)(?::\\d{4})?|cyber\\s*essentials(?:\\s*(?:plus|\\+))?|ce\\s*\\+|ce\\s+plus|soc\\s*2(?:\\s*type\\s*(?:ii|i|1|2))?|pci(?:[\\s-]*dss)?|iasme|dspt|dsp\\s+toolkit|nist(?:\\s*csf)?|hitrust|fedramp)';
const OTHER_STANDARDS = new RegExp(
  `(?:(?:working|going|aiming|heading|moving)\\s+(?:towards?|for)\\s+|(?:certified|accredited|certification)\\s+(?:to|for|in|against)\\s+|(?:have|hold|got|with)\\s+)?(?:the\\s+|our\\s+|an?\\s+)?${STANDARD}(?:\\s*(?:and|&|,|plus)\\s*${STANDARD})*(?:\\s+(?:certified|certification|certificate|accredited|accreditation|report|audit))?`,
  'gi',
);

/** Following 27001 is not holding it: "aligned to 27001", "27001 compliant", "based on 27001". */
const ALIGNED = /\b(?:aligned|aligning|align|compliant|compliance|following|follow|based|mapped|in line)\s+(?:with\s+|to\s+|on\s+)?(?:iso\s*)?27001\b|\b(?:iso\s*)?27001\s+(?:aligned|compliant|based)\b/gi;

export type Masked = { text: string; masked: boolean };

export function maskOtherStandards(text: string): Masked {
  let masked = false;
  const result = text.replace(OTHER_STANDARDS, () => {
    masked = true;
    return ' ';
  }).replace(ALIGNED, ' ');
  return { text: result, masked };
}

/** Where a description turns to whom it serves; "work for", "work in" are about the speaker, not customers. */
const CUSTOMERS =
  /(?<!\bwork(?:s|ing)?)\s+(?:to|for|into|serving|whose|working with)\s+[^.,;!?]*|[,;]?\s*\b(?:our\s+)?(?:clients|customers|users|buyers)\s+(?:are|include|including|like)\b[^.;!?]*/gi;

export function maskCustomers(text: string, hasContent: (text: string) => boolean): Masked {
  const result = text.replace(CUSTOMERS, ' ');
  if (result === text || !hasContent(result)) return { text, masked: false };
  return { text: result, masked: true };
}
