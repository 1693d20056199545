import type { CadreSubsidyResolvers } from '../__generated__/resolvers-types';
import { paymentPosting } from '../domain/rights-payments';

export const CadreSubsidy: CadreSubsidyResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  posting: (s, _args, ctx) => paymentPosting(ctx, 'CadreSubsidy', s.id),
};
