import { OPTIONAL_CONTACT_FIELDS, validateField } from '../../src/contact/contact';
import { parseDay } from './when';
import { textReply } from '../render/replies';
import { isLater, isSkip, wantsAnotherDay, yesOrNo } from './words';
import { declined, nextField } from '../moves';
import type { TurnState } from '../turn-state';

/**
 * Typed replies to the booking steps: yes/no, contact fields, slot numbers, days.
 */

/** Typed replies to the booking steps. Returns false when the text is not for the pending step. */
export async function onBookingText(turn: TurnState, text: string): Promise<boolean> {
  if (turn.matches('booking.disclaimer')) {
    const yn = yesOrNo(text);
    if (yn === 'yes') await turn.send({ type: 'DISCLAIMER_ACCEPTED', at: turn.now() });
    if (yn === 'no') await declined(turn, turn.messages.booking.declined);
    return yn !== null;
  }
  if (turn.matches('booking.contact')) {
    if (!turn.context.booking.consentAt) {
      const yn = yesOrNo(text);
      if (yn === 'yes') await turn.send({ type: 'CONSENT_GIVEN', at: turn.now() });
      if (yn === 'no') await declined(turn, turn.messages.booking.consentRefused, 'CONSENT_REFUSED');
      return yn !== null;
    }
    const field = nextField(turn);
    if (!field) return false;
    if (OPTIONAL_CONTACT_FIELDS.includes(field) && isSkip(text)) {
      await turn.send({ type: 'CONTACT_FIELD_SKIPPED', field });
      return true;
    }
    const result = validateField(field, text);
    if (result.ok) await turn.send({ type: 'CONTACT_FIELD', field, value: result.value });
    else turn.fieldProblem = result.reason;
    turn.forceFullPrompt = true;
    return true;
  }
  if (turn.matches('booking.slot')) {
    const offered = turn.context.booking.offered;
    const number = text.match(/^(?:option\s*|#|no\.?\s*)?(\d{1,2})\.?$/i);
    if (number) {
      const slot = offered[Number(number[1]) - 1];
      if (slot) await turn.send({ type: 'SLOT_CHOSEN', slot });
      else turn.say(textReply(turn.messages.booking.slotUnknown));
      return true;
    }
    const byLabel = offered.find((slot) => text.includes(slot.start.slice(11, 16)) && parseDay(text, turn.services.clock()) === slot.start.slice(0, 10));
    if (byLabel) return turn.send({ type: 'SLOT_CHOSEN', slot: byLabel }).then(() => true);
    const day = parseDay(text, turn.services.clock());
    if (day) return turn.send({ type: 'ANOTHER_DAY', day }).then(() => true);
    if (isLater(text) && offered.length > 0) return turn.send({ type: 'MORE_SLOTS', after: offered[offered.length - 1].id }).then(() => true);
    if (wantsAnotherDay(text)) return turn.say(textReply(turn.messages.booking.slotDayPrompt)), true;
    return false;
  }
  if (turn.matches('booking.confirm')) {
    const yn = yesOrNo(text);
    if (yn === 'yes') await turn.send({ type: 'CONFIRM_YES' });
    if (yn === 'no') await turn.send({ type: 'CONFIRM_NO' });
    return yn !== null;
  }
  return false;
}
