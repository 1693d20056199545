import type { OrganizationDoc } from '../../models';
import { type DivisionLevel, groupByRegion, rate, regionName } from '../regions';

/** One region of a report that looks at some unions and lists those it finds (§5, §18). */
export interface RegionFindingRow {
  divisionCode: string;
  name: string | null;
  unions: number;
  found: number;
  rate: number;
  organizations: OrganizationDoc[];
}

/** Groups the unions looked at by region and lists, per region, those `found` picks. */
export function regionFindings(
  unions: readonly OrganizationDoc[],
  found: (union: OrganizationDoc) => boolean,
  by: DivisionLevel,
): RegionFindingRow[] {
  return [...groupByRegion(unions, (u) => u.divisionCode, by)].map(([divisionCode, group]) => {
    const hits = group.filter(found);
    return {
      divisionCode,
      name: regionName(divisionCode),
      unions: group.length,
      found: hits.length,
      rate: rate(hits.length, group.length),
      organizations: hits,
    };
  });
}

export interface Region {
  divisionCode?: string | null;
  subtreeOf?: string | null;
}
