import type { Activity } from 'botbuilder';
import { fill } from '../src/content/copy';
import type { ScopingSnapshot } from '../machines/scoping/persistence';
import type { ScopingEvent } from '../machines/scoping/types';
import type { ChannelInfo } from './channel';
import { MAX_TEXT_CHARS, type TurnInput } from './input';
import { renderPrompt } from './prompt';
import { textReply, welcomeMessage } from './render/replies';
import type { TurnServices } from './services';
import { TurnState } from './turn-state';
import { onSubmit } from './understand/submit';
import { onText } from './understand/text';

/**
 * One turn: understand what arrived (dialogs/understand), move the machine and
 * carry out the effects it asks for (turn-state, effects), and render what the
 * user sees next (prompt). Replies are returned, not sent: the caller sends
 * them once the new state is stored.
 */

export type TurnEvent = TurnInput | { kind: 'joined' } | { kind: 'restarted' };

export interface TurnRequest {
  event: TurnEvent;
  channel: ChannelInfo;
  conversationId: string;
}

export interface TurnResult {
  snapshot: ScopingSnapshot;
  replies: Partial<Activity>[];
  /** The user asked for their data to be deleted and it was: channels forget what they keep too. */
  erased: boolean;
  /** The machine events of the turn, in order. */
  events: ScopingEvent[];
}

export async function runTurn(snapshot: ScopingSnapshot, request: TurnRequest, services: TurnServices): Promise<TurnResult> {
  const turn = new TurnState(snapshot, request, services);
  await run(turn);
  return { snapshot: turn.snapshot, replies: turn.replies, erased: turn.erased, events: turn.applied };
}

async function run(turn: TurnState): Promise<void> {
  const { event } = turn.request;
  switch (event.kind) {
    case 'joined':
      if (turn.matches('main.welcome')) turn.say(welcomeMessage(turn.messages, turn.channel));
      else turn.reprompt = 'resume';
      break;
    case 'restarted':
      turn.say(textReply(turn.messages.restartedAfterUpgrade));
      turn.say(welcomeMessage(turn.messages, turn.channel));
      break;
    case 'empty':
      turn.say(textReply(turn.messages.unmapped.empty));
      turn.reprompt = 'resume';
      break;
    case 'too-long':
      turn.say(textReply(fill(turn.messages.tooLong, { max: MAX_TEXT_CHARS })));
      turn.reprompt = 'resume';
      break;
    case 'bad-submit':
      turn.reprompt = 'bad-card';
      break;
    case 'submit':
      await onSubmit(turn, event.data);
      break;
    case 'text':
      await onText(turn, event.text);
      break;
  }
  await renderPrompt(turn);
}
