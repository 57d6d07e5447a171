import { z } from 'zod';
import type { SnapshotFrom } from 'xstate';
import { MACHINE_VERSION, scopingMachine } from './machine';
import type { ScopingContext } from './types';

/**
 * What is stored for a conversation: `{ machineVersion, value, context, history }`.
 * XState snapshots carry no version, and restoring one from a changed machine can
 * fail later and asynchronously; so a record is checked here, synchronously, and
 * anything that does not fit the current machine is reported, never thrown.
 */

export type ScopingSnapshot = SnapshotFrom<typeof scopingMachine>;

const StateValueSchema: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.record(z.string(), StateValueSchema)]));

export const ConversationRecordSchema = z.object({
  machineVersion: z.number().int(),
  value: StateValueSchema,
  context: z.record(z.string(), z.unknown()),
  /** History state id → ids of the state nodes it remembers. */
  history: z.record(z.string(), z.array(z.string())).default({}),
});

export type ConversationRecord = z.infer<typeof ConversationRecordSchema>;

export type RestoreResult =
  | { ok: true; snapshot: ScopingSnapshot }
  | { ok: false; reason: 'version-mismatch' | 'invalid'; detail: string };

export function toRecord(snapshot: ScopingSnapshot): ConversationRecord {
  const history: Record<string, string[]> = {};
  for (const [id, nodes] of Object.entries(snapshot.historyValue ?? {})) {
    history[id] = (nodes as { id: string }[]).map((node) => node.id);
  }
  return {
    machineVersion: MACHINE_VERSION,
    value: snapshot.value,
    context: snapshot.context as unknown as Record<string, unknown>,
    history,
  };
}

/**
 * v1 → v2 added the visitor's own words, the confirm-back, "are you sure?" and
 * the personal-address marks; the states are the same, so a v1 conversation
 * carries on with those empty.
 */
function migrate(record: ConversationRecord): ConversationRecord {
  if (record.machineVersion !== 1) return record;
  const context = record.context as Record<string, unknown> & { booking?: Record<string, unknown> };
  return {
    ...record,
    machineVersion: 2,
    context: {
      ...context,
      words: {},
      proposal: null,
      unsure: null,
      booking: { ...context.booking, personalEmailAsked: null, personalEmailAllowed: false, personalEmail: false },
    },
  };
}

/**
 * Older versions are migrated here when a migration is known (v1 → v2); any
 * other version is reported and the conversation restarts kindly.
 */
export function fromRecord(raw: unknown): RestoreResult {
  const parsed = ConversationRecordSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'invalid', detail: parsed.error.issues[0]?.message ?? 'unreadable' };
  const record = migrate(parsed.data);
  if (record.machineVersion !== MACHINE_VERSION) {
    return { ok: false, reason: 'version-mismatch', detail: `stored v${record.machineVersion}, running v${MACHINE_VERSION}` };
  }
  try {
    const historyValue: Record<string, ReturnType<typeof scopingMachine.getStateNodeById>[]> = {};
    for (const [id, nodeIds] of Object.entries(record.history)) {
      historyValue[id] = nodeIds.map((nodeId) => scopingMachine.getStateNodeById(nodeId));
    }
    const snapshot = scopingMachine.resolveState({
      value: record.value as never,
      context: record.context as unknown as ScopingContext,
      historyValue: historyValue as never,
    });
    return { ok: true, snapshot };
  } catch (error) {
    return { ok: false, reason: 'invalid', detail: error instanceof Error ? error.message : String(error) };
  }
}
