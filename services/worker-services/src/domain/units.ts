import { applySnapshots, type ChangeEvent, type DirectoryUpdate } from '@union-graph/subgraph-kit';
import type { KnownUnitDoc, Models } from '../models';

/** The unit's name and covering union from an organizations `HostUnit` event; null asks for it again. */
function knownUnit(e: ChangeEvent): KnownUnitDoc | null {
  const { name, coveredBy } = (e.data ?? {}) as { name?: unknown; coveredBy?: string | null };
  return typeof name === 'string'
    ? { _id: e.id, name, coveredBy: coveredBy ?? null, version: e.version }
    : null;
}

/**
 * §12 places a covered unit in the tree by the union covering it: the unit directory follows
 * organizations' `HostUnit` events through the kit's snapshot read model (newest version wins).
 */
export function applyUnitEvents(events: ChangeEvent[], models: Models): Promise<DirectoryUpdate> {
  return applySnapshots(models.UnitDirectory, events, { type: 'HostUnit', fromEvent: knownUnit });
}
