import {
  type BackgroundHost,
  type ChangeEvent,
  insertIfAbsent,
  repeatEvery,
  requestResync,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Models, RegistryCountDoc } from '../models';

/** The subgraph whose registry counts R14 uses. */
export const MEMBERS_SUBGRAPH = 'members';
const REGISTRY_COUNT_EVENT = 'RegistryCount';

function countOf(e: ChangeEvent): RegistryCountDoc | null {
  if (e.type !== REGISTRY_COUNT_EVENT || e.op !== 'upsert') return null;
  const { members, femaleMembers } = (e.data ?? {}) as Partial<RegistryCountDoc>;
  if (!Number.isInteger(members) || !Number.isInteger(femaleMembers)) return null;
  return { _id: e.id, members: Number(members), femaleMembers: Number(femaleMembers), version: e.version };
}

/**
 * Applies members' `RegistryCount` snapshots (R14): per union the newest snapshot wins over what
 * is stored, so a replay or a late delivery of an older one changes nothing; a re-published
 * snapshot (resync) is a fresh count with a newer version and wins the same way. Returns the
 * snapshots that changed the read model, to relay (the gateway then drops what was answered from
 * the old counts).
 */
export async function applyRegistryCounts(events: ChangeEvent[], models: Models): Promise<ChangeEvent[]> {
  const latest = new Map<string, { event: ChangeEvent; count: RegistryCountDoc }>();
  for (const event of events) {
    const count = countOf(event);
    const seen = count && latest.get(count._id);
    if (count && (!seen || count.version > seen.count.version)) latest.set(count._id, { event, count });
  }
  if (latest.size === 0) return [];
  const stored = new Map(
    (await models.RegistryCount.find({ _id: { $in: [...latest.keys()] } }).lean<RegistryCountDoc[]>()).map(
      (d) => [d._id, d],
    ),
  );
  const applied: ChangeEvent[] = [];
  for (const { event, count } of latest.values()) {
    const held = stored.get(count._id);
    if (held && held.version >= count.version) continue;
    const { _id, ...fields } = count;
    // Absent: inserted; present (or inserted meanwhile by another replica): replaced only if older.
    const changed =
      (!held && (await insertIfAbsent(models.RegistryCount, count))) ||
      (await updateDocument(
        models.RegistryCount,
        _id,
        { $set: fields },
        { guard: { version: { $lt: count.version } } },
      ));
    if (changed) applied.push(event);
  }
  return applied;
}

/**
 * Keeps the read model rebuildable: asks members for every union's counts when it is empty at
 * start, and again every reconciliation period (a missed or lost event is corrected then). Only
 * where the deployment reconciles (`UNION_GRAPH_RECONCILE_MINUTES`); the seed publishes the demo
 * registry's counts as it publishes the tree.
 */
export function askForRegistryCounts(host: BackgroundHost<Models>): () => void {
  if (!host.reconcileMs) return () => undefined;
  const ask = () => requestResync(host.redis, host.keyspace, MEMBERS_SUBGRAPH, 'organizations', 'all');
  void host.models.RegistryCount.estimatedDocumentCount()
    .then((n) => (n === 0 ? ask() : undefined))
    .catch((err: unknown) => host.log.warn({ err }, 'could not ask members for registry counts; will retry'));
  return repeatEvery(host.reconcileMs, ask, host.log, 'asking members for registry counts');
}
