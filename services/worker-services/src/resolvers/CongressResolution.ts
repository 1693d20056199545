import type { CongressResolutionResolvers } from '../__generated__/resolvers-types';

export const CongressResolution: CongressResolutionResolvers = {};
