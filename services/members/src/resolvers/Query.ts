import { BadUserInputError, breakdownExport, paginate } from '@union-graph/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { readableMember } from '../domain/access';
import { accessLogFilter, ownAccessFilter } from '../domain/access-log';
import { memberBreakdown } from '../domain/breakdown';
import { disclosedList } from '../domain/disclosure';
import { duesReviewFilter } from '../domain/dues';
import { memberFilter } from '../domain/filters';
import { residentIdText } from '../domain/person';
import { ROSTER_COLUMNS, rosterWorkbook } from '../domain/roster';
import { exportRoster } from '../domain/roster-export';
import { memberStatisticsReport } from '../domain/statistics-report';
import { proposalFilter, sweepStatus } from '../domain/sweep';
import { transferListFilter } from '../domain/transfer-lists';
import { readableTransfer } from '../domain/transfers';

export const Query: QueryResolvers = {
  member: async (_p, { id }, ctx) => readableMember(ctx, await ctx.loaders.member.load(id)),

  memberByResidentId: async (_p, { residentId }, ctx) => {
    ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN');
    const id = residentId.trim().toUpperCase();
    const problem = residentIdText(id);
    if (problem) throw new BadUserInputError(problem, 'residentId');
    // The current membership if any, else the latest record of the person.
    const docs = await ctx.models.Member.find({ residentId: id }).sort({ updatedAt: -1 }).lean();
    const current = docs.find((d) => d.activeKey === id) ?? docs[0];
    return readableMember(ctx, current);
  },

  members: async (_p, { organizationId, filter, first, after }, ctx) => {
    const list = await paginate(
      ctx.models.Member,
      await memberFilter(ctx, organizationId, filter),
      { first, after },
      { joinedAt: 1 },
    );
    // The same scope without the filter's conditions: the filter's complement must not be under k.
    const unfiltered = async () =>
      ctx.models.Member.countDocuments(await memberFilter(ctx, organizationId, { subtree: filter?.subtree }));
    return disclosedList(ctx, list, unfiltered, { orgId: organizationId, subtree: Boolean(filter?.subtree) });
  },

  memberStatistics: (_p, args, ctx) => memberStatisticsReport(ctx, args),

  memberBreakdown: (_p, args, ctx) => memberBreakdown(ctx, args),

  exportMemberBreakdown: breakdownExport({
    subgraph: 'members',
    dimensionEnum: 'MemberDimension',
    name: 'member-breakdown',
    breakdown: memberBreakdown,
    // The subgraph's one downloads collection, roster exports' and statistics files' alike.
    downloads: (ctx) => ctx.models.RosterDownload,
  }),

  membershipApplications: async (_p, { organizationId, status, first, after }, ctx) => {
    ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
    await ctx.scope.requireOrg(organizationId);
    // Applicants are persons: an analyst's list under k is withheld like a member list.
    return disclosedList(
      ctx,
      await paginate(
        ctx.models.MembershipApplication,
        { organizationId, ...(status ? { status } : {}) },
        { first, after },
        { appliedAt: -1 },
      ),
    );
  },

  memberTransfer: async (_p, { id }, ctx) => readableTransfer(ctx, await ctx.loaders.transfer.load(id)),

  memberTransfers: async (_p, { first, after, ...args }, ctx) =>
    disclosedList(
      ctx,
      await paginate(
        ctx.models.MemberTransfer,
        await transferListFilter(ctx, args),
        { first, after },
        { openedAt: -1 },
      ),
    ),

  duesReview: async (_p, { organizationId, proposed, first, after }, ctx) => {
    ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
    const filter = await memberFilter(ctx, organizationId, { subtree: true }, duesReviewFilter());
    return disclosedList(
      ctx,
      await paginate(
        ctx.models.Member,
        await proposalFilter(ctx, filter, proposed),
        { first, after },
        { joinedAt: 1 },
      ),
      undefined,
      // Members due for review in a subtree: a part of its count, withheld with it.
      { orgId: organizationId, subtree: true },
    );
  },

  withdrawalSweep: (_p, { organizationId }, ctx) => sweepStatus(ctx, organizationId),

  personalDataAccessLog: async (_p, { filter, first, after }, ctx) =>
    paginate(ctx.models.PersonalAccess, accessLogFilter(ctx, filter), { first, after }, { at: -1 }),

  myPersonalDataAccess: async (_p, { first, after }, ctx) =>
    paginate(ctx.models.PersonalAccess, ownAccessFilter(ctx), { first, after }, { at: -1 }),

  rosterTemplate: async (_p, _a, ctx) => ({
    columns: ROSTER_COLUMNS.map((c) => ({ ...c, description: c.description.render(ctx.caller.language) })),
    xlsxBase64: await rosterWorkbook([]),
  }),

  exportRoster: async (_p, { organizationId, subtree }, ctx) => {
    ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
    const filter = await memberFilter(ctx, organizationId, { subtree });
    return exportRoster(ctx, { orgId: organizationId, subtree: Boolean(subtree) }, filter);
  },
};
