import {
  INDUSTRY_DIVISIONS,
  industryDivision,
  industrySection,
  OWNERSHIPS_OF_KIND,
  type Ownership,
  ownershipOf,
  unitSizeBand,
} from '@union-graph/domain';
import { BadUserInputError, modifyDocument } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { HostUnitDoc, OrganizationDoc } from '../models';
import { publishOrgs } from './org-events';

export function checkIndustry(code: string, field: string): void {
  if (!industryDivision(code)) throw new BadUserInputError(text('industryUnknown', { code }), field);
}

/** Refuses an ownership the unit's kind does not allow (a state-owned enterprise cannot be private). */
export function checkOwnership(kind: HostUnitDoc['kind'], ownership: Ownership, field: string): void {
  const allowed = OWNERSHIPS_OF_KIND[kind]!;
  if (!allowed.includes(ownership)) {
    throw new BadUserInputError(text('ownershipOfKind', { kind, allowed: allowed.join(' / ') }), field);
  }
}

/** The division codes of a section, for list filters; an unknown letter is the caller's mistake. */
export function divisionsOfSection(section: string, field: string): string[] {
  if (!industrySection(section))
    throw new BadUserInputError(text('industrySectionUnknown', { code: section }), field);
  return INDUSTRY_DIVISIONS.filter((d) => d.section === section).map((d) => d.code);
}

export type UnionFacts = Pick<OrganizationDoc, 'industry' | 'ownership' | 'sizeBand'>;

/**
 * What a union's directory entry says of its host units (issue #19): a grassroots union's own unit,
 * and for a joint union what every unit it covers shares — its members work in all of them, so a
 * fact they do not share is unknown rather than the largest unit's (docs/statistics.md).
 */
export function sharedFacts(
  units: readonly Pick<HostUnitDoc, 'kind' | 'ownership' | 'industry' | 'employeeCount'>[],
): Required<UnionFacts> {
  const shared = (values: (string | null | undefined)[]) =>
    values.length > 0 && values.every((v) => v != null && v === values[0]) ? values[0]! : null;
  return {
    industry: shared(units.map((u) => u.industry)),
    ownership: shared(units.map(ownershipOf)),
    sizeBand: shared(units.map((u) => unitSizeBand(u.employeeCount))),
  };
}

/**
 * Brings the host-unit facts of each union in `orgIds` up to date after a change of its units or of
 * what it covers, and announces those that changed (their directory entries carry the facts).
 */
export async function refreshUnionFacts(ctx: Context, orgIds: readonly (string | null | undefined)[]) {
  const { models } = ctx;
  for (const id of new Set(orgIds.filter((o): o is string => o != null))) {
    const unitIds = await models.Coverage.distinct('unitId', { organizationId: id });
    const units = await models.HostUnit.find(
      { _id: { $in: unitIds } },
      { kind: 1, ownership: 1, industry: 1, employeeCount: 1 },
    ).lean<HostUnitDoc[]>();
    const facts = sharedFacts(units);
    let changed = false;
    const org = await modifyDocument(models.Organization, id, (current) => {
      changed = (Object.keys(facts) as (keyof UnionFacts)[]).some((f) => (current[f] ?? null) !== facts[f]);
      return changed ? { update: { $set: facts, $inc: { version: 1 } } } : null;
    });
    if (!org || !changed) continue;
    ctx.loaders.organization.clear(id).prime(id, org);
    await publishOrgs(ctx.publish, [org]);
  }
}
