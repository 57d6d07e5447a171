import type { Storage } from 'botbuilder';
import { initialTransition } from 'xstate';
import { MACHINE_VERSION, scopingMachine } from '../../machines/scoping/machine';
import { fromRecord, toRecord, type ScopingSnapshot } from '../../machines/scoping/persistence';
import { ETagConflictError } from '../storage/sqlite-storage';

/** A conversation's machine snapshot in botbuilder `Storage`, read and written with its eTag. */

export interface LoadedConversation {
  snapshot: ScopingSnapshot;
  eTag: string | null;
  /** The stored record could not be restored (older machine, corrupt): the conversation starts afresh. */
  restarted: boolean;
  detail?: string;
}

export type SaveResult = { ok: true } | { ok: false; reason: 'conflict' };

export class ConversationStore {
  constructor(private readonly storage: Storage) {}

  static keyFor(channelId: string, conversationId: string): string {
    return `conversation/${encodeURIComponent(channelId)}/${encodeURIComponent(conversationId)}`;
  }

  async load(key: string): Promise<LoadedConversation> {
    const items = await this.storage.read([key]);
    const item = items[key] as (Record<string, unknown> & { eTag?: string }) | undefined;
    if (!item) return { snapshot: fresh(), eTag: null, restarted: false };
    const restored = fromRecord(item);
    if (restored.ok) return { snapshot: restored.snapshot, eTag: item.eTag ?? null, restarted: false };
    return { snapshot: fresh(), eTag: item.eTag ?? null, restarted: true, detail: restored.detail };
  }

  /**
   * Whether the stored conversation records consent, read from the raw record
   * without restoring the machine (asked on every website post, so kept cheap).
   * A record of another machine version counts as no: it restarts anyway.
   */
  async consentRecorded(key: string): Promise<boolean> {
    const item = (await this.storage.read([key]))[key] as { machineVersion?: unknown; context?: { booking?: { consentAt?: unknown } } } | undefined;
    return item?.machineVersion === MACHINE_VERSION && typeof item.context?.booking?.consentAt === 'string';
  }

  async save(key: string, snapshot: ScopingSnapshot, eTag: string | null): Promise<SaveResult> {
    try {
      await this.storage.write({ [key]: { ...toRecord(snapshot), eTag: eTag ?? '' } });
      return { ok: true };
    } catch (error) {
      if (error instanceof ETagConflictError) return { ok: false, reason: 'conflict' };
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.storage.delete([key]);
  }
}

/**
 * The machine's initial snapshot, computed once: a snapshot is never changed
 * in place (each transition makes a new one), so every new conversation can
 * start from the same object.
 */
let initial: ScopingSnapshot | undefined;
export function fresh(): ScopingSnapshot {
  if (!initial) {
    initial = initialTransition(scopingMachine)[0];
    deepFreeze(initial.context); // a change in place would leak into every new conversation: make it throw instead
  }
  return initial;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
