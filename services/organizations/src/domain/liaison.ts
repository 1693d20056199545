import {
  appendOnce,
  asDate,
  BadUserInputError,
  type ConnectionArgs,
  connectionFromArray,
  NotFoundError,
  orgRef,
  today,
} from '@union-graph/subgraph-kit';
import type { QueryLiaisonPointsArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { LiaisonPointDoc, LiaisonVisitDoc } from '../models';
import { type StructureRules, structureRules } from '../rules';
import { dueOn, filterOverdue, isOverdue } from './intervals';
import { publishRecord } from './org-events';
import { allOf } from './org-filter';
import { visibleOrganization, writableOrganization } from './organizations';
import { type Keyed, requirePast, requireText } from './records';
import { GRASSROOTS_UNION_TYPES, OPEN_STATUSES } from './tree';

const pointRef = (id: string) => ({ type: 'LiaisonPoint', id });

export interface LiaisonPointInput {
  upperUnionId: string;
  organizationId: string;
  cadreId?: string | null;
  staffName?: string | null;
  since: Date | string;
}

/**
 * §17 工会联系点: an upper union's administrators link one of its staff (a cadre, or a named staff
 * member) to a grassroots union below it; one point per upper union and union.
 */
export async function recordLiaisonPoint(
  ctx: Context,
  { idempotencyKey, ...input }: LiaisonPointInput & Keyed,
): Promise<LiaisonPointDoc> {
  const upper = await writableOrganization(ctx, input.upperUnionId, 'input.upperUnionId');
  const org = await visibleOrganization(ctx, input.organizationId);
  if (!org) throw new NotFoundError('Organization', input.organizationId, 'input.organizationId');
  if (!GRASSROOTS_UNION_TYPES.includes(org.type) || !OPEN_STATUSES.includes(org.status)) {
    throw new BadUserInputError(text('liaisonGrassroots'), 'input.organizationId');
  }
  if (org._id === upper._id || !org.path.includes(upper._id)) {
    throw new BadUserInputError(text('liaisonUpper'), 'input.upperUnionId');
  }
  const staffName = input.staffName?.trim() || null;
  const cadreId = input.cadreId?.trim() || null;
  if (!cadreId === !staffName) {
    throw new BadUserInputError(text('liaisonContact'), 'input.cadreId');
  }
  const since = asDate(input.since);
  requirePast(since, 'input.since');
  const { doc, created } = await appendOnce<LiaisonPointDoc>(
    ctx.models.LiaisonPoint,
    { upperOrgId: upper._id, organizationId: org._id, cadreId, staffName, since, recordedBy: ctx.caller.id },
    {
      callerId: ctx.caller.id,
      mutation: 'recordLiaisonPoint',
      key: idempotencyKey,
      input,
      conflict: { message: text('liaisonExists'), field: 'input.organizationId' },
    },
  );
  if (created) await publishRecord(ctx, 'LiaisonPoint', doc, [orgRef(upper._id), orgRef(org._id)]);
  return doc;
}

export interface LiaisonVisitInput {
  liaisonPointId: string;
  visitedOn: Date | string;
  purpose: string;
  findings?: string | null;
}

/** §17: a visit to a liaison point, recorded by the upper union that keeps it. */
export async function recordLiaisonVisit(
  ctx: Context,
  { idempotencyKey, ...input }: LiaisonVisitInput & Keyed,
): Promise<LiaisonVisitDoc> {
  const point = await ctx.scope.requireVisible(
    await ctx.loaders.liaisonPoint.load(input.liaisonPointId),
    (p) => p.organizationId,
    'LiaisonPoint',
    input.liaisonPointId,
    'input.liaisonPointId',
  );
  await writableOrganization(ctx, point.upperOrgId, 'input.liaisonPointId');
  const visitedOn = asDate(input.visitedOn);
  requirePast(visitedOn, 'input.visitedOn');
  if (visitedOn < point.since) {
    throw new BadUserInputError(text('visitBeforePoint'), 'input.visitedOn');
  }
  const { doc, created } = await appendOnce<LiaisonVisitDoc>(
    ctx.models.LiaisonVisit,
    {
      pointId: point._id,
      organizationId: point.organizationId,
      upperOrgId: point.upperOrgId,
      visitedOn,
      purpose: requireText(input.purpose, 'input.purpose'),
      findings: input.findings?.trim() || null,
      recordedBy: ctx.caller.id,
    },
    { callerId: ctx.caller.id, mutation: 'recordLiaisonVisit', key: idempotencyKey, input },
  );
  if (created) {
    await publishRecord(ctx, 'LiaisonVisit', doc, [
      orgRef(point.upperOrgId),
      orgRef(point.organizationId),
      pointRef(point._id),
    ]);
  }
  return doc;
}

/** §17: the next visit is due an interval after the last one (visits: newest first), or after the point was set up. */
export function visitDueOn(
  point: LiaisonPointDoc,
  visits: readonly LiaisonVisitDoc[],
  rules: StructureRules = structureRules,
): Date {
  return dueOn(visits[0]?.visitedOn, point.since, rules.liaisonVisitMonths);
}

export function visitOverdue(
  point: LiaisonPointDoc,
  visits: readonly LiaisonVisitDoc[],
  on = today(),
  rules: StructureRules = structureRules,
): boolean {
  return isOverdue(visitDueOn(point, visits, rules), on);
}

/**
 * Liaison points at unions the caller may see (an upper union sees those it keeps: they are below
 * it), by upper union or by grassroots union; visits for the overdue filter in one batch.
 */
export async function listLiaisonPoints(
  ctx: Context,
  filter: Omit<QueryLiaisonPointsArgs, 'first' | 'after'>,
  page: ConnectionArgs,
) {
  const conditions: Record<string, unknown>[] = [await ctx.scope.orgFilter('organizationId')];
  if (filter.upperUnionId) conditions.push({ upperOrgId: filter.upperUnionId });
  if (filter.organizationId) conditions.push({ organizationId: filter.organizationId });
  const points = await ctx.models.LiaisonPoint.find(allOf(conditions))
    .sort({ since: 1, _id: 1 })
    .lean<LiaisonPointDoc[]>();
  const kept = await filterOverdue(
    points,
    filter.visitOverdue,
    (ids) => ctx.loaders.visitsOfPoint.loadMany(ids),
    (p, visits) => visitOverdue(p, visits),
  );
  return connectionFromArray(kept, page);
}
