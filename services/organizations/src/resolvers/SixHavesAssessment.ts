import type { SixHavesAssessmentResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { ownerOf } from '../domain/organizations';
import { disagreementsOf, evidenceOfUnions } from '../domain/six-haves-evidence';
import type { SixHavesAssessmentDoc } from '../models';

/** R5: the records of the assessed union and year, through the request's loaders. */
async function evidenceOf(ctx: Context, a: SixHavesAssessmentDoc) {
  const [row] = await evidenceOfUnions(ctx, [await ownerOf(ctx, a.organizationId)], a.year);
  return row!;
}

export const SixHavesAssessment: SixHavesAssessmentResolvers = {
  id: (a) => a._id,
  organization: (a, _args, ctx) => ownerOf(ctx, a.organizationId),
  evidence: (a, _args, ctx) => evidenceOf(ctx, a),
  disagreements: async (a, _args, ctx) => disagreementsOf(a, await evidenceOf(ctx, a)),
};
