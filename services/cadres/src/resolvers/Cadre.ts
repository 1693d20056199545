import { asDate, today } from '@union-graph/subgraph-kit';
import type { CadreResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { endReasonLabel } from '../domain/positions';
import { orgIdOf } from '../domain/refs';
import { chairTrainingRow } from '../domain/training';
import type { CadreDoc } from '../models';

export const Cadre: CadreResolvers = {
  __resolveReference: async (ref, ctx) => ctx.scope.visible(await ctx.loaders.cadre.load(ref.id), orgIdOf),
  id: (c) => c._id,
  position: (c) => c.position as never,
  endReason: (c, _a, { caller }) => endReasonLabel(c.endReason, caller.language),
  organization: (c) => ({ id: c.organizationId }),
  member: (c) => ({ id: c.memberId }),
  election: (c, _a, { loaders }) => (c.electionId ? loaders.election.load(c.electionId) : null),
  trainings: (c, _a, { loaders }) => loaders.trainingsByMember.load(c.memberId),
  chairTraining: async (c, { asOf }, { loaders }) =>
    c.position === 'CHAIR'
      ? chairTrainingRow(c, await loaders.trainingsByMember.load(c.memberId), asOf ? asDate(asOf) : today())
      : null,
};

/** Records that point at a cadre by id: the batched cadre loader resolves them. */
export const cadreOf = async (r: { cadreId: string }, _a: unknown, { loaders }: Context): Promise<CadreDoc> =>
  (await loaders.cadre.load(r.cadreId))!;
