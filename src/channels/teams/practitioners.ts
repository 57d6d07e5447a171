import { TurnContext, type Activity } from 'botbuilder';
import type { Logger } from '../../server/logger';
import type { BriefSource } from './outbox';
import { briefActivity, contactedText } from './cards';
import { teamsCopy } from './copy';
import { teamsIdentity, type MemberLookup } from './identity';
import type { TeamsStore } from './store';

/**
 * The practitioners' side of the bot in Teams: "register briefs here" (and
 * "stop briefs here") typed in a channel by someone on the allow-list, and the
 * brief card's "mark contacted" button. Everything else is left to the
 * scoping conversation.
 */

export type PractitionerCommand = 'register' | 'unregister';

/** After the mention is stripped: "register briefs here", "register this channel", "stop briefs here", "unregister". */
export function practitionerCommand(text: string): PractitionerCommand | null {
  const t = text.trim().toLowerCase().replace(/[.!]+$/, '').replace(/\s+/g, ' ');
  if (/^(register|use|post) (briefs|leads) (here|in this channel)$|^register (this channel|here)$/.test(t)) return 'register';
  if (/^(stop|unregister) (briefs|leads)( here| in this channel)?$|^unregister( this channel| here)?$/.test(t)) return 'unregister';
  return null;
}

export interface PractitionerDeps {
  store: TeamsStore;
  briefs: BriefSource;
  allowlist: string[];
  lookup: MemberLookup;
  logger: Logger;
  clock: () => Date;
}

/** Channel threads are "<channel id>;messageid=<root>": briefs go to the channel itself, each as a new post. */
export function channelReference(activity: Activity): ReturnType<typeof TurnContext.getConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  const channelId = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  const id = channelId ?? reference.conversation!.id.split(';')[0];
  const { activityId: _thread, ...rest } = reference;
  return { ...rest, conversation: { ...reference.conversation!, id } };
}

export class Practitioners {
  constructor(private readonly deps: PractitionerDeps) {}

  /** True when the activity was a practitioner command or a brief-card action and has been answered. */
  async handle(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    const submit = activity.value as { action?: unknown; leadId?: unknown } | undefined;
    if (submit && typeof submit === 'object' && submit.action === 'lead.contacted' && typeof submit.leadId === 'string') {
      await this.markContacted(context, submit.leadId.slice(0, 80));
      return true;
    }
    const command = typeof activity.text === 'string' ? practitionerCommand(activity.text) : null;
    if (!command) return false;
    await this.onCommand(context, command);
    return true;
  }

  private async onCommand(context: TurnContext, command: PractitionerCommand): Promise<void> {
    const c = teamsCopy().practitioners;
    const activity = context.activity;
    const who = await this.allowedCaller(context);
    if (!who) {
      this.deps.logger.warn('teams practitioner command refused', { command, aadObjectId: activity.from?.aadObjectId ?? null });
      await context.sendActivity(c.refused);
      return;
    }
    if (activity.conversation?.conversationType !== 'channel') {
      await context.sendActivity(c.channelOnly);
      return;
    }
    const reference = channelReference(activity as Activity);
    if (command === 'register') {
      await this.deps.store.setDestination(reference, who, this.deps.clock());
      this.deps.logger.info('teams practitioners\' channel registered', { by: who, conversation: reference.conversation?.id });
      await context.sendActivity(c.registered);
      return;
    }
    const current = await this.deps.store.destination();
    if (current?.conversation?.id !== reference.conversation?.id) {
      await context.sendActivity(c.notRegisteredHere);
      return;
    }
    await this.deps.store.clearDestination();
    this.deps.logger.info('teams practitioners\' channel unregistered', { by: who });
    await context.sendActivity(c.unregistered);
  }

  /** The caller's AAD object id (or UPN) when it is on the allow-list; the UPN needs a roster lookup, so the id is tried first. */
  private async allowedCaller(context: TurnContext): Promise<string | null> {
    const allow = new Set(this.deps.allowlist);
    if (allow.size === 0) return null;
    const objectId = context.activity.from?.aadObjectId?.toLowerCase();
    if (objectId && allow.has(objectId)) return objectId;
    const identity = await teamsIdentity(context, this.deps.lookup);
    const upn = identity.userPrincipalName?.toLowerCase();
    if (upn && allow.has(upn)) return identity.aadObjectId?.toLowerCase() ?? upn;
    return null;
  }

  private async markContacted(context: TurnContext, leadId: string): Promise<void> {
    const c = teamsCopy().practitioners;
    const here = channelReference(context.activity as Activity).conversation?.id;
    if ((await this.deps.store.destination())?.conversation?.id !== here) {
      await context.sendActivity(c.wrongChannel);
      return;
    }
    const brief = await this.deps.briefs.brief(leadId);
    if (!brief) {
      await context.sendActivity(c.leadGone);
      return;
    }
    const from = context.activity.from;
    const before = await this.deps.store.contactOf(leadId);
    const mark = await this.deps.store.markContacted({
      leadId,
      contactedBy: from?.aadObjectId ?? from?.id ?? 'unknown',
      byName: from?.name || 'a practitioner',
      contactedAt: this.deps.clock().toISOString(),
    });
    this.deps.logger.info('teams lead marked contacted', { leadId, by: mark.contactedBy, already: before !== null });
    const replyTo = context.activity.replyToId;
    if (replyTo) await context.updateActivity({ ...briefActivity(brief, mark), id: replyTo });
    if (before) await context.sendActivity(contactedText(before, brief.timeZone, true));
  }
}
