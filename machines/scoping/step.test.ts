import { initialTransition, transition } from 'xstate';
import { QUESTION_VALUES } from '../../src/scoping/questions';
import { scopingMachine } from './machine';
import type { ScopingSnapshot } from './persistence';
import { pendingQuestion } from './progress';
import { nextSnapshot } from './step';
import type { ScopingEvent } from './types';

/**
 * nextSnapshot is xstate's transition() without a throwaway actor per event:
 * over whole conversations (every value of every question, back, revise,
 * restart, the booking steps and events the state ignores) it gives the same
 * snapshots, step by step.
 */

const AT = '2026-12-01T10:00:00.000Z';
const SLOT = { id: 'slot-20261203T1000Z', start: '2026-12-03T10:00:00.000Z', end: '2026-12-03T10:30:00.000Z' };
const BOOKING = { id: 'b1', start: SLOT.start, end: SLOT.end, status: 'confirmed' as const, ics: 'http://x/calendar/b1.ics?token=t' };

const same = (a: ScopingSnapshot, b: ScopingSnapshot) => {
  expect(a.value).toEqual(b.value);
  expect(a.context).toEqual(b.context);
  expect(a.status).toBe(b.status);
  expect(Object.keys(a.historyValue ?? {})).toEqual(Object.keys(b.historyValue ?? {}));
};

function replay(events: (ScopingEvent | ((s: ScopingSnapshot) => ScopingEvent | null))[]): void {
  let ours = initialTransition(scopingMachine)[0];
  let theirs = ours;
  for (const e of events) {
    const event = typeof e === 'function' ? e(ours) : e;
    if (event === null) continue;
    ours = nextSnapshot(ours, event);
    theirs = transition(scopingMachine, theirs, event)[0];
    same(ours, theirs);
  }
}

const answerWith = (index: number) => (s: ScopingSnapshot): ScopingEvent | null => {
  const q = pendingQuestion(s.value);
  if (!q) return null;
  const values = QUESTION_VALUES[q] as readonly string[];
  return { type: 'ANSWER', question: q, value: values[index % values.length] } as ScopingEvent;
};

describe('nextSnapshot', () => {
  it.each([0, 1, 2, 3])('matches transition() through scoping with answer %i of each question, restarts and going back', (i) => {
    replay([
      { type: 'START' },
      ...Array.from({ length: 8 }, () => answerWith(i)),
      { type: 'REVISE', question: 'sector' },
      answerWith(i + 1),
      { type: 'RESTART' },
      { type: 'START' },
      answerWith(i),
      { type: 'BACK' },
      { type: 'UNMAPPED' },
      { type: 'OFF_TOPIC' },
      { type: 'ON_TOPIC' },
      { type: 'FAQ_ASKED', faq: 'what-is-42001' },
      ...Array.from({ length: 8 }, () => answerWith(i + 2)),
    ]);
  });

  it('matches transition() through booking a call, and on events the state does not take', () => {
    replay([
      { type: 'CONFIRM_YES' },
      { type: 'BOOK' },
      { type: 'DISCLAIMER_ACCEPTED', at: AT },
      { type: 'CONTACT_SUBMITTED', contact: { name: 'Ada', email: 'ada@trust.nhs.uk', organisation: 'A Trust' }, at: AT },
      { type: 'LEAD_REGISTERED', leadId: 'lead-1' },
      { type: 'SLOTS_OFFERED', slots: [SLOT] },
      { type: 'SLOT_CHOSEN', slot: SLOT },
      { type: 'CONFIRM_YES' },
      { type: 'BOOKED', booking: BOOKING },
      { type: 'CANCEL_BOOKING' },
      { type: 'BOOKING_CANCELLED', booking: BOOKING },
    ]);
  });
});
