import type { Resolvers } from '../__generated__/resolvers-types';
import { GdBenefitCard } from './GdBenefitCard';
import { GdHonor } from './GdHonor';
import { Member } from './Member';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Mutation, Organization, Member, GdBenefitCard, GdHonor };
