import { addYears, allOf, asDate, BadUserInputError, today as chinaToday } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import { isMemberOnly, memberScopeFilter } from './access';

export interface MemberFilterInput {
  subtree?: boolean | null;
  status?: string[] | null;
  gender?: string | null;
  migrantWorker?: boolean | null;
  flexibleWorker?: boolean | null;
  joinedFrom?: Date | string | null;
  joinedTo?: Date | string | null;
  ageFrom?: number | null;
  ageTo?: number | null;
}

type Filter = Record<string, unknown>;

/** The filter's own conditions (no organization, no scope): shared by lists and batched loaders. */
export function attributeFilter(filter: MemberFilterInput | null | undefined, today = chinaToday()): Filter {
  const f: Filter = {};
  if (!filter) return f;
  if (filter.status?.length) f.status = { $in: filter.status };
  if (filter.gender) f.gender = filter.gender;
  if (filter.migrantWorker != null) f.migrantWorker = filter.migrantWorker ? true : { $ne: true };
  if (filter.flexibleWorker != null) f.flexibleWork = filter.flexibleWorker ? { $ne: null } : null;
  if (filter.joinedFrom || filter.joinedTo) {
    f.joinedAt = {
      ...(filter.joinedFrom ? { $gte: asDate(filter.joinedFrom) } : {}),
      ...(filter.joinedTo ? { $lte: asDate(filter.joinedTo) } : {}),
    };
  }
  for (const [field, v] of [
    ['ageFrom', filter.ageFrom],
    ['ageTo', filter.ageTo],
  ] as const) {
    if (v != null && (!Number.isInteger(v) || v < 0 || v > 150)) {
      throw new BadUserInputError(text('ageRange', { field }), `filter.${field}`);
    }
  }
  if (filter.ageFrom != null && filter.ageTo != null && filter.ageFrom > filter.ageTo) {
    throw new BadUserInputError(text('ageOrder'), 'filter.ageFrom');
  }
  if (filter.ageFrom != null || filter.ageTo != null) {
    // Aged at least N today = born on or before today N years ago; at most N = born after N+1 years ago.
    f.birthDate = {
      ...(filter.ageFrom != null ? { $lte: addYears(today, -filter.ageFrom) } : {}),
      ...(filter.ageTo != null ? { $gt: addYears(today, -(filter.ageTo + 1)) } : {}),
    };
  }
  return f;
}

/**
 * A member list's whole filter: the caller's scope, the organization (alone or with its subtree)
 * and the attribute conditions, as one document whose union equality leads (the kit's allOf), so
 * FerretDB on PostgreSQL filters a union's members itself (#18).
 */
export async function memberFilter(
  ctx: Context,
  organizationId: string | null | undefined,
  filter: MemberFilterInput | null | undefined,
  extra: Filter = {},
): Promise<Filter> {
  const attributes = attributeFilter(filter);
  if (!organizationId) return allOf(await memberScopeFilter(ctx), attributes, extra);
  let union: Filter;
  if (filter?.subtree) union = await ctx.scope.subtreeFilter(organizationId);
  else {
    await ctx.scope.requireOrg(organizationId);
    union = { organizationId };
  }
  // The union is one the caller may see (checked just above), so a scope of unions adds nothing;
  // a member's own record still limits a MEMBER caller.
  const own = isMemberOnly(ctx) ? await memberScopeFilter(ctx) : {};
  return allOf(union, own, attributes, extra);
}
