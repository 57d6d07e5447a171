import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { initialTransition, transition } from 'xstate';
import { QUESTION_ORDER, QUESTION_VALUES, type QuestionId } from '../../src/scoping/questions';
import { scopingMachine } from './machine';
import { pendingQuestion } from './progress';
import type { ScopingEvent } from './types';
import type { ScopingSnapshot } from './persistence';

/**
 * Every path through the machine, enumerated with xstate/graph, and the
 * invariants that must hold on all of them.
 */

const AT = '2026-12-01T10:00:00.000Z';
const SLOT = { id: 'slot-20261203T1000Z', start: '2026-12-03T10:00:00.000Z', end: '2026-12-03T10:30:00.000Z' };
const BOOKING = { id: 'b1', start: SLOT.start, end: SLOT.end, status: 'confirmed' as const, ics: 'http://x/calendar/b1.ics?token=t' };
const CONTACT = { name: 'Ada', email: 'ada@trust.nhs.uk', organisation: 'A Trust' };

/** The forward moves a user can make in each state (commands that go back are tested separately). */
function forwardEvents(snapshot: ScopingSnapshot, withBooking: boolean): ScopingEvent[] {
  const pending = pendingQuestion(snapshot.value);
  if (pending) {
    const answers = (QUESTION_VALUES[pending] as readonly string[]).map((value) => ({ type: 'ANSWER', question: pending, value }) as ScopingEvent);
    return withBooking ? [...answers.slice(0, 1), { type: 'BOOK' }] : answers;
  }
  if (at(snapshot, 'main.welcome')) return withBooking ? [{ type: 'START' }, { type: 'BOOK' }] : [{ type: 'START' }];
  if (at(snapshot, 'main.recommended')) return withBooking ? [{ type: 'BOOK' }] : [];
  if (at(snapshot, 'booking.disclaimer')) return [{ type: 'DISCLAIMER_ACCEPTED', at: AT }, { type: 'DISCLAIMER_DECLINED' }];
  if (at(snapshot, 'booking.contact')) return [{ type: 'CONTACT_SUBMITTED', contact: CONTACT, at: AT }, { type: 'CONSENT_REFUSED' }];
  if (at(snapshot, 'booking.registering')) return [{ type: 'LEAD_REGISTERED', leadId: 'lead-1' }];
  if (at(snapshot, 'booking.slot')) return [{ type: 'SLOT_CHOSEN', slot: SLOT }];
  if (at(snapshot, 'booking.confirm')) return [{ type: 'CONFIRM_YES' }, { type: 'CONFIRM_NO' }];
  if (at(snapshot, 'booking.committing')) return [{ type: 'BOOKED', booking: BOOKING }, { type: 'SLOT_TAKEN' }];
  return [];
}

/** `matches` with a dotted path, for readability. */
const at = (s: unknown, path: string) => (s as ScopingSnapshot).matches(path as never);

const isEnd = (s: ScopingSnapshot) => at(s, 'main.recommended') || at(s, 'booked');

/** States differ by where the conversation is and what it knows. */
const serializeState = (s: ScopingSnapshot) => JSON.stringify(s.value) + JSON.stringify(s.context.answers);

