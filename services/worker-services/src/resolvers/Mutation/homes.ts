import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { applyForModelTitle, conferrerStep, createWorkersHome, startModelTitle } from '../../domain/homes';
import { keyed } from '../../domain/once';

export const homeMutations: MutationResolvers = {
  createWorkersHome: (_p, args, ctx) => createWorkersHome(ctx, ...keyed('createWorkersHome', args.input)),
  startModelTitle: (_p, all, ctx) => {
    const [{ homeId, level }, once] = keyed('startModelTitle', all);
    return startModelTitle(ctx, homeId, level, once);
  },
  applyForModelTitle: (_p, all, ctx) => {
    const [{ id, certificate }, once] = keyed('applyForModelTitle', all);
    return applyForModelTitle(ctx, id, certificate, once);
  },
  assessModelTitle: (_p, all, ctx) => {
    const [{ id, passed, note }, once] = keyed('assessModelTitle', all);
    return conferrerStep(ctx, id, 'ASSESS', { passed, note }, once);
  },
  commendModelTitle: (_p, all, ctx) => {
    const [{ id, note }, once] = keyed('commendModelTitle', all);
    return conferrerStep(ctx, id, 'COMMEND', { note }, once);
  },
  recheckModelTitle: (_p, all, ctx) => {
    const [{ id, passed, note }, once] = keyed('recheckModelTitle', all);
    return conferrerStep(ctx, id, 'RECHECK', { passed, note }, once);
  },
};
