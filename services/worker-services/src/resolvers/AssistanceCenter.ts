import type { AssistanceCenterResolvers } from '../__generated__/resolvers-types';
import { casePage, centerCaseload } from '../domain/center-cases';

export const AssistanceCenter: AssistanceCenterResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.center.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  organization: (c) => ({ id: c.organizationId }),
  caseload: (c, _args, ctx) => centerCaseload(ctx, c),
  // Every case routed here lies in the center's union's subtree (routing checks it).
  cases: (c, { filter, first, after }, ctx) =>
    casePage(ctx, c.organizationId, { ...filter, centerId: c._id }, { first, after }),
};
