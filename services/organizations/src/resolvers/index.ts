import type { Resolvers } from '../__generated__/resolvers-types';
import { Organization } from './Organization';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Organization };
