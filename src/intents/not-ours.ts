import { z } from 'zod';
import raw from '../../content/not-our-bookings.json';

/**
 * "book me a table for two at 7" is a booking, but not of our call. The
 * classifier hears "book me" and little else, so a rule of high precision
 * decides: a booking request that names something we don't book
 * (content/not-our-bookings.json) and nothing we do is out of scope.
 */

const Schema = z.object({ about: z.string(), theirs: z.array(z.string().min(1)).min(1), ours: z.array(z.string().min(1)).min(1) });
const content = Schema.parse(raw);

const words = (list: string[]) => new RegExp(`\\b(${list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i');
const THEIRS = words(content.theirs);
const OURS = words(content.ours);

export function isSomeoneElsesBooking(text: string): boolean {
  return THEIRS.test(text) && !OURS.test(text);
}
