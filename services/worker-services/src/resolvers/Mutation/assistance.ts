import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { caseStep, giveAssistance, openAssistanceCase } from '../../domain/assistance';
import { keyed } from '../../domain/once';

export const assistanceMutations: MutationResolvers = {
  openAssistanceCase: (_p, args, ctx) => openAssistanceCase(ctx, ...keyed('openAssistanceCase', args.input)),
  reviewAssistanceCase: (_p, all, ctx) => {
    const [{ id, passed, note }, once] = keyed('reviewAssistanceCase', all);
    return caseStep(ctx, id, 'REVIEW', { passed, note }, once);
  },
  approveAssistanceCase: (_p, all, ctx) => {
    const [{ id, passed, note }, once] = keyed('approveAssistanceCase', all);
    return caseStep(ctx, id, 'APPROVE', { passed, note }, once);
  },
  giveAssistance: (_p, { id, input }, ctx) => {
    const [rest, once] = keyed('giveAssistance', input);
    return giveAssistance(ctx, id, rest, { ...once, input: { id, input: rest } });
  },
  closeAssistanceCase: (_p, all, ctx) => {
    const [{ id, note }, once] = keyed('closeAssistanceCase', all);
    return caseStep(ctx, id, 'CLOSE', { note }, once);
  },
};
