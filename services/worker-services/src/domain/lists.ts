import { allOf, type ConnectionArgs, MAX_PAGE_SIZE, paginate } from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import type { Context } from '../context';
import { dayRange } from './dates';
import { type Flow, statusFilter } from './workflow';

/** Every document of a subtree, for the short lists (programs, congresses…): capped, never unbounded. */
export async function listIn<T>(
  ctx: Context,
  model: Model<T>,
  organizationId: string,
  extra: Record<string, unknown> = {},
  sort: Record<string, 1 | -1> = { createdAt: -1 },
): Promise<T[]> {
  const filter = { ...(await ctx.scope.subtreeFilter(organizationId)), ...extra };
  return model
    .find(filter)
    .sort({ ...sort, _id: 1 })
    .limit(MAX_PAGE_SIZE)
    .lean<T[]>();
}

/** One page of a subtree's documents, for the long lists. */
export async function pageIn<T>(
  ctx: Context,
  model: Model<T>,
  organizationId: string,
  args: ConnectionArgs,
  sort: Record<string, 1 | -1>,
  extra: Record<string, unknown> = {},
) {
  return paginate(model, { ...(await ctx.scope.subtreeFilter(organizationId)), ...extra }, args, sort);
}

/** What the filter of every workflow list has: a status and the days its date falls in. */
export interface FlowFilter<S extends string> {
  status?: S | null;
  from?: Date | string | null;
  to?: Date | string | null;
}

/**
 * One page of a subtree's workflow subjects (hardship cases, alerts, disputes), newest first, all
 * filtered alike: the status as replayed from the steps, the days of `dateField`, and the list's
 * own conditions (level, category, center…). A province's or the whole country's list is the same
 * query from its federation.
 */
export async function flowPageIn<S extends string, T>(
  ctx: Context,
  list: { model: Model<T>; flow: Flow<S>; dateField: string },
  organizationId: string,
  filter: FlowFilter<S> | null | undefined,
  args: ConnectionArgs,
  own: Record<string, unknown>[] = [],
) {
  const conditions = [
    await ctx.scope.subtreeFilter(organizationId),
    dayRange(list.dateField, filter ?? {}),
    filter?.status ? await statusFilter(ctx, list.flow, filter.status) : {},
    ...own,
  ];
  return paginate(list.model, allOf(...conditions), args, { [list.dateField]: -1 });
}