describe('the scoping questions, every combination of answers', () => {
  // Answering only ever adds knowledge, so this graph is a tree: each state's
  // shortest path is its only path, and shortest paths enumerate them all
  // (getSimplePaths would too, in quadratic time).
  const paths = getShortestPaths(scopingMachine, {
    events: (s) => forwardEvents(s as ScopingSnapshot, false),
    serializeState: serializeState as never,
  });

  it('the graph is a tree: no state is reached by two different moves', () => {
    const adjacency = getAdjacencyMap(scopingMachine, {
      events: (s) => forwardEvents(s as ScopingSnapshot, false),
      serializeState: serializeState as never,
    });
    const incoming = new Map<string, number>();
    for (const node of Object.values(adjacency)) {
      for (const edge of Object.values(node.transitions) as { state: unknown }[]) {
        const key = serializeState(edge.state as ScopingSnapshot);
        incoming.set(key, (incoming.get(key) ?? 0) + 1);
      }
    }
    expect(Math.max(...incoming.values())).toBe(1);
    expect(paths).toHaveLength(Object.keys(adjacency).length);
  });
  const complete = paths.filter((p) => forwardEvents(p.state as ScopingSnapshot, false).length === 0);

  it('enumerates every combination the skip rules allow (2,793 of them)', () => {
    // ai_use none: 3 certification × (certified: 7×3, else 2×3 maturity×7×3) = 147;
    // otherwise 2 × 3 certification-branches … = 2,646.
    expect(complete).toHaveLength(147 + 2646);
  });

  it('every path ends in a recommendation', () => {
    for (const path of complete) expect(at(path.state, 'main.recommended')).toBe(true);
  });

  it('no question is asked twice, and none after the answers are complete', () => {
    for (const path of complete) {
      const asked = path.steps.map((step) => pendingQuestion(step.state.value)).filter((q): q is QuestionId => q !== null);
      expect(new Set(asked).size).toBe(asked.length);
      expect(asked.length).toBeLessThanOrEqual(7);
    }
  });

  it('skipped questions are really skipped', () => {
    for (const path of complete) {
      const asked = new Set(path.steps.map((step) => pendingQuestion(step.state.value)));
      const { answers } = path.state.context as ScopingSnapshot['context'];
      if (answers.ai_use === 'none') {
        expect(asked.has('ai_materiality')).toBe(false);
        expect(asked.has('eu_exposure')).toBe(false);
      }
      if (answers.certification === 'certified') expect(asked.has('infosec_maturity')).toBe(false);
      for (const q of QUESTION_ORDER) {
        const shouldAsk = !(q === 'infosec_maturity' && answers.certification === 'certified') && !((q === 'ai_materiality' || q === 'eu_exposure') && answers.ai_use === 'none');
        expect(asked.has(q)).toBe(shouldAsk);
      }
    }
  });
});

describe('booking at any moment', () => {
  const paths = getSimplePaths(scopingMachine, { events: (s) => forwardEvents(s as ScopingSnapshot, true) });
  const maximal = paths.filter((p) => forwardEvents(p.state as ScopingSnapshot, true).length === 0 || isEnd(p.state as ScopingSnapshot));

  it('finds paths that book from the welcome, mid-scoping and after the recommendation', () => {
    const bookedFrom = new Set(
      maximal
        .filter((p) => at(p.state, 'booked'))
        .map((p) => {
          const i = p.steps.findIndex((step) => step.event.type === 'BOOK');
          return i === 0 ? 'welcome' : JSON.stringify(p.steps[i - 1]?.state.value);
        }),
    );
    expect(bookedFrom.has('welcome') || bookedFrom.has(JSON.stringify({ main: 'welcome' }))).toBe(true);
    expect([...bookedFrom].some((from) => from.includes('scoping'))).toBe(true);
  });

  it('every path ends in a recommendation or a handoff (a booked call)', () => {
    for (const path of maximal) expect(isEnd(path.state as ScopingSnapshot)).toBe(true);
  });

  it('the disclaimer is always accepted before any contact details or booking', () => {
    for (const path of paths) {
      const accepted = path.steps.findIndex((step) => step.event.type === 'DISCLAIMER_ACCEPTED');
      const firstBookingStep = path.steps.findIndex(
        (step) => at(step.state, 'booking.contact') || at(step.state, 'booking.slot') || at(step.state, 'booked'),
      );
      if (firstBookingStep >= 0) {
        expect(accepted).toBeGreaterThanOrEqual(0);
        expect(accepted).toBeLessThanOrEqual(firstBookingStep);
      }
      if (at(path.state, 'booked')) expect((path.state.context as ScopingSnapshot['context']).booking.disclaimerAcceptedAt).toBe(AT);
    }
  });

  it('nothing loops: every state offers a move that leaves it, and paths are bounded', () => {
    for (const path of paths) {
      expect(path.steps.length).toBeLessThan(30);
      const state = path.state as ScopingSnapshot;
      if (isEnd(state)) continue;
      const moves = forwardEvents(state, true).map((event) => transition(scopingMachine, state, event)[0]);
      expect(moves.some((next) => JSON.stringify(next.value) !== JSON.stringify(state.value) || next.context !== state.context)).toBe(true);
    }
  });
});

