import { join } from 'node:path';
import type { SubgraphDefinition } from '@union-graph/subgraph-kit';
import { applyDuesEvents } from './domain/dues';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';

/** Funds announces dues payments on its stream; members keeps each member's last payment (R16). */
export const FUNDS_SUBGRAPH = 'funds';

export const membersSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'members',
  packageDir: join(__dirname, '..'),
  resolvers,
  models: createModels,
  loaders: createLoaders,
  subscriptions: [{ source: FUNDS_SUBGRAPH, handle: applyDuesEvents }],
  // `members(filter: { subtree: true })` lists the members of every union below.
  subtreeAggregates: true,
  // An application's id becomes the member's id on approval: the applicant is that person.
  personOf: { MembershipApplication: (a) => (a as { _id?: string })._id },
};
