import type { CadreSubsidyResolvers } from '../__generated__/resolvers-types';
import { postingIdOf } from '../domain/rights-payments';

export const CadreSubsidy: CadreSubsidyResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  posting: async (s, _args, { loaders }) => {
    const p = await loaders.posting.load(postingIdOf('CadreSubsidy', s.id));
    return p && (await loaders.visiblePosting(p)) ? p : null;
  },
};
