export * from './types';
export { OutboxWorker, retryDelayMs, type DeliveryOutcome, type DrainResult } from './worker';
export { SqliteOutbox } from './sqlite';
