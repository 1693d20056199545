import { BadUserInputError, NotFoundError, type OrgRef, type Scope } from '@union-graph/subgraph-kit';

/** Members join basic-level unions (源头入会), never a federation. */
export const JOINABLE_TYPES = ['GRASSROOTS', 'JOINT_GRASSROOTS', 'VILLAGE_COMMUNITY', 'BRANCH', 'GROUP'];

export const ORG_TYPE_LABELS: Record<string, string> = {
  NATIONAL_FEDERATION: '中华全国总工会',
  LOCAL_FEDERATION: '地方总工会',
  INDUSTRIAL_UNION: '产业工会',
  TOWNSHIP_FEDERATION: '乡镇（街道）总工会',
  TOWNSHIP_WORK_COMMITTEE: '工会工作委员会',
  DEV_ZONE_UNION: '开发区（工业园区）工会',
  REGIONAL_FEDERATION: '区域基层工会联合会',
  SECTORAL_FEDERATION: '行业基层工会联合会',
  GRASSROOTS: '基层工会',
  JOINT_GRASSROOTS: '联合基层工会',
  VILLAGE_COMMUNITY: '村（社区）工会',
  BRANCH: '工会分会',
  GROUP: '工会小组',
};

/** An active basic-level union (any scope: a transfer's receiving union is usually elsewhere). */
export async function requireJoinableOrg(scope: Scope, orgId: string, field: string): Promise<OrgRef> {
  const org = await scope.orgs.load(orgId);
  if (!org) throw new NotFoundError('Organization', orgId, field);
  if (!JOINABLE_TYPES.includes(org.type) || org.status !== 'ACTIVE') {
    throw new BadUserInputError(
      `${org.name} does not take members: members join an active basic-level union (${JOINABLE_TYPES.join(', ')})`,
      field,
    );
  }
  return org;
}
