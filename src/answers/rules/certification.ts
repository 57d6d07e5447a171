import { LRUCache } from 'lru-cache';
import type * as Chrono from 'chrono-node';
import type { Rule } from './verdict';

// Loaded on the first reading that needs it (266 modules), not while the server starts.
let chronoModule: typeof Chrono | undefined;
const chrono = (): typeof Chrono => (chronoModule ??= require('chrono-node') as typeof Chrono);
/** Whether chrono-node finds a time in a clause, by clause and day: the same clause is read for the answer and again for facts. */
const datedByChrono = new LRUCache<string, boolean>({ max: 1000 });
function chronoFindsTime(text: string, now: Date): boolean {
  const key = `${now.toISOString().slice(0, 10)} ${text}`;
  let found = datedByChrono.get(key);
  if (found === undefined) datedByChrono.set(key, (found = chrono().en.GB.parse(text, now).length > 0));
  return found;
}

/**
 * certification rules, with dates read by chrono-node:
 * - a certification that happened at a past date is held: "we got certified
 *   last month", "certified since 2016", "got our certificate in January";
 * - one aimed at a future date is in progress: "aiming to be certified by
 *   the summer", "audit booked for next month".
 * - what only a certified organisation has is held: "next surveillance visit in
 *   June", "the certificate is valid till 2027".
 * - a lapse is none: "lapsed in 2022", "expired", "we used to be";
 * - only other standards named (masks.ts) is none, confirmed first.
 */
const ACHIEVED =
  /\b(?:(?:got|gained|achieved|obtained|passed|received|awarded|renewed)(?: (?:our|the|an?|it|iso|first))* (?:it|cert\w*|27001|iso|audit|stage (?:2|two)|badge)|became certified|been certified|certified (?:since|in|last|on|from|back)|had it|held it|hold it|have held|have had it|recertified|transitioned|certificate (?:since|from|dated|issued))\b/;
const AIMED = /\b(?:aim|aiming|aimed|target|targeting|hope|hoping|expect|expecting|plan|planning|should|due|booked|scheduled|pencilled|going for|will be|by)\b/;
const LAPSED = /\b(?:lapsed|expired|let it go|let it lapse|last place)\b/;
/** Words of a lapse that also speak of other things ("no longer a pilot"): a lapse only beside certification, or alone ("we used to be"). */
const LAPSED_IF_ABOUT_IT = /\b(?:no longer|used to|previous)\b/;
const CERTIFICATION_WORD = /\b(?:27001|iso|isms|certif\w*|cert|certs|accredit\w*|audit\w*)\b/;
/** What may stand beside a lapse that is the whole clause: "we used to be", "sadly no longer". */
const BARE_LAPSE = /^(?:(?:we|i|it|our|us|are|were|was|be|been|is|any|more|anymore|not|so|well|sadly|unfortunately|actually|no longer|used to|previous(?:ly)?) ?)+$/;
const lapsed = (text: string) => LAPSED.test(text) || (LAPSED_IF_ABOUT_IT.test(text) && (CERTIFICATION_WORD.test(text) || BARE_LAPSE.test(text)));
/** Only a certified organisation has these: surveillance visits, recertification, a certificate with an expiry. */
const HELD = /\b(?:surveillance (?:audit|visit|review)s?|recertif\w*|re certif\w*|valid (?:till|until|to|through|for)|renewal audit)\b/;
/** Words left after masking other standards that still speak of certification. */
const ABOUT_27001 = /\b(?:27001|iso|isms|certif\w*|cert|certs|accredit\w*|audit\w*|stage|working|progress|started|project|yes|no|not|never|none|nothing)\b/;
/** Times chrono-node leaves alone that still date a plan: "by Q3", "by Christmas", "by next summer". */
const LOOSE_TIME = /\b(?:by|before|in|for|around) (?:the end of )?(?:(?:this|next|the) )?(?:q[1-4]|(?:first|second|third|fourth|last) quarter|spring|summer|autumn|fall|winter|christmas|easter|year end|end of (?:the )?year)\b/;
const SINCE_YEAR = /\b(?:since|from|in) (?:19|20)\d\d\b/;

export function certificationRule(now: Date): Rule {
  return (context) => {
    if (context.parts.some((p) => lapsed(p.words.join(' ')))) return { value: 'none', confidence: 0.85 };
    // Only other standards named ("we're 9001 certified", "Cyber Essentials Plus"): not 27001, but say so and confirm.
    if (context.masked && !ABOUT_27001.test(context.normalised)) return { value: 'none', confidence: 0.7, check: 'low-confidence' };
    if (context.parts.some((p) => !p.negated && HELD.test(p.words.join(' ')))) return { value: 'certified', confidence: 0.85 };
    for (const part of context.parts) {
      if (part.negated) continue;
      const text = part.words.join(' ');
      const dated = SINCE_YEAR.test(text) || LOOSE_TIME.test(text) || chronoFindsTime(text, now);
      if (!dated) continue;
      // Tense comes from the verbs: a date beside "got" or "since" is in the past, beside "aiming" or "booked" in the future.
      if (AIMED.test(text)) return { value: 'in-progress', confidence: 0.85 };
      if (ACHIEVED.test(text)) return { value: 'certified', confidence: 0.9 };
    }
    return null;
  };
}
