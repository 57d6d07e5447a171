import { initialTransition, transition } from 'xstate';
import { MACHINE_VERSION, scopingMachine } from './machine';
import { fromRecord, toRecord } from './persistence';

/** What is stored for a conversation, and what happens when it no longer fits the machine. */

const started = () => {
  let [s] = initialTransition(scopingMachine);
  [s] = transition(scopingMachine, s, { type: 'START' });
  [s] = transition(scopingMachine, s, { type: 'ANSWER', question: 'ai_use', value: 'active' });
  return s;
};

it('a record carries the machine version and round-trips through JSON', () => {
  const record = toRecord(started());
  expect(record.machineVersion).toBe(MACHINE_VERSION);
  const restored = fromRecord(JSON.parse(JSON.stringify(record)));
  expect(restored.ok && restored.snapshot.value).toEqual({ main: { scoping: 'certification' } });
});

it('history survives: declining the disclaimer after a restore returns to the pending question', () => {
  let [s] = transition(scopingMachine, started(), { type: 'BOOK' });
  const restored = fromRecord(JSON.parse(JSON.stringify(toRecord(s))));
  if (!restored.ok) throw new Error(restored.detail);
  [s] = transition(scopingMachine, restored.snapshot, { type: 'DISCLAIMER_DECLINED' });
  expect(s.value).toEqual({ main: { scoping: 'certification' } });
});

it('a v1 conversation carries on under v2, with no words, proposal or "are you sure?" yet', () => {
  const { words: _w, proposal: _p, unsure: _u, ...v1Context } = started().context;
  const { personalEmailAsked: _a, personalEmailAllowed: _b, personalEmail: _c, ...v1Booking } = v1Context.booking;
  const restored = fromRecord(JSON.parse(JSON.stringify({ ...toRecord(started()), machineVersion: 1, context: { ...v1Context, booking: v1Booking } })));
  if (!restored.ok) throw new Error(restored.detail);
  expect(restored.snapshot.value).toEqual({ main: { scoping: 'certification' } });
  expect(restored.snapshot.context).toMatchObject({ words: {}, proposal: null, unsure: null, answers: { ai_use: 'active' } });
  expect(restored.snapshot.context.booking).toMatchObject({ personalEmailAsked: null, personalEmailAllowed: false, personalEmail: false });
});

it.each([
  ['a machine version with no migration', { ...toRecord(started()), machineVersion: 0 }, 'version-mismatch'],
  ['a newer machine version', { ...toRecord(started()), machineVersion: MACHINE_VERSION + 1 }, 'version-mismatch'],
  ['a state the machine no longer has', { ...toRecord(started()), value: { main: { scoping: 'favourite_colour' } } }, 'invalid'],
  ['a history entry for a vanished state', { ...toRecord(started()), history: { 'scoping.main.hist': ['scoping.gone'] } }, 'invalid'],
  ['not a record at all', 'hello', 'invalid'],
  ['no version', { value: 'main', context: {} }, 'invalid'],
])('%s is reported, not thrown', (_name, raw, reason) => {
  const result = fromRecord(raw);
  expect(result.ok).toBe(false);
  expect(!result.ok && result.reason).toBe(reason);
});

it('a persisted conversation is small (well under 4 KB)', () => {
  let s = started();
  for (const [question, value] of [['certification', 'none'], ['infosec_maturity', 'weak'], ['ai_materiality', 'high'], ['sector', 'health'], ['eu_exposure', 'yes'], ['procurement', 'ai-governance']] as const) {
    [s] = transition(scopingMachine, s, { type: 'ANSWER', question, value } as never);
  }
  expect(Buffer.byteLength(JSON.stringify(toRecord(s)))).toBeLessThan(4096);
});
