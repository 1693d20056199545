import {
  type BackgroundHost,
  type ChangeEvent,
  findByKeys,
  insertIfAbsent,
  repeatEvery,
  requestResync,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import type { Models } from '../models';

/**
 * Applies another subgraph's versioned per-union snapshots (members' registry counts for R14, the six
 * haves' evidence for R5): per record the newest snapshot wins over what is stored, so a replay or a
 * late delivery of an older one changes nothing; a re-published snapshot (resync) is a fresh read
 * with a newer version and wins the same way. `recordOf` gives the record an event carries (null:
 * not one of these). Returns the snapshots that changed the read model, to relay (the gateway then
 * drops what was answered from the old records).
 */
export async function keepNewest<T extends { _id: string; version: number }>(
  model: Model<T>,
  events: readonly ChangeEvent[],
  recordOf: (e: ChangeEvent) => T | null,
): Promise<ChangeEvent[]> {
  const latest = new Map<string, { event: ChangeEvent; record: T }>();
  for (const event of events) {
    const record = recordOf(event);
    const seen = record && latest.get(record._id);
    if (record && (!seen || record.version > seen.record.version)) latest.set(record._id, { event, record });
  }
  if (latest.size === 0) return [];
  const stored = new Map(
    (await findByKeys(model, '_id', [...latest.keys()])).map((d): [string, T] => [d._id, d]),
  );
  // Each record is written on its own, so a caught-up stream's thousands go side by side.
  const changed = await Promise.all(
    [...latest.values()].map(async ({ record }) => {
      const held = stored.get(record._id);
      if (held && held.version >= record.version) return false;
      const { _id, ...fields } = record;
      // Absent: inserted; present (or inserted meanwhile by another replica): replaced only if older.
      return (
        (!held && (await insertIfAbsent(model, record))) ||
        (await updateDocument(model, _id, { $set: fields } as never, {
          guard: { version: { $lt: record.version } } as never,
        }))
      );
    }),
  );
  return [...latest.values()].flatMap(({ event }, i) => (changed[i] ? [event] : []));
}

/**
 * Keeps a read model rebuildable: asks its sources for every union's snapshot when it is empty at
 * start, and again every reconciliation period (a missed or lost event is corrected then). Only where
 * the deployment reconciles (`UNION_GRAPH_RECONCILE_MINUTES`).
 */
export function askWhenEmptyAndPeriodically(
  host: BackgroundHost<Models>,
  readModel: { estimatedDocumentCount: () => PromiseLike<number> },
  sources: readonly string[],
): () => void {
  if (!host.reconcileMs) return () => undefined;
  const ask = () =>
    Promise.all(
      sources.map((source) => requestResync(host.redis, host.keyspace, source, 'organizations', 'all')),
    ).then(() => undefined);
  void Promise.resolve(readModel.estimatedDocumentCount())
    .then((n) => (n === 0 ? ask() : undefined))
    .catch((err: unknown) => host.log.warn({ err, sources }, 'could not ask for snapshots; will retry'));
  return repeatEvery(host.reconcileMs, ask, host.log, `asking ${sources.join(', ')} for snapshots`);
}
