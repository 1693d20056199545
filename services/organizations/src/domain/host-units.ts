import { OWNERSHIPS_OF_KIND, type Ownership, ownershipOf } from '@union-graph/domain';
import { appendOnce, BadUserInputError, NotFoundError } from '@union-graph/subgraph-kit';
import type { HostUnitFilter } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { HostUnitDoc } from '../models';
import { bumpHostUnit, cover } from './coverage';
import { hostUnitEvent } from './org-events';
import { writableOrganization } from './organizations';
import { checkIndustry, checkOwnership, divisionsOfSection } from './unit-facts';
import { checkCounts, checkCreditCode, checkDivision, divisionPrefixFilter, escapeRegex } from './validate';

export async function visibleHostUnit(ctx: Context, id: string): Promise<HostUnitDoc | null> {
  return ctx.scope.visible(await ctx.loaders.hostUnit.load(id), (u) => u.responsibleOrgId);
}

async function requireHostUnit(ctx: Context, id: string, field: string): Promise<HostUnitDoc> {
  const unit = await visibleHostUnit(ctx, id);
  if (!unit) throw new NotFoundError('HostUnit', id, field);
  return unit;
}

export interface RegisterHostUnit {
  name: string;
  creditCode: string;
  kind: HostUnitDoc['kind'];
  divisionCode: string;
  locality?: string | null;
  employeeCount: number;
  femaleEmployeeCount: number;
  industryCode?: string | null;
  ownership?: Ownership | null;
  responsibleOrgId: string;
  /** The client's idempotency key: a repeat returns the unit registered first. */
  idempotencyKey?: string | null;
}

export async function registerHostUnit(
  ctx: Context,
  { idempotencyKey, ...input }: RegisterHostUnit,
): Promise<HostUnitDoc> {
  await writableOrganization(ctx, input.responsibleOrgId, 'responsibleOrgId');
  if (!input.name.trim()) throw new BadUserInputError(text('nameBlank'), 'name');
  checkCreditCode(input.creditCode, 'creditCode');
  checkDivision(input.divisionCode, 'divisionCode');
  checkCounts(input.employeeCount, input.femaleEmployeeCount, ['employeeCount', 'femaleEmployeeCount']);
  const { industryCode, ...fields } = input;
  if (industryCode != null) checkIndustry(industryCode, 'industryCode');
  if (input.ownership) checkOwnership(input.kind, input.ownership, 'ownership');
  // The unique credit code decides: a repeat of the same request is told apart by its key.
  const { doc: unit, created } = await appendOnce<HostUnitDoc>(
    ctx.models.HostUnit,
    {
      ...fields,
      industry: industryCode ?? null,
      ownership: input.ownership ?? null,
      locality: input.locality?.trim() || null,
    } as Omit<HostUnitDoc, '_id'>,
    {
      callerId: ctx.caller.id,
      mutation: 'registerHostUnit',
      key: idempotencyKey,
      input,
      conflict: {
        message: text('hostUnitRegistered', { creditCode: input.creditCode }),
        field: 'creditCode',
      },
    },
  );
  if (created) await ctx.publish([hostUnitEvent(unit, null)]);
  return unit;
}

export interface UpdateHostUnit {
  name?: string | null;
  kind?: HostUnitDoc['kind'] | null;
  locality?: string | null;
  employeeCount?: number | null;
  femaleEmployeeCount?: number | null;
  industryCode?: string | null;
  ownership?: Ownership | null;
}

export async function updateHostUnit(ctx: Context, id: string, input: UpdateHostUnit): Promise<HostUnitDoc> {
  const unit = await requireHostUnit(ctx, id, 'id');
  await writableOrganization(ctx, unit.responsibleOrgId, 'id');
  const set: Record<string, unknown> = {};
  if (input.name != null) {
    if (!input.name.trim()) throw new BadUserInputError(text('nameBlank'), 'name');
    set.name = input.name.trim();
  }
  if (input.kind) set.kind = input.kind;
  if (input.locality !== undefined) set.locality = input.locality?.trim() || null;
  if (input.industryCode != null) {
    checkIndustry(input.industryCode, 'industryCode');
    set.industry = input.industryCode;
  }
  // The counts are checked together against the unit being written (a racing change of the other).
  return bumpHostUnit(ctx, id, (current) => {
    checkCounts(
      input.employeeCount ?? current.employeeCount,
      input.femaleEmployeeCount ?? current.femaleEmployeeCount,
      ['employeeCount', 'femaleEmployeeCount'],
    );
    const changes = { ...set };
    // A new kind without an ownership takes its usual one; the pair is checked as it will be stored.
    const kind = input.kind ?? current.kind;
    if (input.ownership || input.kind) {
      changes.ownership = input.ownership ?? (input.kind === current.kind ? current.ownership : null);
      checkOwnership(
        kind,
        ownershipOf({ kind, ownership: changes.ownership as Ownership | null })!,
        input.ownership ? 'ownership' : 'kind',
      );
    }
    if (input.employeeCount != null) changes.employeeCount = input.employeeCount;
    if (input.femaleEmployeeCount != null) changes.femaleEmployeeCount = input.femaleEmployeeCount;
    return changes;
  });
}

