import { ConflictError, ForbiddenError, hasRole, NotFoundError } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { ApplicationDoc } from '../models';
import { requireJoinableOrg } from './organizations';
import { type PersonInput, requirePerson } from './person';
import { registerPerson, requireNoMembership } from './registration';

/**
 * 入会申请 Joining: an application (by the union office, or the online joining portal as a
 * SERVICE_CLIENT), approved by the union (within its scope), which registers the member.
 */
export async function apply(
  ctx: Context,
  input: PersonInput & { organizationId: string },
): Promise<ApplicationDoc> {
  const person = requirePerson(input);
  const org = await requireJoinableOrg(ctx.scope, input.organizationId, 'input.organizationId');
  const portal = hasRole(ctx.caller, 'SERVICE_CLIENT');
  if (!portal && !(ctx.scope.canWrite && ctx.scope.contains(org))) {
    throw new ForbiddenError('Applications are made through the union office or the joining portal');
  }
  await requireNoMembership(ctx, person.residentId);
  const pending = await ctx.models.MembershipApplication.findOne({
    residentId: person.residentId,
    status: 'PENDING',
  }).lean();
  if (pending) {
    throw new ConflictError('An application for this person is already awaiting a decision', {
      field: 'input.residentId',
    });
  }
  return (
    await ctx.models.MembershipApplication.create({
      ...person,
      organizationId: org._id,
      status: 'PENDING',
      appliedAt: new Date(),
      appliedBy: ctx.caller.id,
    })
  ).toObject();
}

async function requireDecidable(ctx: Context, id: string): Promise<ApplicationDoc> {
  const app = await ctx.loaders.application.load(id);
  if (!app || !(await ctx.scope.visible(app, (a) => a.organizationId))) {
    throw new NotFoundError('MembershipApplication', id, 'id');
  }
  await ctx.scope.requireWritableOrg(app.organizationId, 'id');
  if (app.status !== 'PENDING') {
    throw new ConflictError(`The application was already ${app.status.toLowerCase()}`, { field: 'id' });
  }
  return app;
}

async function settle(
  ctx: Context,
  app: ApplicationDoc,
  status: 'APPROVED' | 'REJECTED',
  note?: string | null,
) {
  return (
    (await ctx.models.MembershipApplication.findOneAndUpdate(
      { _id: app._id, status: 'PENDING' },
      { $set: { status, decidedAt: new Date(), decidedBy: ctx.caller.id, decisionNote: note ?? null } },
      { returnDocument: 'after' },
    ).lean()) ?? app
  );
}

/** Registers the member under the application's id, so a retry after a crash finds it. */
export async function approve(ctx: Context, id: string, note?: string | null): Promise<ApplicationDoc> {
  const app = await requireDecidable(ctx, id);
  await requireJoinableOrg(ctx.scope, app.organizationId, 'id');
  await registerPerson(ctx, app, app.organizationId, { id: app._id });
  return settle(ctx, app, 'APPROVED', note);
}

export async function reject(ctx: Context, id: string, note: string): Promise<ApplicationDoc> {
  return settle(ctx, await requireDecidable(ctx, id), 'REJECTED', note);
}
