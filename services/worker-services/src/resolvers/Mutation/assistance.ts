import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { caseStep, giveAssistance, openAssistanceCase } from '../../domain/assistance';

export const assistanceMutations: MutationResolvers = {
  openAssistanceCase: (_p, { input }, ctx) => openAssistanceCase(ctx, input),
  reviewAssistanceCase: (_p, { id, passed, note }, ctx) => caseStep(ctx, id, 'REVIEW', { passed, note }),
  approveAssistanceCase: (_p, { id, passed, note }, ctx) => caseStep(ctx, id, 'APPROVE', { passed, note }),
  giveAssistance: (_p, { id, input }, ctx) => giveAssistance(ctx, id, input),
  closeAssistanceCase: (_p, { id, note }, ctx) => caseStep(ctx, id, 'CLOSE', { note }),
};
