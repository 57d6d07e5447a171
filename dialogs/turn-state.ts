import type { Activity } from 'botbuilder';
import { nextSnapshot } from '../machines/scoping/step';
import type { ScopingSnapshot } from '../machines/scoping/persistence';
import type { ScopingEvent } from '../machines/scoping/types';
import { runEffects } from './effects';
import type { PromptVariant } from './render/questions';
import type { TurnServices } from './services';
import type { TurnRequest } from './turn';

/** How the pending prompt is shown again when the state did not change. */
export type Reprompt = PromptVariant | 'none';

/** Events that re-enter the state they happen in: its prompt must be shown afresh. */
const REENTERING_EVENTS = new Set<ScopingEvent['type']>(['BOOK', 'MORE_SLOTS', 'ANOTHER_DAY', 'NARROW_SLOTS', 'CONSENT_GIVEN', 'CONTACT_FIELD', 'CONTACT_FIELD_SKIPPED']);

/**
 * What one turn knows and has decided so far: the machine snapshot as it
 * moves, the replies gathered, and how the pending prompt is to be shown.
 */
export class TurnState {
  readonly replies: Partial<Activity>[] = [];
  /** Every machine event of the turn, in order (the funnel counts from them). */
  readonly applied: ScopingEvent[] = [];
  readonly startValue: string;
  erased = false;
  reprompt: Reprompt = 'none';
  /** Set when a message this turn already showed what the state means (e.g. the booking confirmation). */
  promptShown = false;
  forceFullPrompt = false;
  /** Why the typed contact field was refused, for the re-ask. */
  fieldProblem: string | undefined;

  constructor(
    public snapshot: ScopingSnapshot,
    readonly request: TurnRequest,
    readonly services: TurnServices,
  ) {
    this.startValue = JSON.stringify(snapshot.value);
  }

  get messages() {
    return this.services.messages;
  }

  get channel() {
    return this.request.channel;
  }

  get context() {
    return this.snapshot.context;
  }

  matches(state: string): boolean {
    return this.snapshot.matches(state as never);
  }

  say(activity: Partial<Activity>): void {
    this.replies.push(activity);
  }

  now(): string {
    return this.services.clock().toISOString();
  }

  /** Moves the machine, then carries out any effect the new state asks for. */
  async send(event: ScopingEvent): Promise<void> {
    if (REENTERING_EVENTS.has(event.type)) this.forceFullPrompt = true;
    this.apply(event);
    await runEffects(this);
  }

  /** Moves the machine only (an effect reporting its outcome). */
  apply(event: ScopingEvent): void {
    this.applied.push(event);
    this.snapshot = nextSnapshot(this.snapshot, event);
  }
}
