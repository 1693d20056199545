import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { alertMutations } from './alerts';
import { assistanceMutations } from './assistance';
import { awardMutations } from './awards';
import { bargainingMutations } from './bargaining';
import { benefitMutations } from './benefits';
import { centerMutations } from './centers';
import { homeMutations } from './homes';
import { surveyMutations } from './surveys';

export const Mutation: MutationResolvers = {
  ...homeMutations,
  ...surveyMutations,
  ...assistanceMutations,
  ...centerMutations,
  ...benefitMutations,
  ...awardMutations,
  ...bargainingMutations,
  ...alertMutations,
};
