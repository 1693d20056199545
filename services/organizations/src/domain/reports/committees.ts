import { type ConnectionArgs, connectionFromArray, today } from '@union-graph/subgraph-kit';
import type { OrganizationFilter } from '../../__generated__/resolvers-types';
import type { Context } from '../../context';
import type { CommitteeTermDoc, OrganizationDoc } from '../../models';
import { type CommitteeProblem, committeeProblems } from '../committees';
import { listOrganizations } from '../org-filter';
import { GRASSROOTS_UNION_TYPES } from '../tree';
import { disclosedProblems } from '../women-disclosure';

export interface CommitteeCheckRow {
  organization: OrganizationDoc;
  problems: CommitteeProblem[];
}

/** Active grassroots unions with committee problems: three commands (unions, their terms, registry counts). */
export async function committeeChecks(
  ctx: Context,
  filter: OrganizationFilter | null | undefined,
  problem: CommitteeProblem | null | undefined,
  page: ConnectionArgs,
) {
  const unions = await listOrganizations(ctx, filter, {
    type: { $in: GRASSROOTS_UNION_TYPES },
    status: 'ACTIVE',
  });
  const ids = unions.map((u) => u._id);
  const terms = await ctx.models.CommitteeTerm.find({ organizationId: { $in: ids } }).lean();
  // R14: the registry's counts of the same unions, one more command.
  const registry = await ctx.loaders.registryCount.loadMany(ids);
  const termsOf = new Map<string, CommitteeTermDoc[]>();
  for (const t of terms) termsOf.set(t.organizationId, [...(termsOf.get(t.organizationId) ?? []), t]);
  const on = today();
  const rows = unions
    .map((organization, i) => {
      const found = registry[i];
      const counts = found instanceof Error ? null : found;
      const problems = committeeProblems(organization, termsOf.get(organization._id) ?? [], on, counts);
      // Issue #19: an analyst's list would tell 1–9 women where the union's own figure is withheld.
      return { organization, problems: disclosedProblems(ctx.caller, organization, counts, problems) };
    })
    .filter((r) => r.problems.length > 0 && (!problem || r.problems.includes(problem)));
  return connectionFromArray<CommitteeCheckRow>(rows, page);
}
