import type { Resolvers } from '../__generated__/resolvers-types';
import { Member } from './Member';
import { Organization } from './Organization';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Member, Organization };
