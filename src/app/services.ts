import { loadAnswerExamples } from '../answers/examples';
import { loadQuestionContent } from '../answers/question-content';
import { loadBankHolidays } from '../booking/bank-holidays';
import { BookingService } from '../booking/service';
import { LeadService } from '../leads/service';
import { openBackend, type Backend } from './backend';
import type { Config } from '../config/config';
import { loadMessages, withFirmName } from '../content/copy';
import { loadIntentContent } from '../intents/content';
import { createRecogniser } from '../intents/recogniser';
import type { Logger } from '../server/logger';
import type { ConversationStorage } from '../storage/types';
import { ConversationStore } from '../bot/conversation-store';
import type { TurnServices } from '../../dialogs/services';
import { WebhookDelivery } from '../webhook/delivery';
import { WebhookFeed } from '../webhook/feed';
import { FunnelRecorder } from '../funnel/recorder';

/** Loads and checks all content, trains the recogniser, opens the stores: everything a bot needs, once. */

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Content is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

export interface AppServices {
  turn: TurnServices;
  storage: ConversationStorage;
  /** Where shared state lives: SQLite under DATA_DIR or PostgreSQL (DATABASE_URL). */
  backend: Backend;
  conversations: ConversationStore;
  /** The CRM webhook's sender, when LEADS_WEBHOOK_URL is set: the server drains it on a timer. */
  webhook: WebhookDelivery | null;
  close(): Promise<void>;
}

export async function createServices(
  config: Config,
  logger: Logger,
  options: { clock?: () => Date; baseUrl: () => string },
): Promise<AppServices> {
  const clock = options.clock ?? (() => new Date());
  const messages = loadMessages();
  const intents = loadIntentContent();
  const problems = [...(messages.ok ? [] : messages.errors), ...(intents.ok ? [] : intents.errors)];
  if (!messages.ok || !intents.ok) throw new ContentError(problems);
  const questions = loadQuestionContent();
  const { holidays, warnings } = loadBankHolidays({ now: clock(), horizonDays: config.booking.horizonDays, timeZone: config.booking.timeZone });
  for (const warning of warnings) logger.warn('bank holidays', { warning });

  const started = Date.now();
  const recogniser = await createRecogniser(intents.content);
  logger.info('recogniser trained', { ms: Date.now() - started });
  // The answer reader's content is checked now (a broken content/answers file stops start-up here); each question's
  // readers train on its first typed answer. Training in the background instead blocks the event loop for a few
  // hundred milliseconds at a time, long enough for tsx to force-kill a process asked to stop meanwhile.
  const examples = loadAnswerExamples();
  if (!examples.ok) throw new ContentError(examples.errors);

  const backend = await openBackend(config);
  const { records, storage } = backend;
  logger.info('stores open', { backend: backend.kind });
  const log = (event: string, ids: Record<string, string | undefined>) => logger.info(`booking ${event}`, ids);
  const booking = new BookingService({ config, records, holidays: holidays.dates, clock, log });
  const leads = new LeadService({ config, records, clock, log });
  const target = config.practice.webhook;
  const webhook = target ? new WebhookDelivery(backend.outbox, target, clock) : null;
  const deliverSoon = () =>
    setImmediate(() => void webhook?.drain().catch((error: Error) => logger.error('webhook delivery failed', { error: error.name })));
  const leadEvents = target ? new WebhookFeed(backend.outbox, leads, clock, deliverSoon) : undefined;
  return {
    turn: {
      config,
      messages: withFirmName(messages.messages, config.firmName),
      questions,
      intents: withFirmName(intents.content, config.firmName),
      recogniser,
      booking,
      leads,
      leadEvents,
      funnel: new FunnelRecorder(backend.funnel, clock, (error) => logger.error('funnel not counted', { error: error.name })),
      clock,
      baseUrl: options.baseUrl,
    },
    storage,
    backend,
    conversations: new ConversationStore(storage),
    webhook,
    close: async () => {
      await webhook?.idle();
      await backend.close();
    },
  };
}
