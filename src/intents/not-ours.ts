import { z } from 'zod';
import raw from '../../content/not-ours.json';
import type { IntentId } from './ids';

/**
 * "book me a table for two at 7" is a booking, but not of our call; "cancel my
 * netflix subscription" and "restart my computer" are commands, but not ours.
 * The classifier hears "book", "cancel", "restart" and little else, so a rule
 * of high precision decides: a command that names something that is not ours
 * (content/not-ours.json) and nothing that is, is out of scope.
 */

/** Commands that act on something: the ones a sentence about someone else's thing can look like. */
const ACTING_COMMANDS: readonly IntentId[] = ['cmd.book-call', 'cmd.cancel-booking', 'cmd.restart', 'cmd.delete-data', 'cmd.back', 'cmd.start-scoping', 'cmd.help'];

const Schema = z.object({ about: z.string(), theirs: z.array(z.string().min(1)).min(1), ours: z.array(z.string().min(1)).min(1) });
const content = Schema.parse(raw);

const words = (list: string[]) => new RegExp(`\\b(${list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i');
const THEIRS = words(content.theirs);
const OURS = words(content.ours);

export function isSomeoneElsesBooking(text: string): boolean {
  return THEIRS.test(text) && !OURS.test(text);
}

/** Whether a command the classifier found is really about something of someone else's. */
export function isNotOurs(intent: IntentId, text: string): boolean {
  return ACTING_COMMANDS.includes(intent) && isSomeoneElsesBooking(text);
}
