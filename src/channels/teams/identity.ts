import { TeamsInfo, type TurnContext } from 'botbuilder';

/**
 * Who the Teams user is, as Teams tells it: the display name always comes on
 * the activity; email and UPN need a roster call (TeamsInfo.getMember), which
 * is given a short deadline so a slow roster never delays the reply.
 */

export interface TeamsIdentity {
  name?: string;
  email?: string;
  userPrincipalName?: string;
  aadObjectId?: string;
}

export interface RosterMember {
  name?: string;
  email?: string;
  userPrincipalName?: string;
  aadObjectId?: string;
}

export type MemberLookup = (context: TurnContext, userId: string) => Promise<RosterMember | null>;

export const teamsMemberLookup: MemberLookup = async (context, userId) => TeamsInfo.getMember(context, userId);

const LOOKUP_DEADLINE_MS = 2000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function teamsIdentity(context: TurnContext, lookup: MemberLookup, deadlineMs = LOOKUP_DEADLINE_MS): Promise<TeamsIdentity> {
  const from = context.activity.from ?? { id: '', name: '' };
  const fromActivity: TeamsIdentity = { name: from.name || undefined, aadObjectId: from.aadObjectId || undefined };
  if (!from.id) return fromActivity;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deadlineMs);
    timer.unref();
  });
  try {
    const member = await Promise.race([lookup(context, from.id).catch(() => null), deadline]);
    if (!member) return fromActivity;
    const email = member.email && EMAIL.test(member.email) ? member.email : member.userPrincipalName && EMAIL.test(member.userPrincipalName) ? member.userPrincipalName : undefined;
    return {
      name: member.name || fromActivity.name,
      email,
      userPrincipalName: member.userPrincipalName || undefined,
      aadObjectId: member.aadObjectId || fromActivity.aadObjectId,
    };
  } finally {
    clearTimeout(timer);
  }
}
