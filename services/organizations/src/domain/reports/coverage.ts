import type { Context } from '../../context';
import { ENTERPRISE_KINDS, type OrganizationDoc } from '../../models';
import { generalUnionRules } from '../../rules';
import { OWN_UNION_THRESHOLD } from '../coverage';
import { hostUnitConditions } from '../host-units';
import { type DivisionLevel, groupByRegion, rate, regionName } from '../regions';
import { OPEN_STATUSES } from '../tree';

interface Region {
  divisionCode?: string | null;
  subtreeOf?: string | null;
}

/** Units, covered units and their employees per region (R1): three commands at most, whatever the size. */
export async function coverageByRegion(ctx: Context, by: DivisionLevel, region: Region) {
  const units = await ctx.models.HostUnit.find(await hostUnitConditions(ctx, region), {
    divisionCode: 1,
    employeeCount: 1,
  }).lean();
  const coverages = await ctx.models.Coverage.find(
    { unitId: { $in: units.map((u) => u._id) } },
    { unitId: 1, own: 1 },
  ).lean();
  const own = new Map(coverages.map((c) => [c.unitId, c.own]));
  return [...groupByRegion(units, (u) => u.divisionCode, by)].map(([divisionCode, group]) => {
    let coveredUnits = 0;
    let employees = 0;
    let coveredEmployees = 0;
    let unitsNeedingOwnUnion = 0;
    let smallUnitsUncovered = 0;
    for (const u of group) {
      const covered = own.has(u._id);
      employees += u.employeeCount;
      if (covered) {
        coveredUnits++;
        coveredEmployees += u.employeeCount;
      }
      if (u.employeeCount >= OWN_UNION_THRESHOLD && !own.get(u._id)) unitsNeedingOwnUnion++;
      if (u.employeeCount < OWN_UNION_THRESHOLD && !covered) smallUnitsUncovered++;
    }
    return {
      divisionCode,
      name: regionName(divisionCode),
      units: group.length,
      coveredUnits,
      employees,
      coveredEmployees,
      unitRate: rate(coveredUnits, group.length),
      employeeRate: rate(coveredEmployees, employees),
      unitsNeedingOwnUnion,
      smallUnitsUncovered,
    };
  });
}

export interface GeneralUnionCandidateRow {
  divisionCode: string;
  locality: string;
  enterprises: number;
  employees: number;
  existing: OrganizationDoc | null;
}

const GENERAL_UNION_TYPES = ['TOWNSHIP_FEDERATION', 'DEV_ZONE_UNION'];

/**
 * Townships, streets and parks whose enterprises reach either mark and that have no general union
 * yet (a work committee there is shown: it should convert, §5). Places are the units' `locality`
 * within a county division.
 */
export async function generalUnionCandidates(
  ctx: Context,
  region: Region,
  marks = generalUnionRules,
): Promise<GeneralUnionCandidateRow[]> {
  const units = await ctx.models.HostUnit.find(
    {
      $and: [
        await hostUnitConditions(ctx, region),
        { kind: { $in: ENTERPRISE_KINDS }, locality: { $ne: null } },
      ],
    },
    { divisionCode: 1, locality: 1, employeeCount: 1 },
  ).lean();
  const places = new Map<string, GeneralUnionCandidateRow>();
  for (const u of units) {
    const key = `${u.divisionCode}|${u.locality}`;
    const place = places.get(key) ?? {
      divisionCode: u.divisionCode,
      locality: u.locality!,
      enterprises: 0,
      employees: 0,
      existing: null,
    };
    place.enterprises++;
    place.employees += u.employeeCount;
    places.set(key, place);
  }
  const candidates = [...places.values()].filter(
    (p) => p.enterprises >= marks.enterprises || p.employees >= marks.employees,
  );
  if (candidates.length === 0) return [];
  const unions = await ctx.models.Organization.find({
    ...ctx.scope.pathFilter('path'),
    type: { $in: [...GENERAL_UNION_TYPES, 'TOWNSHIP_WORK_COMMITTEE'] },
    status: { $in: OPEN_STATUSES },
    locality: { $in: candidates.map((c) => c.locality) },
  }).lean<OrganizationDoc[]>();
  const at = (c: GeneralUnionCandidateRow) =>
    unions.filter((o) => o.locality === c.locality && o.divisionCode === c.divisionCode);
  return candidates
    .filter((c) => !at(c).some((o) => GENERAL_UNION_TYPES.includes(o.type)))
    .map((c) => ({ ...c, existing: at(c)[0] ?? null }))
    .sort((a, b) => a.divisionCode.localeCompare(b.divisionCode) || a.locality.localeCompare(b.locality));
}
