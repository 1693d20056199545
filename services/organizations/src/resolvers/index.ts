import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Query } from './Query';
import { AnnualReview, CommitteeTerm, HostUnit, OrganizationMove, SixHavesAssessment } from './records';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Organization,
  HostUnit,
  CommitteeTerm,
  SixHavesAssessment,
  AnnualReview,
  OrganizationMove,
};
