import {
  appendOnce,
  asDate,
  BadUserInputError,
  NotFoundError,
  orgRef,
  today,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import {
  type AnnualReviewDoc,
  type CommitteeTermDoc,
  SIX_HAVES,
  type SixHavesAssessmentDoc,
} from '../models';
import { type CommitteeTermInput, checkCommitteeTerm } from './committees';
import { publishRecord } from './org-events';
import { requireOpen, requireUpperUnion, visibleOrganization, writableOrganization } from './organizations';
import { GRASSROOTS_UNION_TYPES } from './tree';

export function requireText(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(text('blank', { field }), field);
  return trimmed;
}

/** A date on or before today, China's calendar (the kit's). */
export function requirePast(date: Date, field: string): void {
  if (asDate(date) > today()) throw new BadUserInputError(text('future', { field }), field);
}

/** The client's optional idempotency key of an appending mutation (see the kit's `appendOnce`). */
export interface Keyed {
  idempotencyKey?: string | null;
}

export async function recordCommitteeTerm(
  ctx: Context,
  { idempotencyKey, ...input }: CommitteeTermInput & { organizationId: string } & Keyed,
): Promise<CommitteeTermDoc> {
  const org = await writableOrganization(ctx, input.organizationId, 'organizationId');
  requireOpen(org, 'organizationId');
  const termStart = new Date(input.termStart);
  checkCommitteeTerm(org, { ...input, termStart }, await ctx.loaders.committeesOfOrg.load(org._id));
  const { doc: term, created } = await appendOnce<CommitteeTermDoc>(
    ctx.models.CommitteeTerm,
    { ...input, termStart } as Omit<CommitteeTermDoc, '_id'>,
    { callerId: ctx.caller.id, mutation: 'recordCommitteeTerm', key: idempotencyKey, input },
  );
  if (created) await publishRecord(ctx, 'CommitteeTerm', term, [orgRef(org._id)]);
  return term;
}

export interface SixHavesInput {
  organizationId: string;
  year: number;
  items: { criterion: (typeof SIX_HAVES)[number]; met: boolean; evidence?: string | null }[];
  assessor: string;
  assessedOn: Date | string;
}

export async function recordSixHavesAssessment(
  ctx: Context,
  input: SixHavesInput,
): Promise<SixHavesAssessmentDoc> {
  const org = await writableOrganization(ctx, input.organizationId, 'organizationId');
  if (!GRASSROOTS_UNION_TYPES.includes(org.type)) {
    throw new BadUserInputError(text('sixHavesGrassroots'), 'organizationId');
  }
  requireUpperUnion(ctx, org);
  const assessedOn = new Date(input.assessedOn);
  requirePast(assessedOn, 'assessedOn');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > assessedOn.getUTCFullYear()) {
    throw new BadUserInputError(text('assessmentYear'), 'year');
  }
  const criteria = new Set(input.items.map((i) => i.criterion));
  if (input.items.length !== SIX_HAVES.length || criteria.size !== SIX_HAVES.length) {
    throw new BadUserInputError(text('sixHavesItems', { criteria: SIX_HAVES.join(', ') }), 'items');
  }
  const doc: SixHavesAssessmentDoc = {
    _id: `${org._id}:${input.year}`,
    organizationId: org._id,
    year: input.year,
    items: SIX_HAVES.map((criterion) => {
      const item = input.items.find((i) => i.criterion === criterion)!;
      return { criterion, met: item.met, evidence: item.evidence?.trim() || null };
    }),
    compliant: input.items.every((i) => i.met),
    assessor: requireText(input.assessor, 'assessor'),
    assessedBy: ctx.caller.id,
    assessedOn,
  };
  // The year's record is replaced whole: every path is set, in one single-document write.
  const { _id, ...fields } = doc;
  const saved = await updateDocument(ctx.models.SixHavesAssessment, _id, { $set: fields }, { upsert: true });
  await publishRecord(ctx, 'SixHavesAssessment', saved ?? doc, [orgRef(org._id)]);
  return saved ?? doc;
}

export interface AnnualReviewInput {
  organizationId: string;
  reviewerId: string;
  heldOn: Date | string;
  outcome: string;
  notes?: string | null;
}

export async function recordAnnualReview(
  ctx: Context,
  { idempotencyKey, ...input }: AnnualReviewInput & Keyed,
): Promise<AnnualReviewDoc> {
  const reviewer = await writableOrganization(ctx, input.reviewerId, 'reviewerId');
  const org = await visibleOrganization(ctx, input.organizationId);
  if (!org) throw new NotFoundError('Organization', input.organizationId, 'organizationId');
  if (org._id === reviewer._id || !org.path.includes(reviewer._id)) {
    throw new BadUserInputError(text('reviewerAbove'), 'reviewerId');
  }
  const heldOn = new Date(input.heldOn);
  requirePast(heldOn, 'heldOn');
  const { doc: review, created } = await appendOnce<AnnualReviewDoc>(
    ctx.models.AnnualReview,
    {
      organizationId: org._id,
      reviewerId: reviewer._id,
      heldOn,
      outcome: requireText(input.outcome, 'outcome'),
      notes: input.notes?.trim() || null,
      recordedBy: ctx.caller.id,
    },
    { callerId: ctx.caller.id, mutation: 'recordAnnualReview', key: idempotencyKey, input },
  );
  if (created) await publishRecord(ctx, 'AnnualReview', review, [orgRef(org._id)]);
  return review;
}
