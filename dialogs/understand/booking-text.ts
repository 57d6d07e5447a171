import { onContactText } from './contact-text';
import { onSlotText } from './slot-text';
import { yesOrNo } from './words';
import { declined } from '../moves';
import type { TurnState } from '../turn-state';

/**
 * Typed replies to the booking steps: yes/no, contact fields, slot numbers, days.
 */

/** Typed replies to the booking steps. Returns false when the text is not for the pending step. */
export async function onBookingText(turn: TurnState, text: string, questionShaped: boolean): Promise<boolean> {
  if (turn.matches('booking.disclaimer')) {
    const yn = yesOrNo(text);
    if (yn === 'yes') await turn.send({ type: 'DISCLAIMER_ACCEPTED', at: turn.now() });
    if (yn === 'no') await declined(turn, turn.messages.booking.declined);
    return yn !== null;
  }
  if (turn.matches('booking.contact')) return onContactText(turn, text, questionShaped);
  if (turn.matches('booking.slot')) return onSlotText(turn, text);
  if (turn.matches('booking.confirm')) {
    const yn = yesOrNo(text);
    if (yn === 'yes') await turn.send({ type: 'CONFIRM_YES' });
    if (yn === 'no') await turn.send({ type: 'CONFIRM_NO' });
    return yn !== null;
  }
  return false;
}
