import { BadUserInputError } from '@union-graph/subgraph-kit';
import { text } from '../messages';

/**
 * Which type may sit under which (glossary §1, §4–§6). A parent is named by its type, or by
 * `TYPE@LEVEL` where only some levels qualify (a county federation may hold township unions, a
 * provincial one may not). Rules cover the node itself only: a move keeps levels, so a subtree that
 * was valid stays valid.
 */
const ALLOWED_PARENTS: Record<string, readonly string[]> = {
  NATIONAL_FEDERATION: [],
  LOCAL_FEDERATION: ['NATIONAL_FEDERATION', 'LOCAL_FEDERATION@PROVINCE', 'LOCAL_FEDERATION@CITY'],
  INDUSTRIAL_UNION: ['NATIONAL_FEDERATION', 'LOCAL_FEDERATION'],
  TOWNSHIP_FEDERATION: ['LOCAL_FEDERATION@COUNTY', 'LOCAL_FEDERATION@CITY'],
  TOWNSHIP_WORK_COMMITTEE: ['LOCAL_FEDERATION@COUNTY', 'LOCAL_FEDERATION@CITY'],
  DEV_ZONE_UNION: ['LOCAL_FEDERATION'],
  // R4: regional and sectoral federations sit below county level.
  REGIONAL_FEDERATION: [
    'LOCAL_FEDERATION@COUNTY',
    'TOWNSHIP_FEDERATION',
    'TOWNSHIP_WORK_COMMITTEE',
    'DEV_ZONE_UNION',
  ],
  SECTORAL_FEDERATION: [
    'LOCAL_FEDERATION@COUNTY',
    'TOWNSHIP_FEDERATION',
    'TOWNSHIP_WORK_COMMITTEE',
    'DEV_ZONE_UNION',
  ],
  GRASSROOTS: [
    'LOCAL_FEDERATION',
    'INDUSTRIAL_UNION',
    'TOWNSHIP_FEDERATION',
    'TOWNSHIP_WORK_COMMITTEE',
    'DEV_ZONE_UNION',
    'REGIONAL_FEDERATION',
    'SECTORAL_FEDERATION',
  ],
  JOINT_GRASSROOTS: [
    'LOCAL_FEDERATION@COUNTY',
    'TOWNSHIP_FEDERATION',
    'TOWNSHIP_WORK_COMMITTEE',
    'DEV_ZONE_UNION',
    'REGIONAL_FEDERATION',
    'SECTORAL_FEDERATION',
    'VILLAGE_COMMUNITY',
  ],
  VILLAGE_COMMUNITY: ['LOCAL_FEDERATION@COUNTY', 'TOWNSHIP_FEDERATION', 'TOWNSHIP_WORK_COMMITTEE'],
  BRANCH: ['GRASSROOTS', 'JOINT_GRASSROOTS'],
  GROUP: ['GRASSROOTS', 'JOINT_GRASSROOTS', 'BRANCH', 'VILLAGE_COMMUNITY'],
};

/** Unions at grassroots level: the ones that cover units, elect committees and are assessed. */
export const GRASSROOTS_UNION_TYPES = ['GRASSROOTS', 'JOINT_GRASSROOTS', 'VILLAGE_COMMUNITY'];

/** How many host units a union of each type may cover (R2 for joint unions). */
export const COVERAGE_CAPACITY: Record<string, number> = { GRASSROOTS: 1, JOINT_GRASSROOTS: 50 };

const NEXT_LOCAL_LEVEL: Record<string, string> = { NATIONAL: 'PROVINCE', PROVINCE: 'CITY', CITY: 'COUNTY' };

export const OPEN_STATUSES = ['PREPARING', 'ACTIVE'];

interface TreeNode {
  type: string;
  level?: string | null;
}

/** The level a node of `type` gets under `parent`. */
export function levelUnder(type: string, parent: TreeNode | null): string {
  if (!parent) return 'NATIONAL';
  switch (type) {
    case 'LOCAL_FEDERATION':
      return NEXT_LOCAL_LEVEL[parent.level ?? ''] ?? 'COUNTY';
    case 'INDUSTRIAL_UNION':
      return parent.level ?? 'NATIONAL';
    case 'TOWNSHIP_FEDERATION':
    case 'TOWNSHIP_WORK_COMMITTEE':
    case 'DEV_ZONE_UNION':
    case 'REGIONAL_FEDERATION':
    case 'SECTORAL_FEDERATION':
      return 'TOWNSHIP';
    default:
      return 'GRASSROOTS';
  }
}

/** Throws unless a node of `type` may sit under `parent` (null: at the root). Returns its level. */
export function checkPlacement(type: string, parent: (TreeNode & { status?: string }) | null): string {
  const allowed = ALLOWED_PARENTS[type];
  if (!allowed) throw new BadUserInputError(text('unknownType', { type }), 'type');
  if (!parent) {
    if (type !== 'NATIONAL_FEDERATION')
      throw new BadUserInputError(text('needsParent', { type }), 'parentId');
    return 'NATIONAL';
  }
  const fits = allowed.includes(parent.type) || allowed.includes(`${parent.type}@${parent.level}`);
  if (!fits) {
    throw new BadUserInputError(
      text('placement', { type, parent: `${parent.type}${parent.level ? ` (${parent.level})` : ''}` }),
      'parentId',
      { allowedParents: allowed },
    );
  }
  if (parent.status && !OPEN_STATUSES.includes(parent.status)) {
    throw new BadUserInputError(text('parentNotOpen', { status: parent.status }), 'parentId');
  }
  return levelUnder(type, parent);
}
