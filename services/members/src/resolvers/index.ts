import type { Resolvers } from '../__generated__/resolvers-types';
import { Member } from './Member';
import { MemberCard } from './MemberCard';
import { MemberChange } from './MemberChange';
import { MembershipApplication } from './MembershipApplication';
import { MemberTransfer } from './MemberTransfer';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { PersonalDataAccess } from './PersonalDataAccess';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Member,
  MemberCard,
  MemberChange,
  MembershipApplication,
  MemberTransfer,
  Organization,
  PersonalDataAccess,
};
