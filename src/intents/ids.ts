/**
 * The intent ids of shared/spec/intents.md. They are the contract (tests,
 * analytics, `npm run classify`); wording and training phrases live in content/.
 */
export const SPEC_FAQ_IDS = [
  'faq.difference',
  'faq.need-42001-with-27001',
  'faq.ai-governance-standard',
  'faq.42001-without-27001',
  'faq.timeline',
  'faq.iso-47001',
  'faq.both',
  'faq.where-to-start',
  'faq.27001-scope',
  'faq.42001-scope',
  'faq.ai-risks',
  'faq.integration',
  'faq.eu-ai-act',
  'faq.uk-regulation',
  'faq.implementation',
  'faq.cost',
  'faq.not-advice',
  'faq.scoping-call',
  'faq.about',
] as const;

/**
 * FAQ ids added beyond intents.md, each refining one of its ids (content/faq
 * `refines`): the bot answers the narrower question, while `npm run classify`
 * and the evaluation report the contract id it refines.
 */
export const ADDED_FAQ_IDS = ['faq.legal-requirement', 'faq.call-price', 'faq.call-format', 'faq.eu-ai-act-penalties'] as const;

export const COMMAND_IDS = [
  'cmd.start-scoping',
  'cmd.book-call',
  'cmd.cancel-booking',
  'cmd.help',
  'cmd.restart',
  'cmd.back',
  'cmd.human',
  'cmd.privacy',
  'cmd.delete-data',
] as const;

export const CHAT_IDS = ['chat.greeting', 'chat.thanks', 'chat.goodbye'] as const;

export const FAQ_IDS = [...SPEC_FAQ_IDS, ...ADDED_FAQ_IDS] as const;

export type FaqId = (typeof FAQ_IDS)[number];
export type AddedFaqId = (typeof ADDED_FAQ_IDS)[number];
export type CommandId = (typeof COMMAND_IDS)[number];
export type ChatId = (typeof CHAT_IDS)[number];
export type IntentId = FaqId | CommandId | ChatId;

export const INTENT_IDS: readonly IntentId[] = [...FAQ_IDS, ...COMMAND_IDS, ...CHAT_IDS];

export function isIntentId(value: unknown): value is IntentId {
  return typeof value === 'string' && (INTENT_IDS as readonly string[]).includes(value);
}

export function isAddedFaqId(value: unknown): value is AddedFaqId {
  return typeof value === 'string' && (ADDED_FAQ_IDS as readonly string[]).includes(value);
}

export function isFaqId(value: unknown): value is FaqId {
  return typeof value === 'string' && (FAQ_IDS as readonly string[]).includes(value);
}
