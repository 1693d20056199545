import {
  appendOnce,
  asDate,
  BadUserInputError,
  findAppended,
  NotFoundError,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { OrgConversionDoc } from '../models';
import { listOrganizations } from './org-filter';
import { refuseDuringMove, requireUpperUnion, saveChanges, writableOrganization } from './organizations';
import { type Keyed, requirePast, requireText } from './records';
import type { DivisionLevel } from './regions';
import { type Region, regionFindings } from './reports/findings';

export const WORK_COMMITTEE = 'TOWNSHIP_WORK_COMMITTEE';
export const TOWNSHIP_FEDERATION = 'TOWNSHIP_FEDERATION';

/** An upper union's document number: 〔year〕 then the serial and 号, e.g. 天工发〔2016〕12号. */
const DECISION_NUMBER = /^\S+〔(\d{4})〕\d+号$/;

export interface ConvertWorkCommittee {
  organizationId: string;
  name?: string | null;
  convertedOn: Date | string;
  decisionNumber: string;
  decisionTitle?: string | null;
}

/**
 * §5: a township union work committee becomes a township (street) federation. The same
 * organization changes type (its id, children, members and history stay); the conversion record
 * keeps the earlier type and name and the upper union's decision.
 */
export async function convertWorkCommittee(
  ctx: Context,
  { idempotencyKey, ...input }: ConvertWorkCommittee & Keyed,
): Promise<OrgConversionDoc> {
  const org = await writableOrganization(ctx, input.organizationId, 'input.organizationId');
  // The decision is the upper union's: the committee's own staff cannot convert it.
  requireUpperUnion(ctx, org);
  const keyed = { callerId: ctx.caller.id, mutation: 'convertWorkCommittee', key: idempotencyKey, input };
  const earlier =
    (await findAppended(ctx.models.OrgConversion, keyed)) ??
    // A conversion recorded while the committee kept its type: an interrupted one, finished now.
    (org.type === WORK_COMMITTEE
      ? await ctx.models.OrgConversion.findOne({ organizationId: org._id }).lean<OrgConversionDoc>()
      : null);
  if (earlier) return applyConversion(ctx, earlier);
  if (org.type !== WORK_COMMITTEE) {
    throw new BadUserInputError(text('onlyWorkCommittee'), 'input.organizationId');
  }
  if (org.status !== 'ACTIVE') {
    throw new BadUserInputError(
      text('notOpen', { name: org.name, status: org.status }),
      'input.organizationId',
    );
  }
  const convertedOn = asDate(input.convertedOn);
  requirePast(convertedOn, 'input.convertedOn');
  if (org.establishedAt && convertedOn < asDate(org.establishedAt)) {
    throw new BadUserInputError(text('conversionBeforeCommittee'), 'input.convertedOn');
  }
  const decisionNumber = requireText(input.decisionNumber, 'input.decisionNumber');
  const year = DECISION_NUMBER.exec(decisionNumber)?.[1];
  if (!year) {
    throw new BadUserInputError(text('decisionNumber'), 'input.decisionNumber');
  }
  if (Number(year) > convertedOn.getUTCFullYear()) {
    throw new BadUserInputError(text('decisionAfterConversion'), 'input.decisionNumber');
  }
  const toName = input.name
    ? requireText(input.name, 'input.name')
    : org.name.replace(/工会工作委员会$/, '总工会');
  if (toName === org.name) {
    throw new BadUserInputError(text('newName'), 'input.name');
  }
  await refuseDuringMove(ctx, org.path);
  const { doc } = await appendOnce<OrgConversionDoc>(
    ctx.models.OrgConversion,
    {
      organizationId: org._id,
      fromType: org.type,
      toType: TOWNSHIP_FEDERATION,
      fromName: org.name,
      toName,
      convertedOn,
      decisionNumber,
      decisionTitle: input.decisionTitle?.trim() || null,
      approvedById: org.parentId!,
      recordedBy: ctx.caller.id,
    },
    {
      ...keyed,
      conflict: { message: text('alreadyConverted'), field: 'input.organizationId' },
    },
  );
  return applyConversion(ctx, doc);
}

/**
 * The record first, the type second: a run stopped between the two leaves the record, and the next
 * request for the committee finishes it. An organization already converted is left alone.
 */
async function applyConversion(ctx: Context, conversion: OrgConversionDoc): Promise<OrgConversionDoc> {
  const org = await ctx.loaders.organization.load(conversion.organizationId);
  if (!org) throw new NotFoundError('Organization', conversion.organizationId, 'input.organizationId');
  if (org.type === conversion.fromType) {
    await saveChanges(ctx, org._id, () => ({ type: conversion.toType, name: conversion.toName }));
  }
  return conversion;
}

/**
 * §5: active work committees not yet converted, by region, against the committees there plus the
 * federations converted from one. Two commands.
 */
export async function unconvertedWorkCommittees(ctx: Context, by: DivisionLevel, region: Region) {
  const orgs = await listOrganizations(ctx, region, {
    status: 'ACTIVE',
    type: { $in: [WORK_COMMITTEE, TOWNSHIP_FEDERATION] },
  });
  const converted = new Set(
    await ctx.models.OrgConversion.distinct('organizationId', {
      organizationId: { $in: orgs.filter((o) => o.type === TOWNSHIP_FEDERATION).map((o) => o._id) },
    }),
  );
  return regionFindings(
    orgs.filter((o) => o.type === WORK_COMMITTEE || converted.has(o._id)),
    (o) => o.type === WORK_COMMITTEE,
    by,
  );
}
