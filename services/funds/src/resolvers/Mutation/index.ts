import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { accounts } from './accounts';
import { allocations } from './allocations';
import { budgets } from './budgets';
import { ledger } from './ledger';
import { subsidies } from './subsidies';

export const Mutation: MutationResolvers = {
  ...accounts,
  ...ledger,
  ...allocations,
  ...subsidies,
  ...budgets,
};
