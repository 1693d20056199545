import type { OrganizationResolvers } from '../__generated__/resolvers-types';
import { inScope } from '../domain/access';
import { openAlerts } from '../domain/alerts';
import { modelHomeEligibility, satisfactionRate } from '../domain/titles';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ref,
  workersHome: async (org, _args, ctx) =>
    (await inScope(ctx, org.id)) ? ctx.loaders.homeByOrganization.load(org.id) : null,
  modelTitles: async (org, _args, ctx) =>
    (await inScope(ctx, org.id)) ? ctx.loaders.modelTitlesByOrganization.load(org.id) : [],
  openAlerts: async (org, _args, ctx) => ((await inScope(ctx, org.id)) ? openAlerts(ctx, org.id) : []),
  collectiveContracts: async (org, _args, ctx) =>
    (await inScope(ctx, org.id)) ? ctx.loaders.contractsByOrganization.load(org.id) : [],
  assistanceCenters: async (org, _args, ctx) =>
    (await inScope(ctx, org.id)) ? ctx.loaders.centersByOrganization.load(org.id) : [],
  memberSatisfactionRate: async (org, _args, ctx) =>
    (await inScope(ctx, org.id)) ? satisfactionRate(ctx, org.id) : null,
  modelHomeEligibility: (org, { level }, ctx) => modelHomeEligibility(ctx, org, level),
};
