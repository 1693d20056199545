import type { MutationResolvers } from '../../__generated__/resolvers-types';
import {
  alertStep,
  declareAlertEmergency,
  disputeStep,
  openCollectiveDispute,
  raiseLaborAlert,
  reportLaborAlert,
} from '../../domain/alerts';

export const alertMutations: MutationResolvers = {
  raiseLaborAlert: (_p, { input }, ctx) => raiseLaborAlert(ctx, input),
  assessLaborAlert: (_p, { id, risk, note }, ctx) => alertStep(ctx, id, 'ASSESS', { note, data: { risk } }),
  reportLaborAlert: (_p, { id, note }, ctx) => reportLaborAlert(ctx, id, note),
  declareAlertEmergency: (_p, { id, note }, ctx) => declareAlertEmergency(ctx, id, note),
  resolveLaborAlert: (_p, { id, note }, ctx) => alertStep(ctx, id, 'RESOLVE', { note }),

  openCollectiveDispute: (_p, { input }, ctx) => openCollectiveDispute(ctx, input),
  reportCollectiveDispute: (_p, { id, note }, ctx) => disputeStep(ctx, id, 'REPORT', { note }),
  takeOverCollectiveDispute: (_p, { id, note }, ctx) => disputeStep(ctx, id, 'TAKE_OVER', { note }),
  resolveCollectiveDispute: (_p, { id, note }, ctx) => disputeStep(ctx, id, 'RESOLVE', { note }),
};
