import {
  asDate,
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  insertIfAbsent,
  NotFoundError,
  serializedPer,
  today,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { CollectiveContractDoc, CoveredUnitDoc } from '../models';
import { createCollectiveContract } from './bargaining';
import { checkNewContract, scopeOf } from './contracts';
import { appendRecord, earlierAppend, type Once } from './once';
import { changeEvent } from './workflow';

/** A sectoral or regional contract the caller may change (NOT_FOUND / FORBIDDEN as for any contract). */
async function multiUnitContract(ctx: Context, id: string): Promise<CollectiveContractDoc> {
  const { doc } = await ctx.scope.requireWritable(
    await ctx.loaders.contract.load(id),
    'CollectiveContract',
    id,
    'contractId',
  );
  if (scopeOf(doc) === 'UNIT') throw new BadUserInputError(text('notMultiUnit'), 'contractId');
  return doc;
}

/**
 * §12: a federation bargains for the units of its own area. Organizations places a unit in the tree
 * by the union covering it (its own grassroots union or a joint one), so that union must sit in the
 * federation's subtree; a unit no union covers cannot be placed and is refused.
 */
async function unitInArea(ctx: Context, contract: CollectiveContractDoc, hostUnitId: string) {
  const unit = await ctx.loaders.knownUnit.load(hostUnitId);
  if (!unit) throw new NotFoundError('HostUnit', hostUnitId, 'hostUnitId');
  const union = unit.coveredBy ? await ctx.scope.orgs.load(unit.coveredBy) : null;
  if (!union) throw new BadUserInputError(text('unitWithoutUnion', { unit: unit.name }), 'hostUnitId');
  if (!union.path.includes(contract.organizationId)) {
    const federation = await ctx.scope.orgs.load(contract.organizationId);
    throw new ForbiddenError(
      text('unitOutsideArea', { unit: unit.name, federation: federation?.name ?? contract.organizationId }),
    );
  }
  return { unit, union };
}

type Term = Pick<CollectiveContractDoc, '_id' | 'kind' | 'startsOn' | 'expiresOn' | 'renewsId'>;

/**
 * §12: on any day a unit is under at most one sectoral or regional contract of a kind (two wage
 * contracts would set two wage levels). The contract a renewal renews gives way to it.
 */
async function requireUnitFree(ctx: Context, contract: Term, hostUnitId: string): Promise<void> {
  const held = await ctx.models.CoveredUnit.find({
    hostUnitId,
    kind: contract.kind,
    removedOn: null,
    startsOn: { $lte: asDate(contract.expiresOn) },
    expiresOn: { $gte: asDate(contract.startsOn) },
  }).lean<CoveredUnitDoc[]>();
  const other = held.find((h) => h.contractId !== contract._id && h.contractId !== contract.renewsId);
  if (other)
    throw new ConflictError(text('unitCovered', { unit: other.unitName, contractId: other.contractId }), {
      field: 'hostUnitId',
      contractId: other.contractId,
    });
}

/** What shows a covered unit: its contract's list and totals, and the unit's `coveringContracts`. */
const coveredUnitEvent = (u: CoveredUnitDoc) =>
  changeEvent('CoveredUnit', u._id, [
    { type: 'CollectiveContract', id: u.contractId },
    { type: 'HostUnit', id: u.hostUnitId },
  ]);

export async function addCoveredUnit(
  ctx: Context,
  input: { contractId: string; hostUnitId: string; workersCovered: number },
  once?: Once,
): Promise<CoveredUnitDoc> {
  const contract = await multiUnitContract(ctx, input.contractId);
  const earlier = await earlierAppend(ctx, ctx.models.CoveredUnit, once);
  if (earlier) return earlier;
  if (!Number.isInteger(input.workersCovered) || input.workersCovered < 1)
    throw new BadUserInputError(text('workersCoveredPositive'), 'workersCovered');
  if (asDate(contract.expiresOn) < today())
    throw new BadUserInputError(text('contractExpired'), 'contractId');
  const { unit, union } = await unitInArea(ctx, contract, input.hostUnitId);
  const fields = { unitName: unit.name, coveringUnionId: union._id, workersCovered: input.workersCovered };
  // Checked and written one at a time per unit, so two contracts cannot both take it (FerretDB has no transactions).
  return serializedPer(`covered-unit:${input.hostUnitId}`, async () => {
    await requireUnitFree(ctx, contract, input.hostUnitId);
    const listed = await ctx.models.CoveredUnit.findOne({
      contractId: contract._id,
      hostUnitId: input.hostUnitId,
    }).lean<CoveredUnitDoc>();
    if (listed && !listed.removedOn) {
      // A keyed repeat of covering a removed unit again finds no appended record, only the reopened one.
      if (once?.key && listed.workersCovered === input.workersCovered) return listed;
      throw new ConflictError(text('unitListed', { unit: unit.name }), { field: 'hostUnitId' });
    }
    const doc = listed
      ? await updateDocument(ctx.models.CoveredUnit, listed._id, { $set: { ...fields, removedOn: null } })
      : (
          await appendRecord<CoveredUnitDoc>(
            ctx,
            ctx.models.CoveredUnit,
            {
              contractId: contract._id,
              organizationId: contract.organizationId,
              hostUnitId: input.hostUnitId,
              kind: contract.kind,
              startsOn: contract.startsOn,
              expiresOn: contract.expiresOn,
              removedOn: null,
              ...fields,
            },
            once,
            { conflict: { message: text('unitListed', { unit: unit.name }), field: 'hostUnitId' } },
          )
        ).doc;
    if (!doc) throw new NotFoundError('CoveredUnit', listed?._id ?? input.hostUnitId, 'hostUnitId');
    await ctx.publish([coveredUnitEvent(doc)]);
    return doc;
  });
}

/** Takes a unit off a contract: the record stays, with the day it left (a repeat changes nothing). */
export async function removeCoveredUnit(
  ctx: Context,
  contractId: string,
  hostUnitId: string,
): Promise<CoveredUnitDoc> {
  const contract = await multiUnitContract(ctx, contractId);
  const listed = await ctx.models.CoveredUnit.findOne({
    contractId: contract._id,
    hostUnitId,
  }).lean<CoveredUnitDoc>();
  if (!listed) throw new NotFoundError('CoveredUnit', hostUnitId, 'hostUnitId');
  if (listed.removedOn) return listed;
  const doc = await updateDocument(
    ctx.models.CoveredUnit,
    listed._id,
    { $set: { removedOn: today() } },
    { guard: { removedOn: null } },
  );
  if (!doc) return (await ctx.models.CoveredUnit.findById(listed._id).lean<CoveredUnitDoc>()) ?? listed;
  await ctx.publish([coveredUnitEvent(doc)]);
  return doc;
}

const activeUnits = (ctx: Context, contractId: string) => ctx.loaders.coveredUnitsByContract.load(contractId);

/**
 * Copies the renewed contract's units onto its renewal under ids derived from both, so a repeat (or
 * a retry after a failure half-way) adds only what is missing.
 */
async function carryUnits(ctx: Context, from: string, to: CollectiveContractDoc): Promise<void> {
  const added: CoveredUnitDoc[] = [];
  for (const u of await activeUnits(ctx, from)) {
    const doc = {
      _id: `${to._id}:${u.hostUnitId}`,
      contractId: to._id,
      organizationId: to.organizationId,
      hostUnitId: u.hostUnitId,
      unitName: u.unitName,
      coveringUnionId: u.coveringUnionId,
      workersCovered: u.workersCovered,
      kind: to.kind,
      startsOn: to.startsOn,
      expiresOn: to.expiresOn,
      removedOn: null,
    } as CoveredUnitDoc;
    if (await insertIfAbsent(ctx.models.CoveredUnit, doc)) added.push(doc);
  }
  if (added.length) await ctx.publish(added.map(coveredUnitEvent));
}

/**
 * R20 renewal through the one contract path (createCollectiveContract: same union, kind and
 * coverage, of a signed contract not yet renewed). A sectoral or regional contract's units go over to
 * the renewal; each must be free for the new term, checked before anything is written.
 */
export async function renewCollectiveContract(
  ctx: Context,
  input: { renewsId: string; title: string; startsOn: Date | string; expiresOn: Date | string },
  once?: Once,
): Promise<CollectiveContractDoc> {
  const { doc: old } = await ctx.scope.requireWritable(
    await ctx.loaders.contract.load(input.renewsId),
    'CollectiveContract',
    input.renewsId,
    'renewsId',
  );
  const multi = scopeOf(old) !== 'UNIT';
  const next = {
    organizationId: old.organizationId,
    kind: old.kind,
    scope: scopeOf(old),
    industry: old.industry ?? null,
    area: old.area ?? null,
    employerSide: old.employerSide ?? null,
    title: input.title,
    startsOn: asDate(input.startsOn),
    expiresOn: asDate(input.expiresOn),
    renewsId: old._id,
  };
  const earlier = await earlierAppend(ctx, ctx.models.CollectiveContract, once);
  if (!earlier && multi) {
    // The contract's own checks first (signed, not yet renewed…), so a unit is not blamed for them.
    await checkNewContract(ctx, next);
    for (const u of await activeUnits(ctx, old._id))
      await requireUnitFree(ctx, { ...next, _id: '' }, u.hostUnitId);
  }
  const renewal = earlier ?? (await createCollectiveContract(ctx, next, once));
  if (multi) await carryUnits(ctx, old._id, renewal);
  return renewal;
}

/** §12: the sectoral and regional contracts covering a unit that the caller may see, newest first. */
export async function contractsCovering(ctx: Context, hostUnitId: string): Promise<CollectiveContractDoc[]> {
  const listed = await ctx.loaders.coverageByUnit.load(hostUnitId);
  const contracts = await Promise.all(listed.map((u) => ctx.loaders.contract.load(u.contractId)));
  const seen = await Promise.all(contracts.map((c) => ctx.scope.visible(c, (d) => d.organizationId)));
  return seen.filter((c): c is CollectiveContractDoc => c !== null);
}
