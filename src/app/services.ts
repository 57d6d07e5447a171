import path from 'node:path';
import { loadAnswerExamples } from '../answers/examples';
import { loadQuestionContent } from '../answers/question-content';
import { loadBankHolidays } from '../booking/bank-holidays';
import { BookingService } from '../booking/service';
import type { Config } from '../config/config';
import { loadMessages, withFirmName } from '../content/copy';
import { loadIntentContent } from '../intents/content';
import { BUILT_MODELS_DIR, folderModelCache } from '../intents/model-cache';
import { createRecogniser } from '../intents/recogniser';
import type { Logger } from '../server/logger';
import { SqliteStorage } from '../storage/sqlite-storage';
import { ConversationStore } from '../bot/conversation-store';
import type { TurnServices } from '../../dialogs/services';

/** Loads and checks all content, trains the recogniser, opens the stores: everything a bot needs, once. */

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Content is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

export interface AppServices {
  turn: TurnServices;
  storage: SqliteStorage;
  conversations: ConversationStore;
  close(): void;
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
  // A model trained from these exact documents is loaded (from `npm run build`'s dist/models or an earlier start), else trained and kept.
  const modelsDir = path.join(config.dataDir, 'models');
  const models = folderModelCache({
    readFrom: [BUILT_MODELS_DIR, modelsDir],
    writeTo: modelsDir,
    onWriteError: (error) => logger.warn('trained intent model not saved', { error: error.message }),
  });
  const recogniser = await createRecogniser(intents.content, { models });
  logger.info('recogniser trained', { ms: Date.now() - started });
  // The answer reader's content is checked now (a broken content/answers file stops start-up here); each question's
  // readers train on its first typed answer. Training in the background instead blocks the event loop for a few
  // hundred milliseconds at a time, long enough for tsx to force-kill a process asked to stop meanwhile.
  const examples = loadAnswerExamples();
  if (!examples.ok) throw new ContentError(examples.errors);

  const booking = new BookingService({
    config,
    holidays: holidays.dates,
    clock,
    log: (event, ids) => logger.info(`booking ${event}`, ids),
  });
  const storage = new SqliteStorage(path.join(config.dataDir, 'conversations.sqlite'));
  return {
    turn: { config, messages: withFirmName(messages.messages, config.firmName), questions, intents: withFirmName(intents.content, config.firmName), recogniser, booking, clock, baseUrl: options.baseUrl },
    storage,
    conversations: new ConversationStore(storage),
    close() {
      booking.close();
      storage.close();
    },
  };
}
