import type { DelegateContactResolvers } from '../__generated__/resolvers-types';

export const DelegateContact: DelegateContactResolvers = {
  id: (c) => c._id,
  // A contact is reached through its delegate or recorded by someone who may see it.
  delegate: async (c, _args, ctx) => (await ctx.loaders.delegate.load(c.delegateId))!,
};
