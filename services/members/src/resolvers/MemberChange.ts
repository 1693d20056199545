import type { MemberChangeResolvers } from '../__generated__/resolvers-types';
import { seesPersonalDataOf } from '../domain/access';
import { PERSONAL_FIELDS } from '../domain/archive';

export const MemberChange: MemberChangeResolvers = {
  changes: (c, _a, ctx) => {
    if (seesPersonalDataOf(ctx, c.memberId)) return c.changes;
    return c.changes.map((f) => {
      const mask = PERSONAL_FIELDS[f.field];
      return mask ? { field: f.field, from: f.from && mask(f.from), to: f.to && mask(f.to) } : f;
    });
  },
};
