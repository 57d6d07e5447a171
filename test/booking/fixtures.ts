import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testConfig } from '../../src/config/config';
import { readBankHolidays } from '../../src/booking/bank-holidays';
import { BookingService } from '../../src/booking/service';
import { LeadService } from '../../src/leads/service';
import { openBackend } from '../../src/app/backend';
import { ERASED_WITH_LEAD } from '../../src/app/erasure';
import type { OutboxStore } from '../../src/outbox/types';
import type { Records } from '../../src/records';
import { assess } from '../../src/scoping/recommendation';
import { QUESTION_ORDER, type Answers, type QuestionId } from '../../src/scoping/questions';

/** Shared set-up for booking tests: a temp data folder, a fixed clock, a consenting lead. */

export const NOW = new Date('2026-11-30T10:15:00.000Z'); // Monday, GMT
export const TUESDAY_0900 = 'slot-20261201T0900Z'; // too soon: inside 24 h notice
export const WEDNESDAY_0900 = 'slot-20261202T0900Z';
export const WEDNESDAY_0930 = 'slot-20261202T0930Z';
export const WEDNESDAY_1000 = 'slot-20261202T1000Z';

export const ANSWERS: Answers = {
  ai_use: 'active',
  certification: 'none',
  infosec_maturity: 'reasonable',
  ai_materiality: 'high',
  sector: 'financial',
  eu_exposure: 'yes',
  procurement: 'ai-governance',
};

/** ANSWERS as a visitor clicks them, in the order the questions come (this profile is asked all seven). */
export const ANSWERS_IN_ORDER: [QuestionId, string][] = QUESTION_ORDER.map((question) => [question, ANSWERS[question]!]);

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'booking-'));
}

/** The booking and lead services on one records store, as the server wires them. */
export interface Stores {
  booking: BookingService;
  leads: LeadService;
  records: Records;
  /** The backend's outbox, which an erasure empties of the lead's queued messages. */
  outbox: OutboxStore;
  close(): Promise<void>;
}

/** `env` may name Postgres (DATABASE_URL); otherwise the SQLite files under `dataDir`. */
export async function openService(dataDir: string, env: Record<string, string> = {}, clock: () => Date = () => NOW): Promise<Stores> {
  const config = testConfig({ DATA_DIR: dataDir, ...env });
  const backend = await openBackend(config);
  const { records } = backend;
  return {
    booking: new BookingService({ config, records, holidays: readBankHolidays().dates, clock }),
    leads: new LeadService({ config, records, clock, erasedTopics: ERASED_WITH_LEAD }),
    outbox: backend.outbox,
    records,
    close: () => backend.close(),
  };
}

let conversations = 0;

/**
 * Registers Ada from a conversation of her own (or the one given). Each call
 * is a different person (an address of her own) unless `email` is given: the
 * same email returning is the same lead.
 */
export async function registerAda(stores: Pick<Stores, 'leads'>, overrides: { email?: string; conversationId?: string } = {}): Promise<string> {
  const n = ++conversations;
  const { leadId } = await stores.leads.registerLead({
    conversationId: overrides.conversationId ?? `conv-${process.pid}-${n}`,
    channelId: 'webchat',
    contact: { name: 'Ada Lovelace', email: overrides.email ?? `ada.${process.pid}.${n}@example.org`, organisation: 'Analytical Engines Ltd', role: 'CTO', phone: '+44 20 7946 0000' },
    consent: { givenAt: NOW, noticeVersion: '2026-01' },
    answers: ANSWERS,
    assessment: assess(ANSWERS),
  });
  return leadId;
}
