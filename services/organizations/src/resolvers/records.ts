import type {
  AnnualReviewResolvers,
  CommitteeTermResolvers,
  HostUnitResolvers,
  OrganizationMoveResolvers,
  SixHavesAssessmentResolvers,
} from '../__generated__/resolvers-types';
import { isExpired, termEnd } from '../domain/committees';
import { OWN_UNION_THRESHOLD } from '../domain/coverage';
import { visibleHostUnit } from '../domain/host-units';
import { visibleOrganization } from '../domain/organizations';
import type { OrganizationDoc } from '../models';

/** The organization a visible record belongs to is visible too (records are scoped through it). */
async function ownerOf(ctx: Parameters<typeof visibleOrganization>[0], id: string): Promise<OrganizationDoc> {
  return (await ctx.loaders.organization.load(id))!;
}

export const HostUnit: HostUnitResolvers = {
  __resolveReference: (ref, ctx) => visibleHostUnit(ctx, ref.id),
  id: (unit) => unit._id,
  responsibleOrganization: (unit, _args, ctx) => visibleOrganization(ctx, unit.responsibleOrgId),
  coveredBy: async (unit, _args, ctx) => {
    const coverage = await ctx.loaders.coverageOfUnit.load(unit._id);
    return coverage ? visibleOrganization(ctx, coverage.organizationId) : null;
  },
  needsOwnUnion: async (unit, _args, ctx) =>
    unit.employeeCount >= OWN_UNION_THRESHOLD && !(await ctx.loaders.coverageOfUnit.load(unit._id))?.own,
};

export const CommitteeTerm: CommitteeTermResolvers = {
  id: (term) => term._id,
  organization: (term, _args, ctx) => ownerOf(ctx, term.organizationId),
  termEnd: (term) => termEnd(term),
  expired: (term) => isExpired(term),
};

export const SixHavesAssessment: SixHavesAssessmentResolvers = {
  id: (a) => a._id,
  organization: (a, _args, ctx) => ownerOf(ctx, a.organizationId),
};

export const AnnualReview: AnnualReviewResolvers = {
  id: (r) => r._id,
  organization: (r, _args, ctx) => ownerOf(ctx, r.organizationId),
  reviewer: (r, _args, ctx) => visibleOrganization(ctx, r.reviewerId),
};

export const OrganizationMove: OrganizationMoveResolvers = {
  id: (m) => m._id,
  organization: (m, _args, ctx) => ownerOf(ctx, m.organizationId),
};
