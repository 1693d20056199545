import type { BackgroundHost, ChangeEvent } from '@union-graph/subgraph-kit';
import type { Models, RegistryCountDoc } from '../models';
import { askWhenEmptyAndPeriodically, keepNewest } from './newest-snapshots';

/** The subgraph whose registry counts R14 uses. */
export const MEMBERS_SUBGRAPH = 'members';
const REGISTRY_COUNT_EVENT = 'RegistryCount';

function countOf(e: ChangeEvent): RegistryCountDoc | null {
  if (e.type !== REGISTRY_COUNT_EVENT || e.op !== 'upsert') return null;
  const { members, femaleMembers } = (e.data ?? {}) as Partial<RegistryCountDoc>;
  if (!Number.isInteger(members) || !Number.isInteger(femaleMembers)) return null;
  return { _id: e.id, members: Number(members), femaleMembers: Number(femaleMembers), version: e.version };
}

/** Applies members' `RegistryCount` snapshots (R14): per union the newest snapshot wins (see keepNewest). */
export function applyRegistryCounts(events: ChangeEvent[], models: Models): Promise<ChangeEvent[]> {
  return keepNewest(models.RegistryCount, events, countOf);
}

/**
 * Asks members for every union's counts when the read model is empty at start and every
 * reconciliation period; the seed publishes the demo registry's counts as it publishes the tree.
 */
export function askForRegistryCounts(host: BackgroundHost<Models>): () => void {
  return askWhenEmptyAndPeriodically(host, host.models.RegistryCount, [MEMBERS_SUBGRAPH]);
}
