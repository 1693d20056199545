import { division } from '@union-graph/domain';
import { type Language, type OrgRef, orgDirectoryModel } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { type PlainTextKey, text } from '../messages';

export type BreakdownKey =
  | 'PROVINCE'
  | 'CITY'
  | 'ORGANIZATION_TYPE'
  | 'STATUS'
  | 'GENDER'
  | 'MIGRANT_WORKER'
  | 'FLEXIBLE_WORK';

/** The label of each group of members, by its key (a status, gender, form of work…). */
export const LABELS: Record<string, PlainTextKey> = {
  ACTIVE: 'statusActive',
  RETIRED_RETAINED: 'statusRetiredRetained',
  TRANSFERRING: 'statusTransferring',
  WITHDRAWN: 'statusWithdrawn',
  AUTO_WITHDRAWN: 'statusAutoWithdrawn',
  MALE: 'genderMale',
  FEMALE: 'genderFemale',
  true: 'migrantWorker',
  false: 'notMigrantWorker',
  COURIER: 'workCourier',
  RIDE_HAILING_DRIVER: 'workRideHailing',
  FOOD_DELIVERY_RIDER: 'workFoodDelivery',
  TRUCK_DRIVER: 'workTruckDriver',
  OTHER_NEW_FORM: 'workOtherNewForm',
  SCATTERED: 'workScattered',
  FIXED_EMPLOYER: 'workFixedEmployer',
  unknown: 'groupUnknown',
  UNDER_25: 'ageUnder25',
  FROM_25_TO_34: 'age25To34',
  FROM_35_TO_44: 'age35To44',
  FROM_45_TO_54: 'age45To54',
  FROM_55: 'age55AndOver',
};

export const ORG_TYPE_LABELS: Record<string, PlainTextKey> = {
  NATIONAL_FEDERATION: 'orgNationalFederation',
  LOCAL_FEDERATION: 'orgLocalFederation',
  INDUSTRIAL_UNION: 'orgIndustrialUnion',
  TOWNSHIP_FEDERATION: 'orgTownshipFederation',
  TOWNSHIP_WORK_COMMITTEE: 'orgTownshipWorkCommittee',
  DEV_ZONE_UNION: 'orgDevZoneUnion',
  REGIONAL_FEDERATION: 'orgRegionalFederation',
  SECTORAL_FEDERATION: 'orgSectoralFederation',
  GRASSROOTS: 'orgGrassroots',
  JOINT_GRASSROOTS: 'orgJointGrassroots',
  VILLAGE_COMMUNITY: 'orgVillageCommunity',
  BRANCH: 'orgBranch',
  GROUP: 'orgGroup',
};

/** A catalog label in the caller's language; a key without one (a new enum value) shows as itself. */
export function labelOf(labels: Record<string, PlainTextKey>, key: string, language: Language | undefined) {
  const entry = labels[key];
  return entry ? text(entry).render(language) : key;
}

const MEMBER_FIELD: Partial<Record<BreakdownKey, string>> = {
  STATUS: 'status',
  GENDER: 'gender',
  MIGRANT_WORKER: 'migrantWorker',
  FLEXIBLE_WORK: 'flexibleWork',
};

/** The group of members whose field is unset: not migrant workers, or (§6) workers with an employer. */
const UNSET_GROUP: Partial<Record<BreakdownKey, string>> = {
  MIGRANT_WORKER: 'false',
  FLEXIBLE_WORK: 'FIXED_EMPLOYER',
};

export interface CountGroup {
  key: string;
  label: string;
  count: number;
}

/** Which group an organization's members fall in, from its directory entry. */
function orgGroup(
  by: BreakdownKey,
  org: OrgRef | undefined,
  language: Language | undefined,
): { key: string; label: string } {
  const unknown = { key: 'unknown', label: labelOf(LABELS, 'unknown', language) };
  if (!org) return unknown;
  if (by === 'ORGANIZATION_TYPE')
    return { key: org.type, label: labelOf(ORG_TYPE_LABELS, org.type, language) };
  const d = division(org.divisionCode);
  const code = by === 'PROVINCE' ? d?.provinceCode : d?.cityCode;
  const name = code ? division(code)?.name : undefined;
  return code && name ? { key: code, label: name } : unknown;
}

/**
 * Counts members matching `match`, grouped. One `$group` (FerretDB computes a single accumulator);
 * region and type groups count per organization first, then fold by the directory entries.
 */
export async function breakdown(
  ctx: Context,
  match: Record<string, unknown>,
  by: BreakdownKey,
): Promise<CountGroup[]> {
  const field = MEMBER_FIELD[by] ?? 'organizationId';
  const rows = await ctx.models.Member.aggregate<{ _id: unknown; n: number }>([
    { $match: match },
    { $group: { _id: `$${field}`, n: { $sum: 1 } } },
  ]);
  const groups = new Map<string, CountGroup>();
  const add = (key: string, label: string, n: number) => {
    const g = groups.get(key) ?? { key, label, count: 0 };
    g.count += n;
    groups.set(key, g);
  };
  if (field !== 'organizationId') {
    for (const r of rows) {
      const key = String(r._id ?? UNSET_GROUP[by] ?? 'unknown');
      add(key, labelOf(LABELS, key, ctx.caller.language), r.n);
    }
  } else {
    const orgs = await orgDirectoryModel(ctx.models.Member.db)
      .find({ _id: { $in: rows.map((r) => String(r._id)) } })
      .lean<OrgRef[]>();
    const byId = new Map(orgs.map((o) => [String(o._id), o]));
    for (const r of rows) {
      const { key, label } = orgGroup(by, byId.get(String(r._id)), ctx.caller.language);
      add(key, label, r.n);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
