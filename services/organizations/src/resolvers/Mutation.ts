import type { MutationResolvers } from '../__generated__/resolvers-types';
import { coverUnit, registerHostUnit, uncoverUnit, updateHostUnit } from '../domain/host-units';
import { moveOrganization } from '../domain/move';
import {
  createOrganization,
  dissolveOrganization,
  mergeOrganization,
  updateOrganization,
} from '../domain/organizations';
import { recordAnnualReview, recordCommitteeTerm, recordSixHavesAssessment } from '../domain/records';

export const Mutation: MutationResolvers = {
  createOrganization: (_p, { input }, ctx) => createOrganization(ctx, input),
  updateOrganization: (_p, { id, input }, ctx) => updateOrganization(ctx, id, input),
  moveOrganization: (_p, { id, parentId }, ctx) => moveOrganization(ctx, id, parentId),
  mergeOrganization: (_p, { id, intoId, mergedAt }, ctx) => mergeOrganization(ctx, id, intoId, mergedAt),
  dissolveOrganization: (_p, { id, dissolvedAt }, ctx) => dissolveOrganization(ctx, id, dissolvedAt),
  registerHostUnit: (_p, { input }, ctx) => registerHostUnit(ctx, input),
  updateHostUnit: (_p, { id, input }, ctx) => updateHostUnit(ctx, id, input),
  coverUnit: (_p, { organizationId, unitId }, ctx) => coverUnit(ctx, organizationId, unitId),
  uncoverUnit: (_p, { organizationId, unitId }, ctx) => uncoverUnit(ctx, organizationId, unitId),
  recordCommitteeTerm: (_p, { input }, ctx) =>
    recordCommitteeTerm(ctx, { ...input, termStart: new Date(input.termStart) }),
  recordSixHavesAssessment: (_p, { input }, ctx) => recordSixHavesAssessment(ctx, input),
  recordAnnualReview: (_p, { input }, ctx) => recordAnnualReview(ctx, input),
};
