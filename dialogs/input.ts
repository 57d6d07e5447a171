import type { Activity } from 'botbuilder';
import { MAX_SUBMIT_BYTES, parseCardSubmit } from '../src/validation/card-submit';

/** What arrived, before any interpretation: text, a card submit, or something we can't read. */

export const MAX_TEXT_CHARS = 2000;

export type TurnInput =
  | { kind: 'text'; text: string }
  | { kind: 'submit'; data: CardSubmit }
  | { kind: 'bad-submit' }
  | { kind: 'empty' }
  | { kind: 'too-long'; length: number };

export type CardSubmit = Record<string, unknown> & ({ question: string; answer?: string } | { action: string });

/**
 * Teams wraps some submit data; Web Chat may send it as a JSON string. Only
 * data of our own cards' shapes passes (src/validation/card-submit.ts: one
 * schema per question, bounded in size and depth).
 */
export function readSubmit(value: unknown): CardSubmit | null {
  let data = value;
  if (typeof data === 'string') {
    if (data.length > MAX_SUBMIT_BYTES) return null;
    try {
      data = JSON.parse(data);
    } catch {
      return null;
    }
  }
  const parsed = parseCardSubmit(data);
  return parsed.ok ? (parsed.data as CardSubmit) : null;
}

export function readInput(activity: Partial<Activity>): TurnInput {
  const text = typeof activity.text === 'string' ? activity.text : '';
  if (activity.value !== undefined && activity.value !== null) {
    // A quick reply sent as messageBack carries the button's data and its title as text: the data decides.
    const data = readSubmit(activity.value);
    if (data) return { kind: 'submit', data };
    if (text.trim() === '') return { kind: 'bad-submit' };
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) return { kind: 'empty' };
  if (trimmed.length > MAX_TEXT_CHARS) return { kind: 'too-long', length: trimmed.length };
  return { kind: 'text', text: trimmed };
}
