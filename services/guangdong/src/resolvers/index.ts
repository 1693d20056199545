import type { Resolvers } from '../__generated__/resolvers-types';
import { Member, Organization } from './entities';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { GdBenefitCard, GdHonor } from './records';

export const resolvers: Resolvers = { Query, Mutation, Organization, Member, GdBenefitCard, GdHonor };
