import type { SixHavesEvidenceResolvers } from '../__generated__/resolvers-types';
import { ownerOf } from '../domain/organizations';

export const SixHavesEvidence: SixHavesEvidenceResolvers = {
  organization: (e, _args, ctx) => ownerOf(ctx, e.organizationId),
  judgedOn: (e) => e.on,
};
