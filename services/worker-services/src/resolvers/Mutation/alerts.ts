import type { MutationResolvers } from '../../__generated__/resolvers-types';
import {
  alertStep,
  declareAlertEmergency,
  disputeStep,
  openCollectiveDispute,
  raiseLaborAlert,
  reportLaborAlert,
} from '../../domain/alerts';
import { keyed } from '../../domain/once';

export const alertMutations: MutationResolvers = {
  raiseLaborAlert: (_p, args, ctx) => raiseLaborAlert(ctx, ...keyed('raiseLaborAlert', args.input)),
  assessLaborAlert: (_p, all, ctx) => {
    const [{ id, risk, note }, once] = keyed('assessLaborAlert', all);
    return alertStep(ctx, id, 'ASSESS', { note, data: { risk } }, once);
  },
  reportLaborAlert: (_p, all, ctx) => {
    const [{ id, note }, once] = keyed('reportLaborAlert', all);
    return reportLaborAlert(ctx, id, note, once);
  },
  declareAlertEmergency: (_p, all, ctx) => {
    const [{ id, note }, once] = keyed('declareAlertEmergency', all);
    return declareAlertEmergency(ctx, id, note, once);
  },
  resolveLaborAlert: (_p, all, ctx) => {
    const [{ id, note }, once] = keyed('resolveLaborAlert', all);
    return alertStep(ctx, id, 'RESOLVE', { note }, once);
  },

  openCollectiveDispute: (_p, args, ctx) =>
    openCollectiveDispute(ctx, ...keyed('openCollectiveDispute', args.input)),
  reportCollectiveDispute: (_p, all, ctx) => {
    const [{ id, note }, once] = keyed('reportCollectiveDispute', all);
    return disputeStep(ctx, id, 'REPORT', { note }, once);
  },
  takeOverCollectiveDispute: (_p, all, ctx) => {
    const [{ id, note }, once] = keyed('takeOverCollectiveDispute', all);
    return disputeStep(ctx, id, 'TAKE_OVER', { note }, once);
  },
  resolveCollectiveDispute: (_p, all, ctx) => {
    const [{ id, note }, once] = keyed('resolveCollectiveDispute', all);
    return disputeStep(ctx, id, 'RESOLVE', { note }, once);
  },
};
