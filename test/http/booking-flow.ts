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

/**
 * Brings each person, one after another, to the confirm step on the same
 * slot: the first slot the first of them is offered, which every later one
 * must be offered first too. Returns that slot's id.
 */
export async function everyoneOnOneSlot(people: Conversation[]): Promise<string> {
  let contested: string | undefined;
  for (const [n, person] of people.entries()) {
    await person.join();
    await bookingSteps.book(person);
    await bookingSteps.acceptDisclaimer(person);
    const offered = slotsIn(await bookingSteps.submitContact(person, n));
    contested ??= offered[0]?.id;
    expect(offered[0]?.id).toBe(contested);
    await bookingSteps.pickSlot(person, contested!);
  }
  return contested!;
}
