import type { OrgRef } from '@union-graph/subgraph-kit';
import type { RegionLevel } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { type CadreDoc, SERVING } from '../models';
import { staffingRules } from '../rules';
import { regionCode, regionName } from './regions';
import { LIVE_UNIONS, subtreeOrgs } from './subtree';
import type { RegionStaffingRow, StaffingRule, StaffingView } from './views';

type Rules = typeof staffingRules;

/** R3 for township/street and development-zone unions (§5), R4 for regional and sectoral ones (§6). */
export function staffingRuleOf(type: string, rules: Rules = staffingRules): StaffingRule | null {
  if (rules.viceChairTypes.includes(type)) return 'R3';
  if (rules.staffTypes.includes(type)) return 'R4';
  return null;
}

/** Codes as a SQL list of string literals (codes are identifiers: no quoting needed). */
export const sqlList = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * `staffingRuleOf` and `requiredStaff` over the statistics read model (issue #19), from the same
 * settings: SQL giving the rule of a union of type `type` (NULL when none applies), and the
 * minimum it requires.
 */
export function staffingRuleSql(
  type: string,
  rules: Rules = staffingRules,
): { rule: string; required: string } {
  const rule = `(CASE WHEN ${type} IN (${sqlList(rules.viceChairTypes)}) THEN 'R3'
    WHEN ${type} IN (${sqlList(rules.staffTypes)}) THEN 'R4' END)`;
  return {
    rule,
    required: `(CASE ${rule} WHEN 'R3' THEN ${requiredStaff('R3', rules)} WHEN 'R4' THEN ${requiredStaff('R4', rules)} ELSE 0 END)`,
  };
}

/** The minimum a rule requires of a union (0 when none applies). */
export function requiredStaff(rule: StaffingRule | null, rules: Rules = staffingRules): number {
  return rule === 'R3' ? rules.minFullTimeViceChairs : rule === 'R4' ? rules.minFullTimeStaff : 0;
}

/**
 * Whom a rule counts among the union's serving full-time cadres: R3 full-time vice-chairs, R4
 * every full-time cadre (a full-time chair or vice-chair is full-time staff too).
 */
function countedStaff<T>(rule: StaffingRule | null, counts: { fullTimeViceChairs: T; fullTimeStaff: T }): T {
  return rule === 'R3' ? counts.fullTimeViceChairs : counts.fullTimeStaff;
}

/**
 * The same judgement over the statistics read model (issue #19): given SQL for a union's rule, its
 * required minimum and both counts, `MEETS`, `SHORT`, or `NOT_APPLICABLE` when no rule covers it.
 */
export function staffingStateSql(sql: {
  rule: string;
  required: string;
  fullTimeViceChairs: string;
  fullTimeStaff: string;
}): string {
  const counted = countedStaff('R3', sql);
  return `CASE WHEN ${sql.rule} IS NULL THEN 'NOT_APPLICABLE'
    WHEN (CASE WHEN ${sql.rule} = 'R3' THEN ${counted} ELSE ${countedStaff('R4', sql)} END) >= ${sql.required}
    THEN 'MEETS' ELSE 'SHORT' END`;
}

/** R3 / R4 for one union from its serving cadres. A union neither rule covers requires nothing and is never short. */
export function judgeStaffing(
  org: Pick<OrgRef, '_id' | 'name' | 'type' | 'divisionCode'>,
  cadres: readonly CadreDoc[],
  rules: Rules = staffingRules,
): StaffingView {
  const fullTime = cadres.filter((c) => c.status === SERVING && c.fullTime);
  const fullTimeViceChairs = fullTime.filter((c) => c.position === 'VICE_CHAIR').length;
  const rule = staffingRuleOf(org.type, rules);
  const required = requiredStaff(rule, rules);
  const counted = countedStaff(rule, { fullTimeViceChairs, fullTimeStaff: fullTime.length });
  return {
    organizationId: org._id,
    name: org.name,
    divisionCode: org.divisionCode,
    rule,
    fullTimeViceChairs,
    fullTimeStaff: fullTime.length,
    required,
    shortBy: Math.max(0, required - counted),
  };
}

/**
 * R3 / R4 for every live union of a subtree the rules cover (or only `rule`'s), ordered by region
 * then name: two queries whatever the size (the directory, the full-time cadres).
 */
export async function subtreeStaffing(
  ctx: Context,
  rootId: string,
  rule?: StaffingRule | null,
): Promise<StaffingView[]> {
  const types = [
    ...(rule !== 'R4' ? staffingRules.viceChairTypes : []),
    ...(rule !== 'R3' ? staffingRules.staffTypes : []),
  ];
  const orgs = await subtreeOrgs(ctx, rootId, { ...LIVE_UNIONS, type: { $in: types } });
  const fullTime = await ctx.models.Cadre.find({
    status: SERVING,
    fullTime: true,
    organizationId: { $in: orgs.map((o) => o._id) },
  }).lean<CadreDoc[]>();
  return orgs
    .map((o) =>
      judgeStaffing(
        o,
        fullTime.filter((c) => c.organizationId === o._id),
      ),
    )
    .sort((a, b) => a.divisionCode.localeCompare(b.divisionCode) || a.name.localeCompare(b.name, 'zh'));
}

/** The staffing figures grouped by the unions' division at `level`, e.g. every county of a province. */
export function staffingByRegion(views: readonly StaffingView[], level: RegionLevel): RegionStaffingRow[] {
  const regions = new Map<string, RegionStaffingRow>();
  for (const v of views) {
    const divisionCode = regionCode(v.divisionCode, level);
    const region = regions.get(divisionCode) ?? {
      divisionCode,
      name: regionName(divisionCode, level),
      federations: 0,
      short: 0,
      fullTimeViceChairs: 0,
      fullTimeStaff: 0,
    };
    region.federations += 1;
    if (v.shortBy > 0) region.short += 1;
    region.fullTimeViceChairs += v.fullTimeViceChairs;
    region.fullTimeStaff += v.fullTimeStaff;
    regions.set(divisionCode, region);
  }
  return [...regions.values()].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode));
}
