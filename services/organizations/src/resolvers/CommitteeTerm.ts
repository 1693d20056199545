import type { CommitteeTermResolvers } from '../__generated__/resolvers-types';
import { isExpired, termEnd } from '../domain/committees';
import { ownerOf } from '../domain/organizations';

export const CommitteeTerm: CommitteeTermResolvers = {
  id: (term) => term._id,
  organization: (term, _args, ctx) => ownerOf(ctx, term.organizationId),
  termEnd: (term) => termEnd(term),
  expired: (term) => isExpired(term),
  womenWorkersMember: (term) => term.womenWorkersMember === true,
};
