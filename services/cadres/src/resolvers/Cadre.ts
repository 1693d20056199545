import type { CadreResolvers } from '../__generated__/resolvers-types';
import { asDate, today } from '../domain/dates';
import { visibleByOrg } from '../domain/subtree';
import { chairTrainingRow } from '../domain/training';

export const Cadre: CadreResolvers = {
  __resolveReference: async (ref, ctx) => visibleByOrg(ctx, await ctx.loaders.cadre.load(ref.id)),
  id: (c) => c._id,
  position: (c) => c.position as never,
  organization: (c) => ({ id: c.organizationId }),
  member: (c) => ({ id: c.memberId }),
  election: (c, _a, { loaders }) => (c.electionId ? loaders.election.load(c.electionId) : null),
  trainings: (c, _a, { loaders }) => loaders.trainingsByMember.load(c.memberId),
  chairTraining: async (c, { asOf }, { loaders }) =>
    c.position === 'CHAIR'
      ? chairTrainingRow(c, await loaders.trainingsByMember.load(c.memberId), asOf ? asDate(asOf) : today())
      : null,
};