describe('going back and side questions', () => {
  const step = (s: ScopingSnapshot, ...events: ScopingEvent[]) => events.reduce((acc, e) => transition(scopingMachine, acc, e)[0], s);
  const start = () => step(initialTransition(scopingMachine)[0], { type: 'START' });

  it('back re-asks the last question, which may then be asked a second time', () => {
    const s = step(start(), { type: 'ANSWER', question: 'ai_use', value: 'active' }, { type: 'ANSWER', question: 'certification', value: 'none' }, { type: 'BACK' });
    expect(pendingQuestion(s.value)).toBe('certification');
    const on = step(s, { type: 'ANSWER', question: 'certification', value: 'certified' });
    expect(pendingQuestion(on.value)).toBe('ai_materiality');
  });

  it('declining the disclaimer mid-scoping returns to the same question (history state)', () => {
    const s = step(start(), { type: 'ANSWER', question: 'ai_use', value: 'active' }, { type: 'BOOK' }, { type: 'DISCLAIMER_DECLINED' });
    expect(pendingQuestion(s.value)).toBe('certification');
  });

  it('an answer to a question that is not pending changes nothing (a stale card)', () => {
    const s = step(start(), { type: 'ANSWER', question: 'ai_use', value: 'active' });
    const stale = step(s, { type: 'ANSWER', question: 'ai_use', value: 'none' });
    expect(stale.context.answers.ai_use).toBe('active');
    expect(pendingQuestion(stale.value)).toBe('certification');
  });

  it('facts volunteered fill their questions, which are then not asked', () => {
    const s = step(start(), { type: 'FACTS', answers: { sector: 'health', certification: 'certified' } }, { type: 'ANSWER', question: 'ai_use', value: 'active' });
    expect(pendingQuestion(s.value)).toBe('ai_materiality');
    expect(s.context.volunteered).toEqual(['certification', 'sector']);
  });
});

