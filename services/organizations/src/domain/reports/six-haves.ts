import type { Context } from '../../context';
import { sixHavesRules } from '../../rules';
import { organizationConditions } from '../org-filter';
import { type DivisionLevel, groupByRegion, rate, regionName } from '../regions';
import { GRASSROOTS_UNION_TYPES } from '../tree';

/**
 * Compliance of active grassroots unions for a year, for the selection and per region: two
 * commands (the unions, that year's assessments of them), then arithmetic in memory.
 */
export async function sixHavesCompliance(
  ctx: Context,
  year: number,
  by: DivisionLevel,
  region: { divisionCode?: string | null; subtreeOf?: string | null },
  goal = sixHavesRules.goal,
) {
  const unions = await ctx.models.Organization.find(
    organizationConditions(ctx.scope, region, { type: { $in: GRASSROOTS_UNION_TYPES }, status: 'ACTIVE' }),
    { divisionCode: 1 },
  ).lean();
  const assessments = await ctx.models.SixHavesAssessment.find(
    { year, organizationId: { $in: unions.map((u) => u._id) } },
    { organizationId: 1, compliant: 1 },
  ).lean();
  const compliantOf = new Map(assessments.map((a) => [a.organizationId, a.compliant]));
  const figures = (group: readonly { _id: string }[], divisionCode: string | null) => {
    const assessed = group.filter((u) => compliantOf.has(u._id)).length;
    const compliant = group.filter((u) => compliantOf.get(u._id)).length;
    const share = rate(compliant, group.length);
    return {
      divisionCode,
      name: divisionCode ? regionName(divisionCode) : null,
      unions: group.length,
      assessed,
      compliant,
      rate: share,
      goal,
      meetsGoal: group.length > 0 && share >= goal,
    };
  };
  return {
    year,
    total: figures(unions, region.divisionCode ?? null),
    byRegion: [...groupByRegion(unions, (u) => u.divisionCode, by)].map(([code, group]) =>
      figures(group, code),
    ),
  };
}
