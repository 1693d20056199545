import {
  addYears,
  appendOnce,
  BadUserInputError,
  modifyDocument,
  NotFoundError,
  orgRef,
  today,
} from '@union-graph/subgraph-kit';
import type { BudgetLineInput, FundsAuditInput } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { AgreementDoc, BudgetDoc } from '../models';
import { isBelow, requireBookkeeper } from './access';
import { EXPENSE_CATEGORIES } from './categories';
import { accountRefs } from './events';
import { requirePeriod, requireYear, toDate } from './periods';

/**
 * 上代下: the upper union (an ancestor) starts keeping the lower union's books. With an
 * idempotency key a retry returns the agreement first entered and publishes nothing again.
 */
export async function enterAgreement(
  ctx: Context,
  upperId: string,
  lowerId: string,
  startedOn: Date,
  idempotencyKey?: string | null,
) {
  const upper = await ctx.scope.requireWritableOrg(upperId, 'upperId');
  const lower = await ctx.scope.requireOrg(lowerId, 'lowerId');
  if (!isBelow(lower, upper._id)) {
    throw new BadUserInputError(text('notBelow', { org: lower.name, upper: upper.name }), 'lowerId');
  }
  if (!ctx.scope.isNationwide && ctx.caller.orgId !== upper._id) {
    throw new BadUserInputError(text('agreementByUpper'), 'upperId');
  }
  // The unique openKey (= lower id while active) refuses a second active agreement as CONFLICT.
  const { doc, created } = await appendOnce(
    ctx.models.Agreement,
    {
      upperId: upper._id,
      lowerId: lower._id,
      openKey: lower._id,
      startedOn: toDate(startedOn),
      endedOn: null,
    },
    {
      callerId: ctx.caller.id,
      mutation: 'enterCentralizedAccounting',
      key: idempotencyKey,
      input: { upperId, lowerId, startedOn: toDate(startedOn) },
      conflict: { message: text('agreementActive', { lower: lower.name }), field: 'lowerId' },
    },
  );
  if (!created) return doc;
  // The lower union's account now shows `keptBy`.
  await ctx.publish([
    {
      type: 'CentralizedAccountingAgreement',
      id: doc._id,
      op: 'upsert',
      version: 1,
      affects: await accountRefs(ctx, lower._id),
    },
  ]);
  return doc;
}

/**
 * Ends an agreement once: the decision is taken on the agreement as it is when the write runs, so
 * of concurrent ends the first one's date stands and only it publishes.
 */
export async function endAgreement(ctx: Context, id: string, endedOn: Date) {
  const agreement = await ctx.loaders.agreementById.load(id);
  const visible = agreement && (await ctx.scope.visible(agreement, (a) => a.lowerId));
  if (!visible) throw new NotFoundError('CentralizedAccountingAgreement', id, 'id');
  await ctx.scope.requireWritableOrg(visible.upperId, 'id');
  if (visible.endedOn) return visible;
  if (toDate(endedOn) < visible.startedOn) {
    throw new BadUserInputError(text('agreementEndsBeforeStart'), 'endedOn');
  }
  let ended = false;
  const after = await modifyDocument(ctx.models.Agreement, id, (current) => {
    if (current.endedOn) return null;
    ended = true;
    return { update: { $set: { endedOn: toDate(endedOn), openKey: id } }, guard: { endedOn: null } };
  });
  // Ended by another replica between the read and the conditional write (MongoDB): its end stands.
  if (!after) return (await ctx.models.Agreement.findById(id).lean<AgreementDoc>()) ?? visible;
  if (!ended) return after;
  await ctx.publish([
    {
      type: 'CentralizedAccountingAgreement',
      id,
      op: 'upsert',
      version: 2,
      affects: await accountRefs(ctx, visible.lowerId),
    },
  ]);
  return after;
}

export async function setBudget(
  ctx: Context,
  organizationId: string,
  year: number,
  lines: BudgetLineInput[],
) {
  requireYear(year);
  await requireBookkeeper(ctx, organizationId);
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (!(EXPENSE_CATEGORIES as readonly string[]).includes(l.category)) {
      throw new BadUserInputError(text('notSpending', { category: l.category }), `lines.${i}.category`);
    }
    if (seen.has(l.category)) throw new BadUserInputError(text('categoryOnce'), `lines.${i}.category`);
    seen.add(l.category);
    if (!Number.isSafeInteger(l.amount) || l.amount < 0) {
      throw new BadUserInputError(text('budgetAmount'), `lines.${i}.amount`);
    }
  });
  const total = lines.reduce((a, l) => a + l.amount, 0);
  if (!Number.isSafeInteger(total)) throw new BadUserInputError(text('budgetTooLarge'), 'lines');
  // `_id` = union and year: a second budget for the year is a CONFLICT (budgets are not edited).
  const doc = await ctx.models.Budget.create({
    _id: `${organizationId}:${year}`,
    organizationId,
    year,
    lines,
    total,
  });
  await ctx.publish([{ type: 'Budget', id: doc._id, op: 'upsert', version: 1 }]);
  return doc.toObject() as BudgetDoc;
}

/**
 * A review by the funds audit committee of the union itself or of an upper union. With an
 * idempotency key a retry returns the review first recorded and publishes nothing again.
 */
export async function recordAudit(ctx: Context, input: FundsAuditInput) {
  const org = await ctx.scope.requireWritableOrg(input.organizationId);
  const auditor = await ctx.scope.requireOrg(input.auditedById, 'auditedById');
  if (!org.path.includes(auditor._id)) {
    throw new BadUserInputError(text('auditorAbove'), 'auditedById');
  }
  requirePeriod(input.periodFrom, 'periodFrom');
  requirePeriod(input.periodTo, 'periodTo');
  if (input.periodFrom > input.periodTo) {
    throw new BadUserInputError(text('auditPeriodOrder'), 'periodFrom');
  }
  const conclusion = input.conclusion.trim();
  if (!conclusion) throw new BadUserInputError(text('conclusionRequired'), 'conclusion');
  const findings = input.findings.map((f, i) => {
    if (!f.description.trim()) {
      throw new BadUserInputError(text('findingDescription'), `findings.${i}.description`);
    }
    if (f.amount != null && f.amount < 0) {
      throw new BadUserInputError(text('findingAmount'), `findings.${i}.amount`);
    }
    return { severity: f.severity, description: f.description.trim(), amount: f.amount ?? null };
  });
  const { idempotencyKey, ...request } = input;
  const { doc, created } = await appendOnce(
    ctx.models.FundsAudit,
    {
      organizationId: org._id,
      auditedById: auditor._id,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      conductedOn: toDate(input.conductedOn),
      conclusion,
      findings,
    },
    { callerId: ctx.caller.id, mutation: 'recordFundsAudit', key: idempotencyKey, input: request },
  );
  if (!created) return doc;
  // The union's `fundsAuditStatus`.
  await ctx.publish([
    { type: 'FundsAudit', id: doc._id, op: 'upsert', version: 1, affects: [orgRef(org._id)] },
  ]);
  return doc;
}

/**
 * The first day of the current term, approximated as `termYears` before today in China (terms live
 * in organizations, R15): an audit conducted on that day or later counts for the term.
 */
export function termStart(termYears: number, on: Date = today()): Date {
  return addYears(on, -termYears);
}

/** Whether a union whose latest audit was conducted on `conductedOn` was audited in its term. */
export function auditedInTerm(conductedOn: Date | null | undefined, termYears: number): boolean {
  return !!conductedOn && conductedOn >= termStart(termYears);
}
