import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { alertMutations } from './alerts';
import { assistanceMutations } from './assistance';
import { awardMutations } from './awards';
import { bargainingMutations } from './bargaining';
import { benefitMutations } from './benefits';
import { homeMutations } from './homes';
import { surveyMutations } from './surveys';

export const Mutation: MutationResolvers = {
  ...homeMutations,
  ...surveyMutations,
  ...assistanceMutations,
  ...benefitMutations,
  ...awardMutations,
  ...bargainingMutations,
  ...alertMutations,
};
