import { BadUserInputError, NotFoundError, type OrgRef, type Scope } from '@union-graph/subgraph-kit';
import { text } from '../messages';

/** Members join basic-level unions (源头入会), never a federation. */
export const JOINABLE_TYPES = ['GRASSROOTS', 'JOINT_GRASSROOTS', 'VILLAGE_COMMUNITY', 'BRANCH', 'GROUP'];

/**
 * §6: workers without one fixed employer (new forms of employment, scattered work) also join through
 * regional and sectoral federations and township (street) federations.
 */
export const FLEXIBLE_JOINABLE_TYPES = [
  ...JOINABLE_TYPES,
  'REGIONAL_FEDERATION',
  'SECTORAL_FEDERATION',
  'TOWNSHIP_FEDERATION',
];

/**
 * An active union the worker may join (any scope: a transfer's receiving union is usually
 * elsewhere): a basic-level one, or for a flexible worker also a federation of §6.
 */
export async function requireJoinableOrg(
  scope: Scope,
  orgId: string,
  field: string,
  flexible = false,
): Promise<OrgRef> {
  const org = await scope.orgs.load(orgId);
  if (!org) throw new NotFoundError('Organization', orgId, field);
  const types = flexible ? FLEXIBLE_JOINABLE_TYPES : JOINABLE_TYPES;
  if (!types.includes(org.type) || org.status !== 'ACTIVE') {
    // The catalog's two sentences list JOINABLE_TYPES and FLEXIBLE_JOINABLE_TYPES by name.
    const refusal = text(flexible ? 'notJoinableFlexible' : 'notJoinable', { field, union: org.name });
    throw new BadUserInputError(refusal, field);
  }
  return org;
}
