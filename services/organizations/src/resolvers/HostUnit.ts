import { industryDivision, industrySection, ownershipOf, unitSizeBand } from '@union-graph/domain';
import type { HostUnitResolvers } from '../__generated__/resolvers-types';
import { OWN_UNION_THRESHOLD } from '../domain/coverage';
import { visibleHostUnit } from '../domain/host-units';
import { visibleOrganization } from '../domain/organizations';

export const HostUnit: HostUnitResolvers = {
  __resolveReference: (ref, ctx) => visibleHostUnit(ctx, ref.id),
  id: (unit) => unit._id,
  responsibleOrganization: (unit, _args, ctx) => visibleOrganization(ctx, unit.responsibleOrgId),
  coveredBy: async (unit, _args, ctx) => {
    const coverage = await ctx.loaders.coverageOfUnit.load(unit._id);
    return coverage ? visibleOrganization(ctx, coverage.organizationId) : null;
  },
  industry: (unit) => {
    const division = unit.industry ? industryDivision(unit.industry) : undefined;
    return division ? { section: industrySection(division.section)!, division } : null;
  },
  ownership: (unit) => ownershipOf(unit)!,
  sizeBand: (unit) => unitSizeBand(unit.employeeCount),
  needsOwnUnion: async (unit, _args, ctx) =>
    unit.employeeCount >= OWN_UNION_THRESHOLD && !(await ctx.loaders.coverageOfUnit.load(unit._id))?.own,
};
