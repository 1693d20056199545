import { randomBytes } from 'node:crypto';
import {
  appendOnce,
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  findAppended,
  insertIfAbsent,
  isDuplicateKey,
  NotFoundError,
  now,
  today,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { type PlainTextKey, text } from '../messages';
import type { MemberDoc, TransferDoc, TransferStepDoc, TransferStepKind } from '../models';
import { isMemberOnly, requireMember } from './access';
import { archive, memberEvent, transferEvent } from './archive';
import { detailProblems } from './person';
import { requireReceivingUnion } from './units';

/**
 * 凭证接转 (R12). Each step is one single-document write that a retry repeats harmlessly: the
 * transfer (unique open key per member), appended steps with fixed ids, the member's union moved by
 * a write conditioned on the old union. `advance` re-runs whatever a crash left undone, so the
 * member is always in exactly one union, the old one until MOVED, the new one after.
 */
export type TransferStatus = 'OPEN' | 'ACCEPTED' | 'COMPLETED' | 'REJECTED' | 'CANCELLED';
type Decision = 'ACCEPTED' | 'REJECTED' | 'CANCELLED';

/** What a second, different decision is told: the one already taken. */
const DECIDED = {
  ACCEPTED: 'transferAccepted',
  REJECTED: 'transferRejected',
  CANCELLED: 'transferCancelled',
} as const satisfies Record<Decision, PlainTextKey>;

export const STEP_ORDER: TransferStepKind[] = [
  'OPENED',
  'ACCEPTED',
  'REJECTED',
  'CANCELLED',
  'MOVED',
  'CLOSED',
];

/** The step id: the three decisions share one slot, so a transfer has at most one. */
export function stepId(transferId: string, step: TransferStepKind): string {
  const slot = step === 'ACCEPTED' || step === 'REJECTED' || step === 'CANCELLED' ? 'decision' : step;
  return `${transferId}:${slot}`;
}

export function transferStatus(t: TransferDoc, steps: TransferStepDoc[]): TransferStatus {
  const decision = steps.find((s) => s._id === stepId(t._id, 'ACCEPTED'))?.step as Decision | undefined;
  if (!decision) return 'OPEN';
  if (decision === 'ACCEPTED') return t.closedAt ? 'COMPLETED' : 'ACCEPTED';
  return decision;
}

function certificateCode(at: Date): string {
  return `JZ${today(at).getUTCFullYear()}${randomBytes(5).toString('hex').toUpperCase()}`;
}

async function addStep(ctx: Context, transferId: string, step: TransferStepKind, note?: string | null) {
  await insertIfAbsent(ctx.models.TransferStep, {
    _id: stepId(transferId, step),
    transferId,
    step,
    at: now(),
    by: ctx.caller.id,
    note: note ?? null,
  });
}

/** Both unions (and the member) see a transfer; outside that it reads as absent. */
export async function readableTransfer(ctx: Context, t: TransferDoc | null): Promise<TransferDoc | null> {
  if (!t) return null;
  if (isMemberOnly(ctx)) return t.memberId === ctx.caller.memberId ? t : null;
  const [from, to] = await ctx.scope.orgs.loadMany([t.fromOrganizationId, t.toOrganizationId]);
  const sees = [from, to].some((o) => o && !(o instanceof Error) && ctx.scope.contains(o));
  return sees ? t : null;
}

async function requireTransfer(ctx: Context, id: string): Promise<TransferDoc> {
  const t = await readableTransfer(ctx, await ctx.loaders.transfer.load(id));
  if (!t) throw new NotFoundError('MemberTransfer', id, 'id');
  return t;
}

async function decisionOf(ctx: Context, t: TransferDoc): Promise<TransferStepDoc | null> {
  return ctx.models.TransferStep.findById(stepId(t._id, 'ACCEPTED')).lean();
}

/** Re-runs every step the transfer's decision implies; each write is idempotent. */
export async function advance(ctx: Context, t: TransferDoc): Promise<TransferDoc> {
  const { Member, MemberTransfer } = ctx.models;
  await addStep(ctx, t._id, 'OPENED');
  const decision = await decisionOf(ctx, t);
  const changed: MemberDoc[] = [];
  const track = (doc: MemberDoc | null) => doc && changed.push(doc);
  if (!decision) {
    track(
      await updateDocument(
        Member,
        t.memberId,
        { $set: { status: 'TRANSFERRING' } },
        { guard: { organizationId: t.fromOrganizationId, status: 'ACTIVE' } },
      ),
    );
  } else {
    // The decision on the transfer itself too, so lists filter by status in the database.
    if (t.decision !== decision.step) {
      await updateDocument(MemberTransfer, t._id, { $set: { decision: decision.step } });
    }
    const moved = decision.step === 'ACCEPTED';
    track(
      await updateDocument(
        Member,
        t.memberId,
        {
          $set: moved
            ? {
                organizationId: t.toOrganizationId,
                status: 'ACTIVE',
                ...(t.newEmployerCreditCode ? { employerCreditCode: t.newEmployerCreditCode } : {}),
                lastActiveAt: decision.at,
              }
            : { status: 'ACTIVE' },
        },
        { guard: { organizationId: t.fromOrganizationId, status: 'TRANSFERRING' } },
      ),
    );
    if (moved) {
      await addStep(ctx, t._id, 'MOVED');
      await archive(ctx, t.memberId, 'TRANSFER', {
        id: `${t._id}:moved`,
        changes: [{ field: 'organizationId', from: t.fromOrganizationId, to: t.toOrganizationId }],
      });
    }
    if (!t.closedAt) {
      await updateDocument(MemberTransfer, t._id, { $set: { openKey: t._id, closedAt: decision.at } });
    }
    await addStep(ctx, t._id, 'CLOSED');
  }
  const fresh = (await MemberTransfer.findById(t._id).lean()) ?? t;
  ctx.loaders.transferSteps.clear(t._id);
  await ctx.publish([transferEvent(fresh), ...changed.map(memberEvent)]);
  return fresh;
}

export interface OpenTransferInput {
  memberId: string;
  toOrganizationId: string;
  newEmployerCreditCode?: string | null;
  reason?: string | null;
  idempotencyKey?: string | null;
}

/** The member themself, or an administrator over the member's current union. */
async function requireMemberSide(ctx: Context, member: MemberDoc, field: string): Promise<void> {
  if (ctx.caller.memberId === member._id) return;
  await ctx.scope.requireWritableOrg(member.organizationId, field);
}

/**
 * Opens a transfer: one insert under the unique open key (a concurrent second open is CONFLICT).
 * With an idempotency key a repeat returns the first transfer, whatever has become of it since,
 * and announces nothing again; the same request without a key finishes an open transfer instead.
 */
export async function openTransfer(ctx: Context, input: OpenTransferInput): Promise<TransferDoc> {
  const { idempotencyKey: key, ...request } = input;
  const member = await requireMember(ctx, input.memberId, 'input.memberId');
  const [problem] = detailProblems({ employerCreditCode: input.newEmployerCreditCode });
  if (problem) throw new BadUserInputError(problem.message, 'input.newEmployerCreditCode');
  if ((input.reason?.length ?? 0) > 500) throw new BadUserInputError(text('reasonLength'), 'input.reason');

  const { MemberTransfer } = ctx.models;
  const append = () => {
    const openedAt = now();
    // A concurrent open loses on the unique open key.
    return appendOnce(
      MemberTransfer,
      {
        memberId: member._id,
        fromOrganizationId: member.organizationId,
        toOrganizationId: input.toOrganizationId,
        certificateCode: certificateCode(openedAt),
        newEmployerCreditCode: input.newEmployerCreditCode?.trim().toUpperCase() || null,
        reason: input.reason ?? null,
        openedAt,
        openedBy: ctx.caller.id,
        openKey: member._id,
      },
      {
        callerId: ctx.caller.id,
        mutation: 'openMemberTransfer',
        key,
        input: request,
        conflict: { message: text('transferOpen'), field: 'input.memberId' },
      },
    );
  };
  try {
    await requireMemberSide(ctx, member, 'input.memberId');
    // R12: the membership follows the labor relation, to the new employer's union (§8).
    const newEmployer = input.newEmployerCreditCode?.trim().toUpperCase() || null;
    const to = await requireReceivingUnion(
      ctx,
      input.toOrganizationId,
      { employerCreditCode: newEmployer ?? member.employerCreditCode, flexibleWork: member.flexibleWork },
      {
        union: 'input.toOrganizationId',
        employer: newEmployer ? 'input.newEmployerCreditCode' : 'input.toOrganizationId',
      },
    );
    if (to._id === member.organizationId) {
      throw new BadUserInputError(text('transferToSameUnion'), 'input.toOrganizationId');
    }
    const open = await MemberTransfer.findOne({ openKey: member._id }).lean();
    if (open && key == null) {
      // The same request again (a lost reply): finish it rather than refuse it.
      if (open.toOrganizationId === to._id && open.openedBy === ctx.caller.id) return advance(ctx, open);
      throw new ConflictError(text('transferOpen'), {
        field: 'input.memberId',
        transferId: open._id,
      });
    }
    // With a key and an open transfer, the insert below decides: this key's own transfer, or CONFLICT.
    if (!open && member.status !== 'ACTIVE') {
      throw new BadUserInputError(text('transferNotActive', { status: member.status }), 'input.memberId');
    }
  } catch (refused) {
    // A keyed repeat may find the member moved on by its own first request (transferring, moved).
    const earlier = await findAppended(MemberTransfer, {
      callerId: ctx.caller.id,
      mutation: 'openMemberTransfer',
      key,
      input: request,
    });
    if (earlier) return earlier;
    throw refused;
  }
  const { doc: created, created: isNew } = await append();
  if (!isNew) return created;
  await archive(ctx, member._id, 'TRANSFER', {
    id: `${created._id}:opened`,
    changes: [{ field: 'status', from: member.status, to: 'TRANSFERRING' }],
  });
  return advance(ctx, created);
}

/**
 * Records the decision (one slot per transfer), then advances. Deciding the same way again on a
 * transfer that did not finish resumes it; deciding again once closed, or differently, is a CONFLICT.
 */
export async function decide(
  ctx: Context,
  id: string,
  decision: Decision,
  { certificateCode: code, note }: { certificateCode?: string; note?: string | null },
): Promise<TransferDoc> {
  const t = await requireTransfer(ctx, id);
  if (decision === 'CANCELLED') {
    if (ctx.caller.memberId !== t.memberId) await ctx.scope.requireWritableOrg(t.fromOrganizationId, 'id');
  } else {
    if (isMemberOnly(ctx)) throw new ForbiddenError(text('receivingUnionDecides'));
    await ctx.scope.requireWritableOrg(t.toOrganizationId, 'id');
  }
  if (decision === 'ACCEPTED' && code?.trim().toUpperCase() !== t.certificateCode) {
    throw new BadUserInputError(text('certificateMismatch'), 'certificateCode');
  }
  if ((note?.length ?? 0) > 500) throw new BadUserInputError(text('reasonLength'), 'reason');

  let step = await decisionOf(ctx, t);
  if (!step) {
    try {
      await ctx.models.TransferStep.create({
        _id: stepId(t._id, decision),
        transferId: t._id,
        step: decision,
        at: now(),
        by: ctx.caller.id,
        note: note ?? null,
      });
      return advance(ctx, t);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      step = await decisionOf(ctx, t);
    }
  }
  if (step?.step !== decision || t.closedAt) {
    throw new ConflictError(text(step ? DECIDED[step.step as Decision] : 'transferDecided'), {
      field: 'id',
      status: step?.step,
    });
  }
  return advance(ctx, t);
}
