import type { OrganizationCountDimension, OrganizationFilter } from '../../__generated__/resolvers-types';
import type { Context } from '../../context';
import { organizationConditions } from '../org-filter';
import { regionName, regionOf } from '../regions';

const FIELDS: Partial<Record<OrganizationCountDimension, string>> = {
  TYPE: 'type',
  LEVEL: 'level',
  STATUS: 'status',
};

/** Counts by one dimension in one `$group` (regions: by division code, folded in memory). */
export async function organizationCounts(
  ctx: Context,
  by: OrganizationCountDimension,
  filter: OrganizationFilter | null | undefined,
) {
  const field = FIELDS[by] ?? 'divisionCode';
  const rows = await ctx.models.Organization.aggregate<{ _id: string; n: number }>([
    { $match: organizationConditions(ctx.scope, filter) },
    { $group: { _id: `$${field}`, n: { $sum: 1 } } },
  ]);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = field === 'divisionCode' ? regionOf(row._id, by as 'PROVINCE' | 'CITY' | 'COUNTY') : row._id;
    counts.set(key, (counts.get(key) ?? 0) + row.n);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => ({ key, count, label: field === 'divisionCode' ? regionName(key) : null }));
}
