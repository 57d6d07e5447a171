import { choicePosition } from '../../src/answers/choice-number';
import { compact, normalise } from '../../src/answers/normalise';
import type { OfferedSlot, SlotWindow } from '../../machines/scoping/types';
import { textReply } from '../render/replies';
import type { TurnState } from '../turn-state';
import { inWindow, readWhen } from './when';
import { isLater, wantsAnotherDay } from './words';

/**
 * Typed replies at the slot picker. Every one of them is about the slots:
 * "the second one", "2", "the 10am one" and "2pm" (when shown) choose; a day,
 * a part of the day, "after 3", "next week" or "9am my time" narrow the list;
 * "later" pages on. None is ever read as a command (they used to be: "the
 * second one" once started everything over). Returns false when the text is
 * not about times at all, so commands and questions still work here.
 */

const LONDON = 'Europe/London';

/** A single time ("2pm", "the 10am one"), as opposed to a range ("after 3", "afternoon"). */
const isExactTime = (window: SlotWindow) => window.minutes !== undefined && window.minutes.to - window.minutes.from === 1;

export async function onSlotText(turn: TurnState, text: string): Promise<boolean> {
  const offered = turn.context.booking.offered;
  const position = choicePosition(compact(normalise(text)), offered.length);
  if (position !== null) {
    const slot = offered[position - 1];
    if (slot) await turn.send({ type: 'SLOT_CHOSEN', slot });
    else turn.say(textReply(turn.messages.booking.slotUnknown));
    return true;
  }

  const window = readWhen(text, turn.services.clock(), LONDON, turn.channel.localTimeZone);
  if (window) {
    const shown = isExactTime(window) ? offered.find((slot: OfferedSlot) => inWindow(slot.start, window)) : undefined;
    if (shown) {
      await turn.send({ type: 'SLOT_CHOSEN', slot: shown });
      return true;
    }
    const oneLondonDay = window.zone === LONDON && !window.minutes && window.days && window.days.from === window.days.to;
    if (oneLondonDay) await turn.send({ type: 'ANOTHER_DAY', day: window.days!.from });
    else await turn.send({ type: 'NARROW_SLOTS', window });
    return true;
  }
  if (isLater(text) && offered.length > 0) {
    await turn.send({ type: 'MORE_SLOTS', after: offered[offered.length - 1].id });
    return true;
  }
  if (wantsAnotherDay(text)) {
    turn.say(textReply(turn.messages.booking.slotDayPrompt));
    return true;
  }
  return false;
}
