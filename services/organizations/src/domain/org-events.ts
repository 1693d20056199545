import {
  type ChangeEvent,
  type EntityRef,
  orgChangeEvent,
  orgRef,
  uniqueRefs,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { Models, OrganizationDoc } from '../models';

const isOrg = (ref: EntityRef, id: string) => ref.type === 'Organization' && ref.id === id;

export const hostUnitRef = (id: string): EntityRef => ({ type: 'HostUnit', id });

/**
 * Every change to organizations reaches the other subgraphs' directories (and the gateway cache).
 * An organization shows in its ancestors' `children` and `descendants`, so they are affected too;
 * `also` names what else the change touches (the old ancestors of a move, units whose cover changed).
 */
export function publishOrgs(
  publish: Context['publish'],
  orgs: readonly OrganizationDoc[],
  also: readonly EntityRef[] = [],
): Promise<void> {
  return publish(
    orgs.map((o) => ({
      ...orgChangeEvent(o),
      affects: uniqueRefs([...o.path.map(orgRef), ...also]).filter((r) => !isOrg(r, o._id)),
    })),
  );
}

/**
 * Records outside the tree (units, committees, assessments): the gateway drops cached copies, and
 * those of the organizations whose fields list them.
 */
export function publishRecord(
  ctx: Context,
  type: string,
  doc: { _id: string; version?: number },
  affects: readonly EntityRef[],
) {
  return ctx.publish([
    { type, id: doc._id, op: 'upsert', version: doc.version ?? 1, affects: uniqueRefs(affects) },
  ]);
}

/**
 * The current state of organizations, for read models that asked for it again (the kit's resync):
 * directory snapshots only, nothing they affect, since nothing changed here.
 */
export async function currentOrgEvents(models: Models, ids: string[] | 'all'): Promise<ChangeEvent[]> {
  const docs = await models.Organization.find(ids === 'all' ? {} : { _id: { $in: ids } })
    .sort({ _id: 1 })
    .lean<OrganizationDoc[]>();
  return docs.map((o) => orgChangeEvent(o));
}
