import type {
  MemberResolvers,
  ModelHomeEligibilityResolvers,
  OrganizationResolvers,
} from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { evaluateEligibility, issueCertificate, lowerLevel } from '../domain/eligibility';
import { heldLevels, satisfactionRate } from '../domain/titles';
import { visiblePersonal } from '../subtree';
import { alertFlow, replay } from '../workflows';

/** Fields this subgraph adds to another's entity show only for unions within the caller's scope. */
async function inScope(ctx: Context, organizationId: string): Promise<boolean> {
  const org = await ctx.scope.orgs.load(organizationId);
  return !!org && ctx.scope.contains(org);
}

async function visiblePersonalAll<T extends { organizationId: string; memberId: string }>(
  ctx: Context,
  docs: T[],
): Promise<T[]> {
  const seen: (T | null)[] = await Promise.all(docs.map((d) => visiblePersonal(ctx, d)));
  return seen.filter((d): d is T => d !== null);
}

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ref,
  workersHome: async (org, _args, ctx) =>
    (await inScope(ctx, org.id)) ? ctx.loaders.homeByOrganization.load(org.id) : null,
  modelTitles: async (org, _args, ctx) =>
    (await inScope(ctx, org.id)) ? ctx.loaders.modelTitlesByOrganization.load(org.id) : [],
  openAlerts: async (org, _args, ctx) => {
    if (!(await inScope(ctx, org.id))) return [];
    const alerts = await ctx.loaders.alertsByOrganization.load(org.id);
    const steps = await ctx.loaders.steps.loadMany(alerts.map((a) => a._id));
    return alerts.filter((_a, i) => {
      const s = steps[i];
      return !(s instanceof Error) && replay(alertFlow, s ?? []).status !== 'RESOLVED';
    });
  },
  collectiveContracts: async (org, _args, ctx) =>
    (await inScope(ctx, org.id)) ? ctx.loaders.contractsByOrganization.load(org.id) : [],
  memberSatisfactionRate: async (org, _args, ctx) =>
    (await inScope(ctx, org.id)) ? satisfactionRate(ctx, org.id) : null,
  modelHomeEligibility: async (org, { level }, ctx) => {
    await ctx.scope.requireOrg(org.id, 'id');
    const [rate, held] = await Promise.all([satisfactionRate(ctx, org.id), heldLevels(ctx, org.id)]);
    const lower = lowerLevel(level);
    // A joint union's workers are those of every unit it covers; no unit on record means unknown.
    const units = org.hostUnits ?? [];
    const employeeCount = units.length > 0 ? units.reduce((n, u) => n + u.employeeCount, 0) : null;
    const counts = { memberCount: org.memberCount ?? 0, employeeCount };
    return {
      ...evaluateEligibility(level, counts, rate, lower === null || held.has(lower)),
      organizationId: org.id,
    };
  },
};

export const ModelHomeEligibility: ModelHomeEligibilityResolvers = {
  // Only those who may apply get a certificate to apply with.
  certificate: (e, _args, { scope }) => (scope.canWrite ? issueCertificate(e.organizationId, e) : null),
};

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  assistanceCases: async (m, _args, ctx) =>
    visiblePersonalAll(ctx, await ctx.loaders.casesByMember.load(m.id)),
  benefitRedemptions: async (m, _args, ctx) =>
    visiblePersonalAll(ctx, await ctx.loaders.redemptionsByMember.load(m.id)),
};
