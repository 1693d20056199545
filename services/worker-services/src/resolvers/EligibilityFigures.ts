import { type Caller, disclosedCount, minimumCountFor } from '@union-graph/subgraph-kit';
import type { EligibilityFiguresResolvers } from '../__generated__/resolvers-types';
import type { Figures } from '../domain/eligibility';

/**
 * Issue #19: a union's member count is a count of persons, held to k for an analyst as members
 * holds `Organization.memberCount` — whether it came withheld through `@requires` or from the
 * figures an application stored.
 */
const shownMembers = (f: Figures, caller: Caller) =>
  f.memberCountWithheld ? null : disclosedCount(f.memberCount, minimumCountFor(caller));

export const EligibilityFigures: EligibilityFiguresResolvers = {
  memberCount: (f, _args, { caller }) => shownMembers(f, caller),
  // Members over the employees shown beside it: the rate gives a withheld count back.
  joiningRate: (f, _args, { caller }) => (shownMembers(f, caller) === null ? null : f.joiningRate),
};
