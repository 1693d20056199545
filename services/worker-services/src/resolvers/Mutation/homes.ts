import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { applyForModelTitle, conferrerStep, createWorkersHome, startModelTitle } from '../../domain/homes';

export const homeMutations: MutationResolvers = {
  createWorkersHome: (_p, { input }, ctx) => createWorkersHome(ctx, input),
  startModelTitle: (_p, { homeId, level }, ctx) => startModelTitle(ctx, homeId, level),
  applyForModelTitle: (_p, { id, certificate }, ctx) => applyForModelTitle(ctx, id, certificate),
  assessModelTitle: (_p, { id, passed, note }, ctx) => conferrerStep(ctx, id, 'ASSESS', { passed, note }),
  commendModelTitle: (_p, { id, note }, ctx) => conferrerStep(ctx, id, 'COMMEND', { note }),
  recheckModelTitle: (_p, { id, passed, note }, ctx) => conferrerStep(ctx, id, 'RECHECK', { passed, note }),
};
