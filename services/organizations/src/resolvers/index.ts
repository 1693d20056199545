import type { Resolvers } from '../__generated__/resolvers-types';
import { AnnualReview } from './AnnualReview';
import { CommitteeTerm } from './CommitteeTerm';
import { HostUnit } from './HostUnit';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { OrganizationMove } from './OrganizationMove';
import { Query } from './Query';
import { SixHavesAssessment } from './SixHavesAssessment';

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
