/**
 * The outbox topic of briefs on their way to the practitioners' channel. On
 * its own so the stores and the leads command can name it without loading
 * the Teams cards (and botbuilder with them).
 */
export const BRIEF_TOPIC = 'teams.brief';
