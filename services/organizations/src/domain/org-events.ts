import { ownershipOf, unitSizeBand } from '@union-graph/domain';
import {
  type ChangeEvent,
  type EntityRef,
  orgChangeEvent,
  orgRef,
  uniqueRefs,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { HostUnitDoc, Models, OrganizationDoc } from '../models';

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
 * A host unit's snapshot for other subgraphs' read models: members checks that a worker joins the
 * union of their employer (§8, R12), so it needs the credit code and the union covering the unit.
 * The unit's version goes up with every change of the unit or its coverage (bumpHostUnit).
 */
export function hostUnitEvent(
  unit: Pick<HostUnitDoc, (typeof HOST_UNIT_EVENT_FIELDS)[number]>,
  coveredBy: string | null,
  affects: readonly EntityRef[] = [],
): ChangeEvent {
  return {
    type: 'HostUnit',
    id: unit._id,
    op: 'upsert',
    version: unit.version ?? 1,
    data: {
      creditCode: unit.creditCode,
      name: unit.name,
      coveredBy,
      // What statistics group its workers by (issue #19).
      industry: unit.industry ?? null,
      ownership: ownershipOf(unit),
      sizeBand: unitSizeBand(unit.employeeCount),
    },
    affects: uniqueRefs(affects),
  };
}

/** The unit fields its event is made of. */
const HOST_UNIT_EVENT_FIELDS = [
  '_id',
  'name',
  'creditCode',
  'version',
  'kind',
  'ownership',
  'industry',
  'employeeCount',
] as const;

/**
 * The current state of organizations and host units, for read models that asked for it again (the
 * kit's resync): snapshots only, nothing they affect, since nothing changed here. Asked-for ids may
 * name either: they are looked up in both collections.
 */
export async function currentOrgEvents(models: Models, ids: string[] | 'all'): Promise<ChangeEvent[]> {
  const filter = ids === 'all' ? {} : { _id: { $in: ids } };
  const [docs, units] = await Promise.all([
    models.Organization.find(filter).sort({ _id: 1 }).lean<OrganizationDoc[]>(),
    models.HostUnit.find(filter, Object.fromEntries(HOST_UNIT_EVENT_FIELDS.map((f) => [f, 1])))
      .sort({ _id: 1 })
      .lean<HostUnitDoc[]>(),
  ]);
  const coverage = await models.Coverage.find(
    ids === 'all' ? {} : { unitId: { $in: units.map((u) => u._id) } },
    { unitId: 1, organizationId: 1 },
  ).lean();
  const coveredBy = new Map(coverage.map((c) => [c.unitId, c.organizationId]));
  return [
    ...docs.map((o) => orgChangeEvent(o)),
    ...units.map((u) => hostUnitEvent(u, coveredBy.get(u._id) ?? null)),
  ];
}
