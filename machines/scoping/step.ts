import { createActor, type ActorScope } from 'xstate';
import { scopingMachine } from './machine';
import type { ScopingSnapshot } from './persistence';
import type { ScopingEvent } from './types';

/**
 * The next snapshot for an event: the same as `transition(scopingMachine,
 * snapshot, event)[0]`, without its cost. xstate's transition() builds a
 * throwaway actor for every event, and an actor computes the machine's
 * initial snapshot as it is built: in the bench's profile that was half the
 * machine's time per turn. This machine invokes and spawns nothing and its
 * actions are assigns (resolved inside the transition), so one inert scope
 * serves every transition; transitions are synchronous, so none is shared
 * while in use. Effects stay out of the machine: its executable actions are
 * dropped, as the dialog dropped transition()'s.
 */
type Scope = ActorScope<ScopingSnapshot, ScopingEvent>;

let scope: Scope | undefined;

function inertScope(): Scope {
  const self = createActor(scopingMachine);
  return {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: () => {},
  } as unknown as Scope;
}

export function nextSnapshot(snapshot: ScopingSnapshot, event: ScopingEvent): ScopingSnapshot {
  scope ??= inertScope();
  return scopingMachine.transition(snapshot, event, scope as never) as ScopingSnapshot;
}
