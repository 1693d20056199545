import { division } from '@union-graph/domain';
import {
  disclosedCount,
  type Language,
  minimumCountFor,
  type OrgRef,
  orgDirectoryModel,
  withheldCells,
} from '@union-graph/subgraph-kit';
import type { QueryMemberStatisticsArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { memberBreakdown } from './breakdown';
import { memberFilter } from './filters';
import { type BreakdownKey, LABELS, labelOf, ORG_TYPE_LABELS } from './statistics';
import { treeWithholds } from './tree-disclosure';

const MEMBER_FIELD: Partial<Record<BreakdownKey, string>> = {
  STATUS: 'status',
  GENDER: 'gender',
  MIGRANT_WORKER: 'migrantWorker',
  FLEXIBLE_WORK: 'flexibleWork',
};

/** The group of members whose field is unset: not migrant workers, or (§6) workers with an employer. */
const UNSET_GROUP: Partial<Record<BreakdownKey, string>> = {
  MIGRANT_WORKER: 'false',
  FLEXIBLE_WORK: 'FIXED_EMPLOYER',
};

export interface CountGroup {
  key: string;
  label: string;
  count: number | null;
  suppressed: boolean;
}

export interface MemberStatisticsReport {
  total: number | null;
  groups: CountGroup[];
}

/** Which group an organization's members fall in, from its directory entry. */
function orgGroup(
  by: BreakdownKey,
  org: OrgRef | undefined,
  language: Language | undefined,
): { key: string; label: string } {
  const unknown = { key: 'unknown', label: labelOf(LABELS, 'unknown', language) };
  if (!org) return unknown;
  if (by === 'ORGANIZATION_TYPE')
    return { key: org.type, label: labelOf(ORG_TYPE_LABELS, org.type, language) };
  const d = division(org.divisionCode);
  const code = by === 'PROVINCE' ? d?.provinceCode : d?.cityCode;
  const name = code ? division(code)?.name : undefined;
  return code && name ? { key: code, label: name } : unknown;
}

/** The filter fields the statistics read model matches (memberBreakdown's filter). */
const READ_MODEL_FILTERS = new Set(['subtree', 'status', 'gender', 'migrantWorker']);

/**
 * `memberStatistics` (deprecated for memberBreakdown, issue #19): one way to compute each figure.
 * A question memberBreakdown can answer — a dimension it has, over a subtree or the caller's scope,
 * filtered by status, gender or migrant work — is answered by it, from the read model, under its
 * disclosure control. The rest (FLEXIBLE_WORK, joined or age ranges, one union without its
 * subtree) only this report asks: counted from the member records, held to the same k.
 */
export async function memberStatisticsReport(
  ctx: Context,
  { organizationId, filter, by }: QueryMemberStatisticsArgs,
): Promise<MemberStatisticsReport> {
  ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
  const readModel =
    by !== 'FLEXIBLE_WORK' &&
    (!organizationId || filter?.subtree) &&
    Object.entries(filter ?? {}).every(([field, v]) => v == null || READ_MODEL_FILTERS.has(field));
  if (readModel) {
    // Refused on this report's own argument, as before, rather than on memberBreakdown's filter.
    if (organizationId) await ctx.scope.requireOrg(organizationId, 'organizationId');
    const table = await memberBreakdown(ctx, {
      groupBy: [by],
      filter: {
        organizationId,
        status: filter?.status,
        gender: filter?.gender,
        migrantWorker: filter?.migrantWorker,
      },
    });
    return {
      total: table.total,
      groups: table.rows.map(({ values: [group], count, suppressed }) => ({
        key: group!.code,
        label: group!.label,
        count,
        suppressed,
      })),
    };
  }
  const match = await memberFilter(ctx, organizationId, filter);
  return countedFromRecords(
    ctx,
    match,
    by,
    await treeWithholds(ctx, organizationId, Boolean(filter?.subtree)),
  );
}

/**
 * Counts members matching `match`, grouped. One `$group` (FerretDB computes a single accumulator);
 * region and type groups count per organization first, then fold by the directory entries. An
 * analyst reads it as a one-way table of memberBreakdown: cells under k withheld, and a partner
 * beside a lone one, since the total would give it away; the whole table when the tree withholds
 * its scope's count (`withheld`), whatever the filter.
 */
async function countedFromRecords(
  ctx: Context,
  match: Record<string, unknown>,
  by: BreakdownKey,
  withheld: boolean,
): Promise<MemberStatisticsReport> {
  const field = MEMBER_FIELD[by] ?? 'organizationId';
  const rows = await ctx.models.Member.aggregate<{ _id: unknown; n: number }>([
    { $match: match },
    { $group: { _id: `$${field}`, n: { $sum: 1 } } },
  ]);
  const groups = new Map<string, { key: string; label: string; count: number }>();
  const add = (key: string, label: string, n: number) => {
    const g = groups.get(key) ?? { key, label, count: 0 };
    g.count += n;
    groups.set(key, g);
  };
  if (field !== 'organizationId') {
    for (const r of rows) {
      const key = String(r._id ?? UNSET_GROUP[by] ?? 'unknown');
      add(key, labelOf(LABELS, key, ctx.caller.language), r.n);
    }
  } else {
    const orgs = await orgDirectoryModel(ctx.models.Member.db)
      .find({ _id: { $in: rows.map((r) => String(r._id)) } })
      .lean<OrgRef[]>();
    const byId = new Map(orgs.map((o) => [String(o._id), o]));
    for (const r of rows) {
      const { key, label } = orgGroup(by, byId.get(String(r._id)), ctx.caller.language);
      add(key, label, r.n);
    }
  }
  const counted = [...groups.values()];
  const total = counted.reduce((n, g) => n + g.count, 0);
  const k = minimumCountFor(ctx.caller);
  const shownTotal = withheld ? null : disclosedCount(total, k);
  const hidden =
    k === null
      ? new Set<number>()
      : withheldCells(
          counted.map((g) => ({ codes: [g.key], count: g.count })),
          k,
          { tooFew: shownTotal === null },
        );
  return {
    total: shownTotal,
    groups: counted
      .map((g, i) => ({ ...g, count: hidden.has(i) ? null : g.count, suppressed: hidden.has(i) }))
      // Withheld groups sort as if empty, as memberBreakdown's rows do: their place would tell their size.
      .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.key.localeCompare(b.key)),
  };
}
