import { Conversation, valueWith, type Reply } from './client';

/**
 * The booking steps of shared/spec/booking.md as a person clicks through
 * them: book → disclaimer → contact card → slot → confirm. Each step returns
 * the replies, so a caller can time or inspect them.
 */

/** A Monday morning, GMT: slots exist from Tuesday 10:30 (24 h notice) onwards. */
export const MONDAY = new Date('2026-11-30T10:15:00.000Z');

export interface OfferedSlot {
  id: string;
  start: string;
  end: string;
}

export interface BookedCall {
  id: string;
  start: string;
  end: string;
  status: string;
  ics: string;
}

export function slotsIn(replies: Reply[]): OfferedSlot[] {
  const value = valueWith(replies, (v) => v.question === 'slot' && Array.isArray(v.choices));
  return value ? (value.choices as OfferedSlot[]) : [];
}

export function bookingIn(replies: Reply[]): BookedCall | null {
  const value = valueWith(replies, (v) => typeof v.booking === 'object' && v.booking !== null);
  return value ? (value.booking as BookedCall) : null;
}

export const bookingSteps = {
  book: (c: Conversation) => c.submit({ action: 'book' }),
  acceptDisclaimer: (c: Conversation) => c.click('disclaimer', 'accept'),
  submitContact: (c: Conversation, n: number) =>
    c.submit({
      question: 'contact',
      name: `Test Person ${n}`,
      email: `person${n}@example.org`,
      organisation: 'Example Health NHS Trust',
      role: 'CIO',
      phone: '',
      consent: true,
    }),
  pickSlot: (c: Conversation, slotId: string) => c.click('slot', slotId),
  confirm: (c: Conversation) => c.click('confirm', 'yes'),
};
