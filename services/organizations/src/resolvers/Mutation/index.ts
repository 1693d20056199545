import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { assessmentMutations } from './assessments';
import { committeeMutations } from './committees';
import { hostUnitMutations } from './host-units';
import { moveMutations } from './moves';
import { organizationMutations } from './organizations';
import { structureMutations } from './structure';

export const Mutation: MutationResolvers = {
  ...organizationMutations,
  ...moveMutations,
  ...hostUnitMutations,
  ...committeeMutations,
  ...assessmentMutations,
  ...structureMutations,
};
