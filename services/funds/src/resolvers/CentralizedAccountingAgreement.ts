import type { CentralizedAccountingAgreementResolvers } from '../__generated__/resolvers-types';

export const CentralizedAccountingAgreement: CentralizedAccountingAgreementResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.agreementById.load(ref.id), (a) => a.lowerId),
  id: (a) => a._id,
  upper: (a) => ({ id: a.upperId }),
  lower: (a) => ({ id: a.lowerId }),
  active: (a) => a.endedOn === null,
};
