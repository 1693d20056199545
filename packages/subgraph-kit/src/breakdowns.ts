import type { Language } from '@union-graph/auth';
import type { Model } from 'mongoose';
import type { SubgraphContext } from './context';
import { ORG_EVENT_TYPE, type OrgRef } from './directory';
import { BadUserInputError } from './errors';
import { defineMessages } from './messages';
import { type FactTable, minimumCountFor, type Statistics } from './statistics';

/*
 * What every subgraph's breakdowns share (issue #19, docs/statistics.md): the checks and scope of
 * a breakdown request, and the read-model table of the org directory the subgraph keeps.
 */

const text = defineMessages('kit.breakdown', {
  dimensions: { zh: '统计维度须为 1 至 {max} 个且互不重复', en: 'group by one to {max} distinct dimensions' },
  top: { zh: 'top 须为正整数', en: 'top must be a positive integer' },
});

/** More dimensions make cells too small to show an analyst anything but suppressions. */
export const MAX_BREAKDOWN_DIMENSIONS = 3;

/** What a breakdown resolver asks the read model, once the request is checked. */
export interface BreakdownRequest<D extends string> {
  statistics: Statistics<D>;
  /** The union whose subtree is counted; null: the country. */
  root: string | null;
  k: number | null;
  language: Language | undefined;
}

/**
 * What every subgraph's `…Breakdown` checks and derives alike (issue #19, docs/statistics.md):
 * administrators and analysts only; one to three distinct dimensions; a positive `top`; the subtree
 * of `filter.organizationId` when the caller may see it, else the caller's own (the country for a
 * nationwide caller, nobody for a caller acting for no union); and the k the caller is held to.
 */
export async function breakdownRequest<D extends string>(
  // biome-ignore lint/suspicious/noExplicitAny: any subgraph's context
  ctx: SubgraphContext<any, any>,
  args: { groupBy: readonly D[]; top?: number | null; filter?: { organizationId?: string | null } | null },
): Promise<BreakdownRequest<D>> {
  ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
  const { groupBy, top } = args;
  if (
    groupBy.length === 0 ||
    groupBy.length > MAX_BREAKDOWN_DIMENSIONS ||
    new Set(groupBy).size !== groupBy.length
  )
    throw new BadUserInputError(text('dimensions', { max: MAX_BREAKDOWN_DIMENSIONS }), 'groupBy');
  if (top != null && top < 1) throw new BadUserInputError(text('top'), 'top');
  const organizationId = args.filter?.organizationId;
  const root = organizationId
    ? (await ctx.scope.requireOrg(organizationId, 'filter.organizationId'))._id
    : ctx.scope.isNationwide
      ? null
      : (ctx.caller.orgId ?? '\u0000none');
  if (!ctx.statistics) throw new Error('the statistics read model is not running');
  return {
    statistics: ctx.statistics as Statistics<D>,
    root,
    k: minimumCountFor(ctx.caller),
    language: ctx.caller.language,
  };
}

/**
 * The org directory the subgraph keeps, as a table of its statistics read model (`orgs`): each
 * union's type, its path for subtree filters (`/root/…/union/`), and the region codes
 * `regions` gives its division (e.g. `regionCodesOf` of `@union-graph/domain`). Its rows follow
 * the `Organization` events the directory consumer relays onto the subgraph's stream.
 */
export function directoryTable<TModels>(
  directory: (models: TModels) => Model<OrgRef>,
  regions: (divisionCode: string) => { province: string | null; city: string | null; county: string | null },
): FactTable<TModels> {
  return {
    name: 'orgs',
    eventType: ORG_EVENT_TYPE,
    source: directory,
    projection: { type: 1, path: 1, divisionCode: 1 },
    columns: { type: 'text', path: 'text', province: 'text', city: 'text', county: 'text' },
    row: (o: OrgRef) => ({ type: o.type, path: `/${o.path.join('/')}/`, ...regions(o.divisionCode) }),
  };
}
