import type { Answers } from '../scoping/questions';

/**
 * "Talk to a person": the bot asks the practitioners' channel to pick the
 * conversation up when someone is at work and a channel is registered
 * (src/channels/teams/handoff.ts posts it). What is posted depends on
 * consent: a lead's brief, or, before consent, the answers and FAQ so far and
 * nothing that identifies the visitor.
 */

export interface HandoffRequest {
  channelId: string;
  /** Set only once the visitor consented and became a lead. */
  leadId: string | null;
  answers: Answers;
  faqAsked: string[];
}

export type HandoffOutcome =
  | { kind: 'posted'; withContact: boolean }
  /** Nobody at work, no channel registered, or the post failed: the visitor is offered the call and the email address. */
  | { kind: 'unavailable'; reason: 'out-of-hours' | 'no-channel' | 'post-failed' };

export interface Handoff {
  request(request: HandoffRequest): Promise<HandoffOutcome>;
}
