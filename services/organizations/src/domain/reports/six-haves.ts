import type { Context } from '../../context';
import { type OrganizationDoc, SIX_HAVES, type SixHavesAssessmentDoc } from '../../models';
import { sixHavesRules } from '../../rules';
import { organizationConditions } from '../org-filter';
import { type DivisionLevel, groupByRegion, rate, regionName } from '../regions';
import { type Criterion, disagreementsOf, evidenceOfUnions } from '../six-haves-evidence';
import { GRASSROOTS_UNION_TYPES } from '../tree';

export type SixHavesBasis = 'MARKS' | 'EVIDENCE';

const ACTIVE_GRASSROOTS = { type: { $in: GRASSROOTS_UNION_TYPES }, status: 'ACTIVE' };

/**
 * Compliance of active grassroots unions for a year, for the selection and per region, counted from
 * the year's assessments (MARKS: two commands, the unions and their assessments) or from the records
 * (EVIDENCE: the unions, then each source of evidence once for all of them); arithmetic in memory.
 */
export async function sixHavesCompliance(
  ctx: Context,
  year: number,
  by: DivisionLevel,
  region: { divisionCode?: string | null; subtreeOf?: string | null },
  basis: SixHavesBasis = 'MARKS',
  goal = sixHavesRules.goal,
) {
  const unions = await ctx.models.Organization.find(
    organizationConditions(ctx.scope, region, ACTIVE_GRASSROOTS),
    { divisionCode: 1, reportedFemaleMembers: 1 },
  ).lean<OrganizationDoc[]>();
  // Per union: compliant (true/false) where known; absent where not assessed (or not all known).
  const compliantOf = new Map<string, boolean>();
  if (basis === 'MARKS') {
    const assessments = await ctx.models.SixHavesAssessment.find(
      { year, organizationId: { $in: unions.map((u) => u._id) } },
      { organizationId: 1, compliant: 1 },
    ).lean();
    for (const a of assessments) compliantOf.set(a.organizationId, a.compliant);
  } else {
    for (const e of await evidenceOfUnions(ctx, unions, year))
      if (e.compliant !== null) compliantOf.set(e.organizationId, e.compliant);
  }
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
    basis,
    total: figures(unions, region.divisionCode ?? null),
    byRegion: [...groupByRegion(unions, (u) => u.divisionCode, by)].map(([code, group]) =>
      figures(group, code),
    ),
  };
}

export interface DisagreementRegionRow {
  divisionCode: string | null;
  name: string | null;
  assessed: number;
  disagreeing: number;
  rate: number;
  byCriterion: { criterion: Criterion; count: number }[];
  organizations: OrganizationDoc[];
}

interface AssessedUnion {
  union: OrganizationDoc;
  disagreeOn: Criterion[];
}

function disagreementRegion(
  rows: readonly AssessedUnion[],
  divisionCode: string | null,
): DisagreementRegionRow {
  const disagreeing = rows.filter((r) => r.disagreeOn.length > 0);
  return {
    divisionCode,
    name: divisionCode ? regionName(divisionCode) : null,
    assessed: rows.length,
    disagreeing: disagreeing.length,
    rate: rate(disagreeing.length, rows.length),
    byCriterion: SIX_HAVES.map((criterion) => ({
      criterion,
      count: rows.filter((r) => r.disagreeOn.includes(criterion)).length,
    })),
    organizations: disagreeing.map((r) => r.union),
  };
}

/**
 * R5: the year's assessments of active grassroots unions in a union's subtree whose marks the
 * records contradict, for the subtree and per region. Staff and analysts only: members see no
 * other union's assessment; a union outside the caller's subtree is NOT_FOUND / FORBIDDEN.
 */
export async function sixHavesDisagreements(
  ctx: Context,
  organizationId: string,
  year: number,
  by: DivisionLevel,
) {
  ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
  await ctx.scope.requireOrg(organizationId);
  const unions = await ctx.models.Organization.find(
    organizationConditions(ctx.scope, { subtreeOf: organizationId }, ACTIVE_GRASSROOTS),
  )
    .sort({ divisionCode: 1, name: 1 })
    .lean<OrganizationDoc[]>();
  const assessments = new Map(
    (
      await ctx.models.SixHavesAssessment.find({
        year,
        organizationId: { $in: unions.map((u) => u._id) },
      }).lean<SixHavesAssessmentDoc[]>()
    ).map((a) => [a.organizationId, a]),
  );
  const assessed = unions.filter((u) => assessments.has(u._id));
  const evidence = await evidenceOfUnions(ctx, assessed, year);
  const rows = assessed.map((union, i) => ({
    union,
    disagreeOn: disagreementsOf(assessments.get(union._id)!, evidence[i]!).map((d) => d.criterion),
  }));
  return {
    year,
    total: disagreementRegion(rows, null),
    byRegion: [...groupByRegion(rows, (r) => r.union.divisionCode, by)].map(([code, group]) =>
      disagreementRegion(group, code),
    ),
  };
}
