import { BadUserInputError, NotFoundError, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import {
  type AnnualReviewDoc,
  type CommitteeTermDoc,
  SIX_HAVES,
  type SixHavesAssessmentDoc,
} from '../models';
import { type CommitteeTermInput, checkCommitteeTerm } from './committees';
import { publishRecord } from './org-events';
import { requireUpperUnion, visibleOrganization, writableOrganization } from './organizations';
import { GRASSROOTS_UNION_TYPES, OPEN_STATUSES } from './tree';

function requireText(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(`${field} cannot be blank`, field);
  return trimmed;
}

function requirePast(date: Date, field: string): void {
  if (date.getTime() > Date.now()) throw new BadUserInputError(`${field} is in the future`, field);
}

export async function recordCommitteeTerm(
  ctx: Context,
  input: CommitteeTermInput & { organizationId: string },
): Promise<CommitteeTermDoc> {
  const org = await writableOrganization(ctx, input.organizationId, 'organizationId');
  if (!OPEN_STATUSES.includes(org.status)) {
    throw new BadUserInputError(`${org.name} is ${org.status}`, 'organizationId');
  }
  const termStart = new Date(input.termStart);
  checkCommitteeTerm(org, { ...input, termStart }, await ctx.loaders.committeesOfOrg.load(org._id));
  const term = (
    await ctx.models.CommitteeTerm.create({ ...input, termStart })
  ).toObject() as CommitteeTermDoc;
  await publishRecord(ctx, 'CommitteeTerm', term, [orgRef(org._id)]);
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
    throw new BadUserInputError('the six haves assess grassroots unions', 'organizationId');
  }
  requireUpperUnion(ctx, org);
  const assessedOn = new Date(input.assessedOn);
  requirePast(assessedOn, 'assessedOn');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > assessedOn.getUTCFullYear()) {
    throw new BadUserInputError('year is a past or the current year', 'year');
  }
  const criteria = new Set(input.items.map((i) => i.criterion));
  if (input.items.length !== SIX_HAVES.length || criteria.size !== SIX_HAVES.length) {
    throw new BadUserInputError(`items hold each of the six criteria once: ${SIX_HAVES.join(', ')}`, 'items');
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
  await ctx.models.SixHavesAssessment.replaceOne({ _id: doc._id }, doc, {
    upsert: true,
    runValidators: true,
  });
  await publishRecord(ctx, 'SixHavesAssessment', doc, [orgRef(org._id)]);
  return doc;
}

export interface AnnualReviewInput {
  organizationId: string;
  reviewerId: string;
  heldOn: Date | string;
  outcome: string;
  notes?: string | null;
}

export async function recordAnnualReview(ctx: Context, input: AnnualReviewInput): Promise<AnnualReviewDoc> {
  const reviewer = await writableOrganization(ctx, input.reviewerId, 'reviewerId');
  const org = await visibleOrganization(ctx, input.organizationId);
  if (!org) throw new NotFoundError('Organization', input.organizationId, 'organizationId');
  if (org._id === reviewer._id || !org.path.includes(reviewer._id)) {
    throw new BadUserInputError('the reviewer is an upper union of the reviewed one', 'reviewerId');
  }
  const heldOn = new Date(input.heldOn);
  requirePast(heldOn, 'heldOn');
  const review = (
    await ctx.models.AnnualReview.create({
      organizationId: org._id,
      reviewerId: reviewer._id,
      heldOn,
      outcome: requireText(input.outcome, 'outcome'),
      notes: input.notes?.trim() || null,
      recordedBy: ctx.caller.id,
    })
  ).toObject() as AnnualReviewDoc;
  await publishRecord(ctx, 'AnnualReview', review, [orgRef(org._id)]);
  return review;
}