describe('confirm-back, corrections and revising one answer', () => {
  const step = (s: ScopingSnapshot, ...events: ScopingEvent[]) => events.reduce((acc, e) => transition(scopingMachine, acc, e)[0], s);
  const start = () => step(initialTransition(scopingMachine)[0], { type: 'START' });
  const ALL: ScopingEvent[] = [
    { type: 'ANSWER', question: 'ai_use', value: 'active' },
    { type: 'ANSWER', question: 'certification', value: 'none' },
    { type: 'ANSWER', question: 'infosec_maturity', value: 'reasonable' },
    { type: 'ANSWER', question: 'ai_materiality', value: 'high' },
    { type: 'ANSWER', question: 'sector', value: 'financial' },
    { type: 'ANSWER', question: 'eu_exposure', value: 'no' },
    { type: 'ANSWER', question: 'procurement', value: 'security-only' },
  ];
  const recommended = () => step(start(), ...ALL);

  it('a proposal records nothing until the same value is answered; then the words are kept beside it', () => {
    const proposed = step(start(), { type: 'PROPOSE', proposal: { question: 'ai_use', value: 'active', words: 'we run models in prod' } });
    expect(proposed.context.answers.ai_use).toBeUndefined();
    expect(pendingQuestion(proposed.value)).toBe('ai_use');
    const yes = step(proposed, { type: 'ANSWER', question: 'ai_use', value: 'active', words: 'we run models in prod' });
    expect(yes.context).toMatchObject({ answers: { ai_use: 'active' }, words: { ai_use: 'we run models in prod' }, proposal: null, asked: ['ai_use'] });
    expect(pendingQuestion(yes.value)).toBe('certification');
  });

  it('Change drops a proposal for the pending question and asks it again', () => {
    const changed = step(start(), { type: 'PROPOSE', proposal: { question: 'ai_use', value: 'none', words: 'not really' } }, { type: 'CHANGE' });
    expect(changed.context.proposal).toBeNull();
    expect(pendingQuestion(changed.value)).toBe('ai_use');
  });

  it('a confirmed correction after the recommendation re-derives it; the dropped question stays out', () => {
    const corrected = step(
      recommended(),
      { type: 'PROPOSE', proposal: { question: 'certification', value: 'certified', words: 'actually we got certified' } },
      { type: 'ANSWER', question: 'certification', value: 'certified', words: 'actually we got certified' },
    );
    expect(corrected.matches('main.recommended' as never)).toBe(true);
    expect(corrected.context.answers.certification).toBe('certified');
    expect(corrected.context.asked).toEqual(ALL.map((e) => (e as { question: string }).question));
  });

  it('a correction that opens new questions asks them (no AI → AI in production)', () => {
    const none = step(start(), { type: 'ANSWER', question: 'ai_use', value: 'none' }, { type: 'ANSWER', question: 'certification', value: 'certified' }, { type: 'ANSWER', question: 'sector', value: 'other' }, { type: 'ANSWER', question: 'procurement', value: 'none' });
    expect(none.matches('main.recommended' as never)).toBe(true);
    const corrected = step(none, { type: 'PROPOSE', proposal: { question: 'ai_use', value: 'active', words: 'sorry, we do use AI' } }, { type: 'ANSWER', question: 'ai_use', value: 'active' });
    expect(pendingQuestion(corrected.value)).toBe('ai_materiality');
  });

  it('Change on a correction forgets that answer and asks its question', () => {
    const s = step(recommended(), { type: 'PROPOSE', proposal: { question: 'sector', value: 'health', words: 'we are an NHS trust' } }, { type: 'CHANGE' });
    expect(pendingQuestion(s.value)).toBe('sector');
    expect(s.context.answers.sector).toBeUndefined();
  });

  it('an answer to a question neither pending nor proposed still changes nothing', () => {
    const s = step(recommended(), { type: 'ANSWER', question: 'sector', value: 'health' });
    expect(s.context.answers.sector).toBe('financial');
  });

  it('a fact confirmed in passing counts as volunteered, not asked', () => {
    const s = step(
      start(),
      { type: 'PROPOSE', proposal: { question: 'sector', value: 'health', words: 'we are a hospital', inPassing: true } },
      { type: 'ANSWER', question: 'sector', value: 'health' },
    );
    expect(s.context.volunteered).toEqual(['sector']);
    expect(s.context.asked).toEqual([]);
  });

  it('REVISE asks that question again and keeps its place; a question not yet answered cannot be revised', () => {
    const revised = step(recommended(), { type: 'REVISE', question: 'sector' });
    expect(pendingQuestion(revised.value)).toBe('sector');
    expect(revised.context.asked.indexOf('sector')).toBe(4);
    const early = step(start(), { type: 'REVISE', question: 'sector' });
    expect(pendingQuestion(early.value)).toBe('ai_use');
  });
});

describe('destructive commands need "are you sure?"', () => {
  const step = (s: ScopingSnapshot, ...events: ScopingEvent[]) => events.reduce((acc, e) => transition(scopingMachine, acc, e)[0], s);
  const answered = () => step(initialTransition(scopingMachine)[0], { type: 'START' }, { type: 'ANSWER', question: 'ai_use', value: 'active' });

  it('RESTART and DELETE_DATA alone change nothing', () => {
    expect(step(answered(), { type: 'RESTART' }).context.answers.ai_use).toBe('active');
    expect(step(answered(), { type: 'DELETE_DATA' }).matches('erasing' as never)).toBe(false);
  });

  it('after ASK_SURE they act; NOT_SURE, or the other command, does not', () => {
    expect(step(answered(), { type: 'ASK_SURE', command: 'restart' }, { type: 'RESTART' }).context.answers).toEqual({});
    expect(step(answered(), { type: 'ASK_SURE', command: 'delete-data' }, { type: 'DELETE_DATA' }).matches('erasing' as never)).toBe(true);
    expect(step(answered(), { type: 'ASK_SURE', command: 'restart' }, { type: 'NOT_SURE' }, { type: 'RESTART' }).context.answers.ai_use).toBe('active');
    expect(step(answered(), { type: 'ASK_SURE', command: 'delete-data' }, { type: 'RESTART' }).context.answers.ai_use).toBe('active');
  });

  it('a booking in progress is kept until the visitor says yes', () => {
    const slot = step(answered(), { type: 'BOOK' }, { type: 'DISCLAIMER_ACCEPTED', at: AT }, { type: 'CONTACT_SUBMITTED', contact: CONTACT, at: AT }, { type: 'LEAD_REGISTERED', leadId: 'lead-1' });
    expect(slot.matches('booking.slot' as never)).toBe(true);
    const asked = step(slot, { type: 'ASK_SURE', command: 'restart' }, { type: 'NOT_SURE' });
    expect(asked.matches('booking.slot' as never)).toBe(true);
    expect(step(slot, { type: 'RESTART' }).matches('booking.slot' as never)).toBe(true);
  });
});

