import { BadUserInputError, newId } from '@union-graph/subgraph-kit';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { Context } from '../../context';
import { checkCongress, quorumReached } from '../../domain/congress';
import { checkNewContract, contractView } from '../../domain/contracts';
import { day, today } from '../../domain/dates';
import { insertOnce } from '../../insert';
import { requirePast, requireVisible, requireWritable } from '../../subtree';
import { checkStep, contractFlow, recordStep, subjectEvent } from '../../workflows';

const writableContract = async (ctx: Context, id: string) =>
  requireWritable(ctx, 'CollectiveContract', id, await ctx.loaders.contract.load(id));

export const bargainingMutations: MutationResolvers = {
  createCollectiveContract: async (_p, { input }, ctx) => {
    await ctx.scope.requireWritableOrg(input.organizationId);
    const startsOn = day(input.startsOn);
    const expiresOn = day(input.expiresOn);
    await checkNewContract(ctx, { ...input, startsOn, expiresOn });
    const _id = newId();
    // Losing a race means the same renewal, or the same contract, was entered at the same moment.
    const contract = await insertOnce(
      ctx.models.CollectiveContract,
      {
        ...input,
        _id,
        startsOn,
        expiresOn,
        renewsId: input.renewsId ?? null,
        renewsKey: input.renewsId ? `renewal-of:${input.renewsId}` : _id,
      },
      'that contract was just entered',
      input.renewsId ? 'renewsId' : 'startsOn',
    );
    await ctx.publish([subjectEvent(contractFlow, contract)]);
    return contract;
  },

  recordNegotiation: async (_p, { id, note }, ctx) => {
    const c = await writableContract(ctx, id);
    await recordStep(ctx, contractFlow, c, 'NEGOTIATE', { note });
    return c;
  },

  signCollectiveContract: async (_p, { id, signedOn }, ctx) => {
    const c = await writableContract(ctx, id);
    checkStep(contractFlow, await ctx.loaders.steps.load(c._id), 'SIGN');
    const on = day(signedOn);
    if (on > today()) throw new BadUserInputError('signedOn lies in the future', 'signedOn');
    if (on >= day(c.expiresOn))
      throw new BadUserInputError('the contract expires before it is signed', 'signedOn');
    await recordStep(ctx, contractFlow, c, 'SIGN', { data: { signedOn: on } });
    return c;
  },

  fileCollectiveContract: async (_p, { id, filedOn }, ctx) => {
    const c = await writableContract(ctx, id);
    checkStep(contractFlow, await ctx.loaders.steps.load(c._id), 'FILE');
    const on = day(filedOn);
    const { signedOn } = await contractView(ctx, c);
    if (on > today()) throw new BadUserInputError('filedOn lies in the future', 'filedOn');
    if (signedOn && on < signedOn) throw new BadUserInputError('filedOn is before the signing', 'filedOn');
    await recordStep(ctx, contractFlow, c, 'FILE', { data: { filedOn: on } });
    return c;
  },

  holdWorkersCongress: async (_p, { input }, ctx) => {
    await ctx.scope.requireWritableOrg(input.organizationId);
    requirePast(input.heldOn, 'heldOn');
    checkCongress(input);
    const congress = await insertOnce(
      ctx.models.WorkersCongress,
      input,
      `session ${input.session} of term ${input.term} is already recorded`,
      'session',
    );
    await ctx.publish([{ type: 'WorkersCongress', id: congress._id, op: 'upsert', version: Date.now() }]);
    return congress;
  },

  recordDisclosure: async (_p, { input }, ctx) => {
    await ctx.scope.requireWritableOrg(input.organizationId);
    requirePast(input.disclosedOn, 'disclosedOn');
    const disclosure = (await ctx.models.Disclosure.create(input)).toObject();
    await ctx.publish([{ type: 'Disclosure', id: disclosure._id, op: 'upsert', version: Date.now() }]);
    return disclosure;
  },

  electEmployeeRepresentative: async (_p, { input }, ctx) => {
    const congress = await requireVisible(
      ctx,
      'WorkersCongress',
      input.congressId,
      await ctx.loaders.congress.load(input.congressId),
      (c) => c.organizationId,
      'congressId',
    );
    await ctx.scope.requireWritableOrg(congress.organizationId, 'congressId');
    if (!quorumReached(congress)) {
      throw new BadUserInputError('the congress had no quorum: it cannot elect', 'congressId');
    }
    if (day(input.termEnd) <= day(input.termStart)) {
      throw new BadUserInputError('termEnd must be after termStart', 'termEnd');
    }
    const rep = await insertOnce(
      ctx.models.EmployeeRepresentative,
      { ...input, organizationId: congress.organizationId },
      'the member already holds this seat from this congress',
      'memberId',
    );
    await ctx.publish([{ type: 'EmployeeRepresentative', id: rep._id, op: 'upsert', version: Date.now() }]);
    return rep;
  },
};
