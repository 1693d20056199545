import type { RightsProtectionCaseResolvers } from '../__generated__/resolvers-types';
import { paymentPosting } from '../domain/rights-payments';

export const RightsProtectionCase: RightsProtectionCaseResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  posting: (r, _args, ctx) => paymentPosting(ctx, 'RightsProtectionCase', r.id),
};
