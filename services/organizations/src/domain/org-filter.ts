import { allOf as conjunction, type Scope, toSort } from '@union-graph/subgraph-kit';
import type { SortOrder } from 'mongoose';
import type { OrganizationFilter, OrganizationOrder } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { OrganizationDoc } from '../models';
import { divisionPrefixFilter, escapeRegex } from './validate';

/** One mongo filter for an organization list: the caller's subtree and the given conditions. */
export function organizationConditions(
  scope: Scope,
  filter: OrganizationFilter | null | undefined,
  ...extra: Record<string, unknown>[]
): Record<string, unknown> {
  const conditions: Record<string, unknown>[] = [scope.pathFilter('path'), ...extra];
  if (filter?.type) conditions.push({ type: filter.type });
  if (filter?.types) conditions.push({ type: { $in: filter.types } });
  if (filter?.level) conditions.push({ level: filter.level });
  if (filter?.status) conditions.push({ status: filter.status });
  if (filter?.subtreeOf) conditions.push({ path: filter.subtreeOf });
  if (filter?.parentId) conditions.push({ parentId: filter.parentId });
  if (filter?.divisionCode) conditions.push({ divisionCode: divisionPrefixFilter(filter.divisionCode) });
  if (filter?.nameContains) conditions.push({ name: { $regex: escapeRegex(filter.nameContains) } });
  return allOf(conditions);
}

const ORDER_FIELDS = {
  NAME: 'name',
  DIVISION_CODE: 'divisionCode',
  TYPE: 'type',
  ESTABLISHED_AT: 'establishedAt',
  CREATED_AT: 'createdAt',
};

export function organizationSort(orderBy: OrganizationOrder | null | undefined): Record<string, SortOrder> {
  return orderBy ? toSort(orderBy, ORDER_FIELDS) : { divisionCode: 1, name: 1 };
}

/** Every organization of a list, in report order, for reports that page in memory. */
export function listOrganizations(
  ctx: Context,
  filter: OrganizationFilter | null | undefined,
  ...extra: Record<string, unknown>[]
): Promise<OrganizationDoc[]> {
  return ctx.models.Organization.find(organizationConditions(ctx.scope, filter, ...extra))
    .sort({ divisionCode: 1, name: 1, _id: 1 })
    .lean<OrganizationDoc[]>()
    .exec();
}

/**
 * The conditions as one filter, empty ones (a nationwide caller's scope) adding nothing: the kit's
 * allOf, which keeps equalities at the top where FerretDB on PostgreSQL filters them (#18).
 */
export function allOf(conditions: Record<string, unknown>[]): Record<string, unknown> {
  return conjunction(...conditions);
}
