import { fill } from '../src/content/copy';
import { copy } from '../src/leads/copy';
import type { HandoffOutcome } from '../src/leads/handoff';
import { officeHoursText } from '../src/leads/office-hours';
import { applicableAnswers } from '../src/scoping/questions';
import { textReply } from './render/replies';
import type { TurnState } from './turn-state';

/**
 * "Talk to a person": ask the practitioners' channel to pick this up (a
 * lead's brief, or before consent only the answers so far), and tell the
 * visitor what happens next; outside office hours or with no channel, offer
 * the call and the firm's email address.
 */
export async function talkToPerson(turn: TurnState): Promise<void> {
  const { services } = turn;
  const ctx = turn.context;
  const consented = ctx.booking.leadId !== null;
  const outcome: HandoffOutcome = services.handoff
    ? await services.handoff.request({
        channelId: turn.channel.channelId,
        leadId: ctx.booking.leadId,
        answers: applicableAnswers(ctx.answers),
        faqAsked: ctx.faqAsked ?? [],
      })
    : { kind: 'unavailable', reason: 'no-channel' };
  const c = copy().handoff;
  const values = {
    hours: officeHoursText(services.config.booking),
    contactEmail: services.config.practice.contactEmail,
    email: consented ? (ctx.booking.contact.email ?? '') : '',
  };
  const template = outcome.kind === 'posted' ? (outcome.withContact ? c.postedWithContact : c.postedAnonymous) : c.unavailable;
  turn.say(textReply(`${c.intro} ${fill(template, values)}`, undefined, turn.channel, [turn.messages.welcome.choices.book]));
  turn.reprompt = 'resume';
}
