import { type ConnectionArgs, MAX_PAGE_SIZE, paginate } from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import type { Context } from '../context';

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
