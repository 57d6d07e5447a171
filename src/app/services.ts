import path from 'node:path';
import { loadAnswerExamples } from '../answers/examples';
import { loadQuestionContent } from '../answers/question-content';
import { useReaderModels } from '../answers/reader-models';
import { loadBankHolidays } from '../booking/bank-holidays';
import { BookingService } from '../booking/service';
import { GraphCalendar, PostgresEventLinks, SqliteEventLinks } from '../booking/graph';
import type { GraphClientOptions } from '../booking/graph/client';
import { type CalendarProvider, noCalendar } from '../booking/provider/types';
import { BookingMail } from '../mail/booking-mail';
import { ERASED_WITH_LEAD } from './erasure';
import { smtpTransport } from '../mail/transport';
import { mailCopy } from '../mail/copy';
import { LeadService } from '../leads/service';
import { openBackend, type Backend } from './backend';
import type { Config } from '../config/config';
import { loadMessages, withFirmName } from '../content/copy';
import { loadIntentContent } from '../intents/content';
import { BUILT_MODELS_DIR, folderModelCache } from '../intents/model-cache';
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
  /** CALENDAR_PROVIDER: none, or Microsoft 365 through Graph (its credentials already checked). */
  calendar: CalendarProvider;
  /** Null without SMTP_URL. */
  mail: BookingMail | null;
  close(): Promise<void>;
}

export async function createServices(
  config: Config,
  logger: Logger,
  options: { clock?: () => Date; baseUrl: () => string; graph?: GraphClientOptions },
): Promise<AppServices> {
  const clock = options.clock ?? (() => new Date());
  const messages = loadMessages();
  const intents = loadIntentContent();
  const mailWording = checkMailCopy();
  const problems = [...(messages.ok ? [] : messages.errors), ...(intents.ok ? [] : intents.errors), ...mailWording];
  if (!messages.ok || !intents.ok || mailWording.length > 0) throw new ContentError(problems);
  const questions = loadQuestionContent();
  const { holidays, warnings } = loadBankHolidays({ now: clock(), horizonDays: config.booking.horizonDays, timeZone: config.booking.timeZone });
  for (const warning of warnings) logger.warn('bank holidays', { warning });

  const started = Date.now();
  // A model trained from these exact documents is loaded (from `npm run build`'s dist/models or an earlier start), else trained and kept.
  const modelsDir = path.join(config.dataDir, 'models');
  const models = folderModelCache({
    readFrom: [BUILT_MODELS_DIR, modelsDir],
    writeTo: modelsDir,
    onWriteError: (error) => logger.warn('trained intent model not saved', { error: error.message }),
  });
  const recogniser = await createRecogniser(intents.content, { models });
  // The answer reader's networks come from the same cache: a visitor's first typed answer no longer pays for training.
  useReaderModels(models);
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
  const calendar = openCalendar(config, backend, logger, clock, options.graph, (id) => booking.snapshot(id));
  const booking = new BookingService({ config, records, holidays: holidays.dates, clock, log, calendar });
  const leads = new LeadService({
    config,
    records,
    clock,
    log,
    onBookingsCancelled: (cancelled) => booking.cancelledElsewhere(cancelled),
    erasedTopics: ERASED_WITH_LEAD,
  });
  try {
    // A tenant that refuses the app's credentials stops start-up here, not in a visitor's turn.
    await calendar.start();
  } catch (error) {
    await calendar.stop().catch(() => undefined);
    await backend.close();
    throw error;
  }
  if (calendar.kind === 'graph') logger.info('calendar: Microsoft 365 through Graph', { practitioners: config.booking.practitioners.length });
  const mail = config.mail.smtpUrl
    ? new BookingMail({
        config,
        booking,
        outbox: backend.outbox,
        transport: smtpTransport(config.mail.smtpUrl),
        clock,
        log: (event, fields) => logger.info(event, fields),
      })
    : null;
  if (mail) booking.onChanged(mail.onChanged);
  else logger.info('email off: SMTP_URL is not set, so no confirmations or reminders are sent');
  const target = config.practice.webhook;
  const webhook = target ? new WebhookDelivery(backend.outbox, target, clock) : null;
  const deliverSoon = () =>
    setImmediate(() => void webhook?.drain().catch((error: Error) => logger.error('webhook delivery failed', { error: error.name })));
  const leadEvents = target ? new WebhookFeed(backend.outbox, leads, clock, deliverSoon) : undefined;
  const funnel = new FunnelRecorder(backend.funnel, clock, (error) => logger.error('funnel not counted', { error: error.name }));
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
      funnel,
      clock,
      baseUrl: options.baseUrl,
    },
    storage,
    backend,
    conversations: new ConversationStore(storage),
    webhook,
    calendar,
    mail,
    close: async () => {
      await funnel.flush().catch((error: Error) => logger.error('funnel counts not written at shutdown', { error: error.name }));
      await webhook?.idle();
      await mail?.stop();
      await calendar.stop();
      await backend.close();
    },
  };
}

function openCalendar(
  config: Config,
  backend: Backend,
  logger: Logger,
  clock: () => Date,
  client: GraphClientOptions | undefined,
  snapshot: BookingService['snapshot'],
): CalendarProvider {
  if (config.calendar.provider !== 'graph') return noCalendar;
  return new GraphCalendar({
    config: config.calendar.graph!,
    practitioners: config.booking.roster,
    horizonDays: config.booking.horizonDays,
    outbox: backend.outbox,
    links: backend.pool ? new PostgresEventLinks(backend.pool) : new SqliteEventLinks(SqliteEventLinks.fileIn(config.dataDir)),
    bookings: { snapshot },
    clock,
    log: (event, fields) => logger.info(event, fields),
    client,
  });
}

/** content/mail.json is read when the first email goes; a broken file stops start-up instead. */
function checkMailCopy(): string[] {
  try {
    mailCopy();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}
