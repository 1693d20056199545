import type { Message } from '@union-graph/subgraph-kit';
import type {
  OrganizationCountDimension,
  OrganizationFilter,
  OrgLevel,
  OrgStatus,
  OrgType,
} from '../../__generated__/resolvers-types';
import type { Context } from '../../context';
import { levelLabel, statusLabel, typeLabel } from '../../messages';
import { organizationConditions } from '../org-filter';
import { regionName, regionOf } from '../regions';

/** The dimensions counted by an enum field, and the names of its values from the catalog. */
const ENUM_DIMENSIONS: Partial<
  Record<OrganizationCountDimension, { field: string; label: (value: string) => Message }>
> = {
  TYPE: { field: 'type', label: (value) => typeLabel(value as OrgType) },
  LEVEL: { field: 'level', label: (value) => levelLabel(value as OrgLevel) },
  STATUS: { field: 'status', label: (value) => statusLabel(value as OrgStatus) },
};

/**
 * Counts by one dimension in one `$group` (regions: by division code, folded in memory), each value
 * labelled: a place name, or the value's name in the caller's language.
 */
export async function organizationCounts(
  ctx: Context,
  by: OrganizationCountDimension,
  filter: OrganizationFilter | null | undefined,
) {
  const dimension = ENUM_DIMENSIONS[by];
  const field = dimension?.field ?? 'divisionCode';
  const rows = await ctx.models.Organization.aggregate<{ _id: string; n: number }>([
    { $match: organizationConditions(ctx.scope, filter) },
    { $group: { _id: `$${field}`, n: { $sum: 1 } } },
  ]);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = dimension ? row._id : regionOf(row._id, by as 'PROVINCE' | 'CITY' | 'COUNTY');
    counts.set(key, (counts.get(key) ?? 0) + row.n);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => ({
      key,
      count,
      label: dimension ? dimension.label(key).render(ctx.caller.language) : regionName(key),
    }));
}
