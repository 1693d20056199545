import type { PostingLineResolvers } from '../__generated__/resolvers-types';

export const PostingLine: PostingLineResolvers = {
  organization: (l) => ({ id: l.organizationId }),
};