export async function coverUnit(ctx: Context, organizationId: string, unitId: string): Promise<HostUnitDoc> {
  const org = await writableOrganization(ctx, organizationId, 'organizationId');
  await requireHostUnit(ctx, unitId, 'unitId');
  await cover(ctx.models, org, unitId);
  return bumpHostUnit(ctx, unitId);
}

export async function uncoverUnit(
  ctx: Context,
  organizationId: string,
  unitId: string,
): Promise<HostUnitDoc> {
  await writableOrganization(ctx, organizationId, 'organizationId');
  await requireHostUnit(ctx, unitId, 'unitId');
  // A whole coverage record goes: deleting it is not an update another writer could lose.
  const { deletedCount } = await ctx.models.Coverage.deleteOne({ unitId, organizationId });
  if (deletedCount === 0) throw new BadUserInputError(text('notCovering'), 'unitId');
  return bumpHostUnit(ctx, unitId, undefined, organizationId);
}

/**
 * A mongo filter for the host units the caller may see, narrowed by a list filter. Coverage states
 * cost one extra command (the covered unit ids); the scope one more when it is not nationwide.
 */
export async function hostUnitConditions(
  ctx: Context,
  filter: HostUnitFilter | null | undefined,
): Promise<Record<string, unknown>> {
  const { models, scope } = ctx;
  const conditions: Record<string, unknown>[] = [await scope.orgFilter('responsibleOrgId')];
  if (filter?.subtreeOf) {
    const ids = await models.Organization.distinct('_id', { path: filter.subtreeOf });
    conditions.push({ responsibleOrgId: { $in: ids } });
  }
  if (filter?.kind) conditions.push({ kind: filter.kind });
  if (filter?.divisionCode) conditions.push({ divisionCode: divisionPrefixFilter(filter.divisionCode) });
  if (filter?.nameContains) conditions.push({ name: { $regex: escapeRegex(filter.nameContains) } });
  if (filter?.minEmployees != null) conditions.push({ employeeCount: { $gte: filter.minEmployees } });
  if (filter?.maxEmployees != null) conditions.push({ employeeCount: { $lte: filter.maxEmployees } });
  if (filter?.industrySection) {
    conditions.push({
      industry: { $in: divisionsOfSection(filter.industrySection, 'filter.industrySection') },
    });
  }
  // Units without a recorded ownership have the usual one of their kind.
  if (filter?.ownership) {
    const kinds = Object.keys(OWNERSHIPS_OF_KIND).filter(
      (k) => OWNERSHIPS_OF_KIND[k]![0] === filter.ownership,
    );
    conditions.push({ $or: [{ ownership: filter.ownership }, { ownership: null, kind: { $in: kinds } }] });
  }
  switch (filter?.coverage) {
    case 'OWN_UNION':
      conditions.push({ _id: { $in: await models.Coverage.distinct('unitId', { own: true }) } });
      break;
    case 'JOINT_UNION':
      conditions.push({ _id: { $in: await models.Coverage.distinct('unitId', { own: false }) } });
      break;
    case 'WITHOUT_OWN_UNION':
      conditions.push({ _id: { $nin: await models.Coverage.distinct('unitId', { own: true }) } });
      break;
    case 'UNCOVERED':
      conditions.push({ _id: { $nin: await models.Coverage.distinct('unitId') } });
      break;
  }
  const nonEmpty = conditions.filter((c) => Object.keys(c).length > 0);
  return nonEmpty.length === 0 ? {} : { $and: nonEmpty };
}
