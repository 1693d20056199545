import type { RightsProtectionCaseResolvers } from '../__generated__/resolvers-types';
import { postingIdOf } from '../domain/rights-payments';

export const RightsProtectionCase: RightsProtectionCaseResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  posting: async (r, _args, { loaders }) => {
    const p = await loaders.posting.load(postingIdOf('RightsProtectionCase', r.id));
    return p && (await loaders.visiblePosting(p)) ? p : null;
  },
};
