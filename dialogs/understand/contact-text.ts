import { isPersonalMailbox, OPTIONAL_CONTACT_FIELDS, validateField } from '../../src/contact/contact';
import { fill } from '../../src/content/copy';
import { declined, nextField } from '../moves';
import { textReply } from '../render/replies';
import type { TurnState } from '../turn-state';
import { asksForHelp, hasNoWorkEmail, isSkip, yesOrNo } from './words';

/**
 * Typed replies at the contact steps: consent, then field by field. No dead
 * ends: "help" and "why do you need this?" are answered at every step, a
 * personal mailbox is taken after one gentle question, and "I'm a sole trader,
 * I don't have a company email" gets a way through. Returns false when the
 * text is not for this step (a command, a question), so those still work.
 */
export async function onContactText(turn: TurnState, text: string, questionShaped: boolean): Promise<boolean> {
  const { booking } = turn.context;
  const b = turn.messages.booking;
  // Other questions ("is the call free?") are answered as usual, and the step is kept.
  if (questionShaped && !asksForHelp(text)) return false;
  if (!booking.consentAt) {
    if (asksForHelp(text)) {
      turn.say(textReply(`${fill(b.fieldHelp.consent, { privacyUrl: turn.services.config.privacy.noticeUrl })} ${b.fieldHelpTail}`));
      return true;
    }
    const yn = yesOrNo(text);
    if (yn === 'yes') await turn.send({ type: 'CONSENT_GIVEN', at: turn.now() });
    if (yn === 'no') await declined(turn, b.consentRefused, 'CONSENT_REFUSED');
    return yn !== null;
  }
  const field = nextField(turn);
  if (!field) return false;
  if (asksForHelp(text)) {
    turn.say(textReply(`${b.fieldHelp[field]} ${b.fieldHelpTail}`));
    turn.forceFullPrompt = true;
    return true;
  }
  if (OPTIONAL_CONTACT_FIELDS.includes(field) && isSkip(text)) {
    await turn.send({ type: 'CONTACT_FIELD_SKIPPED', field });
    return true;
  }
  if (field === 'email') return onEmailText(turn, text);
  if (hasNoWorkEmail(text)) {
    await turn.send({ type: 'PERSONAL_EMAIL_ALLOWED' });
    turn.say(textReply(b.noWorkEmailLater));
    turn.forceFullPrompt = true;
    return true;
  }
  const result = validateField(field, text);
  if (result.ok) await turn.send({ type: 'CONTACT_FIELD', field, value: result.value });
  else turn.fieldProblem = result.reason;
  turn.forceFullPrompt = true;
  return true;
}

async function onEmailText(turn: TurnState, text: string): Promise<boolean> {
  const { booking } = turn.context;
  const b = turn.messages.booking;
  if (hasNoWorkEmail(text)) {
    await turn.send({ type: 'PERSONAL_EMAIL_ALLOWED' });
    turn.say(textReply(b.noWorkEmail));
    turn.promptShown = true;
    return true;
  }
  // "Yes" to the gentle question uses the address it was about.
  if (booking.personalEmailAsked && yesOrNo(text) === 'yes') {
    await turn.send({ type: 'CONTACT_FIELD', field: 'email', value: booking.personalEmailAsked, personal: true });
    turn.forceFullPrompt = true;
    return true;
  }
  const result = validateField('email', text);
  if (!result.ok) {
    turn.fieldProblem = result.reason;
    turn.forceFullPrompt = true;
    return true;
  }
  const personal = isPersonalMailbox(result.value);
  if (personal && !booking.personalEmailAllowed && booking.personalEmailAsked !== result.value) {
    await turn.send({ type: 'PERSONAL_EMAIL_ASKED', email: result.value });
    turn.say(textReply(fill(b.personalEmailQuestion, { email: result.value })));
    turn.promptShown = true;
    return true;
  }
  await turn.send({ type: 'CONTACT_FIELD', field: 'email', value: result.value, personal });
  turn.forceFullPrompt = true;
  return true;
}
