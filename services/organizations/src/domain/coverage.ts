import {
  BadUserInputError,
  ConflictError,
  insertIfAbsent,
  modifyDocument,
  NotFoundError,
  orgRef,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { HostUnitDoc, Models, OrganizationDoc } from '../models';
import { hostUnitEvent } from './org-events';
import { COVERAGE_CAPACITY, OPEN_STATUSES } from './tree';
import { refreshUnionFacts } from './unit-facts';

/** R1 (law): a unit with this many employees or more should have a grassroots union of its own. */
export const OWN_UNION_THRESHOLD = 25;

/**
 * Throws unless the union may take `unitId` now (the same checks the insert re-makes atomically);
 * `field` names the input that chose the union.
 */
export async function checkCoverable(
  models: Models,
  org: OrganizationDoc,
  unitId: string,
  field = 'organizationId',
): Promise<void> {
  const capacity = COVERAGE_CAPACITY[org.type];
  if (!capacity) throw new BadUserInputError(text('coversNoUnits', { type: org.type }), field);
  if (!OPEN_STATUSES.includes(org.status)) {
    throw new BadUserInputError(text('unionNotOpen', { status: org.status }), field);
  }
  const covering = await models.Coverage.findOne({ unitId }).lean();
  if (covering && covering.organizationId !== org._id) {
    throw new ConflictError(text('unitCovered'), {
      field: 'unitId',
      coveredBy: covering.organizationId,
    });
  }
}

/**
 * Adds a unit to a union's coverage, at most `capacity` units (R2: 50 for a joint union). The slot
 * number is part of a unique key, so racing writers can never exceed the cap: a loser of a slot
 * re-reads and takes the next one, or gets CONFLICT when none is left. Re-covering a covered unit
 * is a no-op.
 */
export async function cover(models: Models, org: OrganizationDoc, unitId: string): Promise<void> {
  const capacity = COVERAGE_CAPACITY[org.type] ?? 0;
  for (let attempt = 0; attempt < capacity + 1; attempt++) {
    const records = await models.Coverage.find(
      { $or: [{ organizationId: org._id }, { unitId }] },
      { unitId: 1, organizationId: 1, slotKey: 1 },
    ).lean();
    const mine = records.filter((r) => r.organizationId === org._id);
    if (mine.some((r) => r.unitId === unitId)) return;
    if (records.some((r) => r.unitId === unitId)) {
      throw new ConflictError(text('unitCovered'), { field: 'unitId' });
    }
    if (mine.length >= capacity) {
      throw new ConflictError(capacity === 1 ? text('oneUnit') : text('jointCapacity', { capacity }), {
        field: 'unitId',
        rule: capacity === 1 ? 'R1' : 'R2',
        capacity,
      });
    }
    const taken = new Set(mine.map((r) => r.slotKey));
    let slot = 1;
    while (taken.has(`${org._id}:${slot}`)) slot++;
    const inserted = await insertIfAbsent(models.Coverage, {
      unitId,
      organizationId: org._id,
      slotKey: `${org._id}:${slot}`,
      own: org.type === 'GRASSROOTS',
    });
    if (inserted) return;
  }
  throw new ConflictError(text('concurrentChange'), { field: 'unitId' });
}

/**
 * Hands every unit of a merged union to the union it merged into. Capacity is checked first; each
 * record is one single-document `updateDocument`, one after another, under the unique slot key, so
 * a racing `cover` cannot push the target past its cap (the later writer gets CONFLICT) and a
 * re-run moves what is left.
 * Returns the units moved.
 */
export async function transferCoverage(
  models: Models,
  from: OrganizationDoc,
  to: OrganizationDoc,
): Promise<string[]> {
  const [moving, present] = await Promise.all([
    models.Coverage.find({ organizationId: from._id }).lean(),
    models.Coverage.find({ organizationId: to._id }, { slotKey: 1 }).lean(),
  ]);
  if (moving.length === 0) return [];
  const capacity = COVERAGE_CAPACITY[to.type] ?? 0;
  if (present.length + moving.length > capacity) {
    throw new ConflictError(
      text('transferCapacity', {
        type: to.type,
        id: to._id,
        free: capacity - present.length,
        moving: moving.length,
      }),
      { field: 'intoId', capacity },
    );
  }
  const taken = new Set(present.map((r) => r.slotKey));
  let slot = 0;
  for (const record of moving) {
    do slot++;
    while (taken.has(`${to._id}:${slot}`));
    await updateDocument(
      models.Coverage,
      record._id,
      { $set: { organizationId: to._id, slotKey: `${to._id}:${slot}`, own: to.type === 'GRASSROOTS' } },
      { guard: { organizationId: from._id } },
    );
  }
  return moving.map((r) => r.unitId);
}

/**
 * Changes a unit through the kit's one update path and announces it for the union covering it
 * (its `hostUnits`) and `uncoveredBy`. `decide` computes the `$set` from the unit as it is when
 * written, or throws to refuse; the version goes up by exactly one per change.
 */
export async function bumpHostUnit(
  ctx: Context,
  id: string,
  decide: (current: HostUnitDoc) => Record<string, unknown> = () => ({}),
  uncoveredBy?: string,
) {
  const unit = await modifyDocument(ctx.models.HostUnit, id, (current) => ({
    update: { $set: decide(current), $inc: { version: 1 } },
  }));
  if (!unit) throw new NotFoundError('HostUnit', id, 'id');
  const covering = await ctx.models.Coverage.findOne({ unitId: id }, { organizationId: 1 }).lean();
  const coveredBy = covering?.organizationId ?? null;
  await ctx.publish([
    hostUnitEvent(unit, coveredBy, [coveredBy, uncoveredBy].filter((o) => o != null).map(orgRef)),
  ]);
  // Their directory entries carry what their units share (issue #19).
  await refreshUnionFacts(ctx, [coveredBy, uncoveredBy]);
  return unit;
}
