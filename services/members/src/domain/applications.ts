import {
  appendOnce,
  ConflictError,
  ForbiddenError,
  findAppended,
  hasRole,
  NotFoundError,
  now,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { ApplicationDoc } from '../models';
import { type PersonInput, requirePerson } from './person';
import { registerPerson, requireNoMembership } from './registration';
import { requireReceivingUnion } from './units';

export type ApplicationInput = PersonInput & { organizationId: string; idempotencyKey?: string | null };

/**
 * 入会申请 Joining: an application (by the union office, or the online joining portal as a
 * SERVICE_CLIENT), approved by the union (within its scope), which registers the member. With an
 * idempotency key a repeat returns the first application (whatever has become of it since).
 */
export async function apply(ctx: Context, input: ApplicationInput): Promise<ApplicationDoc> {
  const { idempotencyKey: key, ...request } = input;
  const person = requirePerson(request);
  const org = await requireReceivingUnion(ctx, input.organizationId, person, {
    union: 'input.organizationId',
    employer: 'input.employerCreditCode',
  });
  // 网上入会: the online joining portal applies for the worker, with the same real-name checks.
  const portal = hasRole(ctx.caller, 'SERVICE_CLIENT');
  if (!portal && !(ctx.scope.canWrite && ctx.scope.contains(org))) {
    throw new ForbiddenError(text('applicationChannel'));
  }
  const { MembershipApplication } = ctx.models;
  const append = () =>
    appendOnce(
      MembershipApplication,
      {
        ...person,
        organizationId: org._id,
        status: 'PENDING',
        appliedAt: now(),
        appliedBy: ctx.caller.id,
        online: portal,
      },
      { callerId: ctx.caller.id, mutation: 'applyForMembership', key, input: request },
    );
  try {
    await requireNoMembership(ctx, person.residentId);
    const pending = await MembershipApplication.findOne({
      residentId: person.residentId,
      status: 'PENDING',
    }).lean();
    if (pending) {
      throw new ConflictError(text('applicationPending'), { field: 'input.residentId' });
    }
  } catch (refused) {
    // A keyed repeat finds the person already applied for (or registered) by its own first request.
    const earlier = await findAppended(MembershipApplication, {
      callerId: ctx.caller.id,
      mutation: 'applyForMembership',
      key,
      input: request,
    });
    if (earlier && refused instanceof ConflictError) return earlier;
    throw refused;
  }
  return (await append()).doc;
}

async function requireDecidable(ctx: Context, id: string): Promise<ApplicationDoc> {
  const app = await ctx.loaders.application.load(id);
  if (!app || !(await ctx.scope.visible(app, (a) => a.organizationId))) {
    throw new NotFoundError('MembershipApplication', id, 'id');
  }
  await ctx.scope.requireWritableOrg(app.organizationId, 'id');
  if (app.status !== 'PENDING') {
    const decided = app.status === 'APPROVED' ? 'applicationApproved' : 'applicationRejected';
    throw new ConflictError(text(decided), { field: 'id' });
  }
  return app;
}

/** The decision, written only while the application is still PENDING (the guard). */
async function settle(
  ctx: Context,
  app: ApplicationDoc,
  status: 'APPROVED' | 'REJECTED',
  note?: string | null,
) {
  return (
    (await updateDocument(
      ctx.models.MembershipApplication,
      app._id,
      { $set: { status, decidedAt: now(), decidedBy: ctx.caller.id, decisionNote: note ?? null } },
      { guard: { status: 'PENDING' } },
    )) ?? app
  );
}

/** Registers the member under the application's id, so a retry after a crash finds it. */
export async function approve(ctx: Context, id: string, note?: string | null): Promise<ApplicationDoc> {
  const app = await requireDecidable(ctx, id);
  // Checked again: the union's units may have changed since the application.
  await requireReceivingUnion(ctx, app.organizationId, app, { union: 'id', employer: 'id' });
  await registerPerson(ctx, app, app.organizationId, { id: app._id });
  return settle(ctx, app, 'APPROVED', note);
}

export async function reject(ctx: Context, id: string, note: string): Promise<ApplicationDoc> {
  return settle(ctx, await requireDecidable(ctx, id), 'REJECTED', note);
}