describe('slot windows and personal addresses', () => {
  const step = (s: ScopingSnapshot, ...events: ScopingEvent[]) => events.reduce((acc, e) => transition(scopingMachine, acc, e)[0], s);
  const atSlot = () =>
    step(initialTransition(scopingMachine)[0], { type: 'BOOK' }, { type: 'DISCLAIMER_ACCEPTED', at: AT }, { type: 'CONTACT_SUBMITTED', contact: CONTACT, at: AT, personal: false }, { type: 'LEAD_REGISTERED', leadId: 'lead-1' });

  it('NARROW_SLOTS keeps the window as the cursor, and MORE_SLOTS replaces it', () => {
    const window = { zone: 'Europe/London', minutes: { from: 840, to: 841 } };
    const narrowed = step(atSlot(), { type: 'NARROW_SLOTS', window });
    expect(narrowed.context.booking.cursor).toEqual({ window });
    expect(step(narrowed, { type: 'MORE_SLOTS', after: SLOT.id }).context.booking.cursor).toEqual({ after: SLOT.id });
  });

  it('BOOK with a window carries it to the slot step', () => {
    const window = { zone: 'Europe/London', days: { from: '2026-12-07', to: '2026-12-13' } };
    const s = step(initialTransition(scopingMachine)[0], { type: 'BOOK', window }, { type: 'DISCLAIMER_ACCEPTED', at: AT }, { type: 'CONTACT_SUBMITTED', contact: CONTACT, at: AT }, { type: 'LEAD_REGISTERED', leadId: 'lead-1' });
    expect(s.matches('booking.slot' as never)).toBe(true);
    expect(s.context.booking.cursor).toEqual({ window });
  });

  it('a personal address is marked once taken, by field or by form', () => {
    const contact = step(initialTransition(scopingMachine)[0], { type: 'BOOK' }, { type: 'DISCLAIMER_ACCEPTED', at: AT }, { type: 'CONSENT_GIVEN', at: AT });
    const asked = step(contact, { type: 'PERSONAL_EMAIL_ASKED', email: 'ada@gmail.com' });
    expect(asked.context.booking.personalEmailAsked).toBe('ada@gmail.com');
    expect(step(asked, { type: 'PERSONAL_EMAIL_ALLOWED' }).context.booking.personalEmailAllowed).toBe(true);
    expect(step(asked, { type: 'CONTACT_FIELD', field: 'email', value: 'ada@gmail.com', personal: true }).context.booking.personalEmail).toBe(true);
    const byForm = step(initialTransition(scopingMachine)[0], { type: 'BOOK' }, { type: 'DISCLAIMER_ACCEPTED', at: AT }, { type: 'CONTACT_SUBMITTED', contact: { ...CONTACT, email: 'ada@gmail.com' }, at: AT, personal: true });
    expect(byForm.context.booking.personalEmail).toBe(true);
  });

  it('before consent nothing about the address is kept', () => {
    const noConsent = step(initialTransition(scopingMachine)[0], { type: 'BOOK' }, { type: 'DISCLAIMER_ACCEPTED', at: AT }, { type: 'PERSONAL_EMAIL_ASKED', email: 'ada@gmail.com' });
    expect(noConsent.context.booking.personalEmailAsked).toBeNull();
  });
});
