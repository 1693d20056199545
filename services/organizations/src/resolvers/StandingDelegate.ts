import type { StandingDelegateResolvers } from '../__generated__/resolvers-types';
import { contactDueOn, contactOverdue, delegateTermEnd, isServing } from '../domain/assemblies';
import { ownerOf } from '../domain/organizations';

export const StandingDelegate: StandingDelegateResolvers = {
  id: (d) => d._id,
  organization: (d, _args, ctx) => ownerOf(ctx, d.organizationId),
  member: (d) => ({ id: d.memberId }),
  electedAt: async (d, _args, ctx) => (await ctx.loaders.meeting.load(d.electedAtId))!,
  termEnd: (d) => delegateTermEnd(d),
  current: (d) => isServing(d),
  contacts: (d, _args, ctx) => ctx.loaders.contactsOfDelegate.load(d._id),
  lastContactOn: async (d, _args, ctx) =>
    (await ctx.loaders.contactsOfDelegate.load(d._id))[0]?.contactedOn ?? null,
  contactDueOn: async (d, _args, ctx) => contactDueOn(d, await ctx.loaders.contactsOfDelegate.load(d._id)),
  contactOverdue: async (d, _args, ctx) =>
    contactOverdue(d, await ctx.loaders.contactsOfDelegate.load(d._id)),
};
