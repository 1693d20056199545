import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { recordDelegateContact, recordMembersMeeting, recordStandingDelegate } from '../../domain/assemblies';
import { convertWorkCommittee } from '../../domain/conversion';
import { recordDisclosure } from '../../domain/disclosure';
import { recordLiaisonPoint, recordLiaisonVisit } from '../../domain/liaison';

export const structureMutations: MutationResolvers = {
  convertWorkCommittee: (_p, { input }, ctx) => convertWorkCommittee(ctx, input),
  recordMembersMeeting: (_p, { input }, ctx) => recordMembersMeeting(ctx, input),
  recordStandingDelegate: (_p, { input }, ctx) => recordStandingDelegate(ctx, input),
  recordDelegateContact: (_p, { input }, ctx) => recordDelegateContact(ctx, input),
  recordUnionDisclosure: (_p, { input }, ctx) => recordDisclosure(ctx, input),
  recordLiaisonPoint: (_p, { input }, ctx) => recordLiaisonPoint(ctx, input),
  recordLiaisonVisit: (_p, { input }, ctx) => recordLiaisonVisit(ctx, input),
};
