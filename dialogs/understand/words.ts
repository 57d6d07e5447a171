/** Small text understanding the booking steps need: yes/no, skip, "later", a day. */

const YES = /^(y|yes|yeah|yep|yup|sure|ok|okay|fine|agreed?|i agree|i understand|understood|go ahead|accept|confirm|book it|sounds good|correct|please do|yes please)\b/i;
const NO = /^(n|no|nope|nah|not now|no thanks|decline|cancel|don'?t|do not|not really|pick another|another time)\b/i;

export function yesOrNo(text: string): 'yes' | 'no' | null {
  const cleaned = text.trim().replace(/[!.,]+$/g, '');
  if (NO.test(cleaned)) return 'no';
  if (YES.test(cleaned)) return 'yes';
  return null;
}

export const isSkip = (text: string) => /^(skip|none|n\/?a|no|pass|leave it( out)?|rather not|-)\.?$/i.test(text.trim());
export const isLater = (text: string) => /\b(later|more|next|other times?|after that|anything later)\b/i.test(text);
export const wantsAnotherDay = (text: string) => /\b(another|different|other) day\b/i.test(text);
export const mentionsReschedule = (text: string) => /\b(reschedul\w*|move|change|another time|different time|rearrange)\b/i.test(text);

/** "help", "why do you need this?", "what's this for?" at a booking step. */
export const asksForHelp = (text: string) =>
  /^(help|help me|\?+|what\??)\W*$/i.test(text.trim()) ||
  /\b(why (do|would|should) (you|i|we)|why is (this|that|it) needed|what(?: is|'s) (this|that|it) for|what do you (need|want) (this|that|it) for|why (this|that)\b|why\?)/i.test(text);

/** "I'm a sole trader, I don't have a company email": a personal address is the only one. */
export const hasNoWorkEmail = (text: string) =>
  /\b(sole trader|self[- ]employed|freelanc\w*|one[- ]person (business|company)|just me)\b/i.test(text) ||
  /\b(don'?t|do not|doesn'?t|haven'?t|have no|no|without( a)?)\b[^.?!]*\b(work|company|business|corporate|office|professional)\s*(e-?mail|address|domain)/i.test(text);

/** "Change" on a confirm-back, typed. */
export const wantsChange = (text: string) =>
  /^(change( it| that| my answer)?|that'?s (wrong|not right)|not (quite|right)|wrong|edit)\W*$/i.test(text.trim());
