import { BadUserInputError, type EntityRef, NotFoundError, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { AssistanceCaseDoc, AssistanceCenterDoc, HARDSHIP_LEVELS } from '../models';
import { assistanceCenterRules } from '../rules';
import type { NewRecord } from './inputs';
import { appendRecord, type Once } from './once';
import { changeEvent } from './workflow';

/** A mobile number, a landline with its area code, or 12351 (the unions' national workers' hotline). */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|12351)$/;

/**
 * A center's caseload, as CenterCaseload shows it (counted in center-cases.ts); a count is null
 * where it is withheld from an analyst (issue #19).
 */
export interface Caseload {
  open: number | null;
  closed: number | null;
  rejected: number | null;
  byLevel: { level: (typeof HARDSHIP_LEVELS)[number]; open: number | null; closed: number | null }[];
}

/**
 * What shows a case's center: the center's caseload and cases, and the `assistanceCenters` of the
 * union running it. Events about the case name both.
 */
export const centerRefs = (
  c: Pick<AssistanceCaseDoc, 'centerId' | 'centerOrganizationId'>,
): (EntityRef | null)[] => [
  c.centerId ? { type: 'AssistanceCenter', id: c.centerId } : null,
  c.centerOrganizationId ? orgRef(c.centerOrganizationId) : null,
];

/** §13: a federation records the center it runs; grassroots unions refer their cases to one. */
export async function createAssistanceCenter(
  ctx: Context,
  input: NewRecord<AssistanceCenterDoc>,
  once?: Once,
): Promise<AssistanceCenterDoc> {
  const org = await ctx.scope.requireWritableOrg(input.organizationId);
  if (!assistanceCenterRules.unionTypes.includes(org.type))
    throw new BadUserInputError(text('centerUnionType', { type: org.type }), 'organizationId', {
      type: org.type,
    });
  const phone = input.phone.replace(/\s/g, '');
  if (!PHONE.test(phone)) throw new BadUserInputError(text('centerPhone'), 'phone');
  const { doc: center, created } = await appendRecord<AssistanceCenterDoc>(
    ctx,
    ctx.models.AssistanceCenter,
    { ...input, phone },
    once,
  );
  if (created)
    await ctx.publish([changeEvent('AssistanceCenter', center._id, [orgRef(center.organizationId)])]);
  return center;
}

/**
 * The center a case of `caseOrganizationId` may be routed to: one the caller may see (NOT_FOUND when
 * absent, FORBIDDEN outside the caller's subtree, as for a union), run by the case's union or a union
 * above it — a case goes to a center that serves its place, never to a neighbour's.
 */
export async function receivingCenter(
  ctx: Context,
  caseOrganizationId: string,
  centerId: string,
): Promise<AssistanceCenterDoc> {
  const center = await ctx.loaders.center.load(centerId);
  if (!center) throw new NotFoundError('AssistanceCenter', centerId, 'centerId');
  await ctx.scope.requireOrg(center.organizationId, 'centerId');
  const union = await ctx.scope.requireOrg(caseOrganizationId);
  if (!union.path.includes(center.organizationId))
    throw new BadUserInputError(text('centerNotAbove'), 'centerId', {
      centerOrganizationId: center.organizationId,
    });
  return center;
}
