import { asDate, BadUserInputError, newId, today } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type {
  CollectiveContractDoc,
  DisclosureDoc,
  EmployeeRepresentativeDoc,
  WorkersCongressDoc,
} from '../models';
import { checkCongress, quorumReached } from './congress';
import { checkNewContract, contractFlow, contractScope, contractView, type ScopeInput } from './contracts';
import { requirePast } from './dates';
import type { NewRecord } from './inputs';
import { appendRecord, earlierAppend, type Once } from './once';
import { checkStep, recordStep, stepTaken, subjectEvent } from './workflow';

const writableContract = async (ctx: Context, id: string) =>
  (await ctx.scope.requireWritable(await ctx.loaders.contract.load(id), 'CollectiveContract', id)).doc;

export async function createCollectiveContract(
  ctx: Context,
  input: Omit<NewRecord<CollectiveContractDoc, 'renewsKey'>, keyof ScopeInput> & ScopeInput,
  once?: Once,
): Promise<CollectiveContractDoc> {
  const org = await ctx.scope.requireWritableOrg(input.organizationId);
  // A repeat finds its contract before the overlap check, which the contract itself would fail.
  const earlier = await earlierAppend(ctx, ctx.models.CollectiveContract, once);
  if (earlier) return earlier;
  const startsOn = asDate(input.startsOn);
  const expiresOn = asDate(input.expiresOn);
  // §12: a sectoral or regional contract takes the same path, so R20 applies to it unchanged.
  const coverage = contractScope(org, input);
  await checkNewContract(ctx, { ...input, ...coverage, startsOn, expiresOn });
  // Without a key the contract's id is also its renewsKey; a keyed record's id derives from the key.
  const _id = newId();
  // Losing a race means the same renewal, or the same contract, was entered at the same moment.
  const { doc: contract, created } = await appendRecord<CollectiveContractDoc>(
    ctx,
    ctx.models.CollectiveContract,
    {
      ...input,
      ...coverage,
      startsOn,
      expiresOn,
      renewsId: input.renewsId ?? null,
      renewsKey: input.renewsId ? `renewal-of:${input.renewsId}` : _id,
    },
    once,
    {
      id: _id,
      conflict: {
        message: text('contractJustEntered'),
        field: input.renewsId ? 'renewsId' : 'startsOn',
      },
    },
  );
  if (created) await ctx.publish([subjectEvent(contractFlow, contract)]);
  return contract;
}

export async function recordNegotiation(
  ctx: Context,
  id: string,
  note: string | null | undefined,
  once?: Once,
): Promise<CollectiveContractDoc> {
  const c = await writableContract(ctx, id);
  await recordStep(ctx, contractFlow, c, 'NEGOTIATE', { note }, once);
  return c;
}

export async function signCollectiveContract(
  ctx: Context,
  id: string,
  signedOn: Date | string,
  once?: Once,
): Promise<CollectiveContractDoc> {
  const c = await writableContract(ctx, id);
  if (await stepTaken(ctx, once)) return c;
  checkStep(contractFlow, await ctx.loaders.steps.load(c._id), 'SIGN');
  const on = asDate(signedOn);
  if (on > today()) throw new BadUserInputError(text('inFuture', { field: 'signedOn' }), 'signedOn');
  if (on >= asDate(c.expiresOn)) throw new BadUserInputError(text('expiresBeforeSigned'), 'signedOn');
  await recordStep(ctx, contractFlow, c, 'SIGN', { data: { signedOn: on } }, once);
  return c;
}

/** R20: filing follows signing; how late it came is read from the dates, not refused here. */
export async function fileCollectiveContract(
  ctx: Context,
  id: string,
  filedOn: Date | string,
  once?: Once,
): Promise<CollectiveContractDoc> {
  const c = await writableContract(ctx, id);
  if (await stepTaken(ctx, once)) return c;
  checkStep(contractFlow, await ctx.loaders.steps.load(c._id), 'FILE');
  const on = asDate(filedOn);
  const { signedOn } = await contractView(ctx, c);
  if (on > today()) throw new BadUserInputError(text('inFuture', { field: 'filedOn' }), 'filedOn');
  if (signedOn && on < signedOn) throw new BadUserInputError(text('filedBeforeSigning'), 'filedOn');
  await recordStep(ctx, contractFlow, c, 'FILE', { data: { filedOn: on } }, once);
  return c;
}

export async function holdWorkersCongress(
  ctx: Context,
  input: NewRecord<WorkersCongressDoc>,
  once?: Once,
): Promise<WorkersCongressDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  requirePast(input.heldOn, 'heldOn');
  checkCongress(input);
  const { doc: congress, created } = await appendRecord<WorkersCongressDoc>(
    ctx,
    ctx.models.WorkersCongress,
    input,
    once,
    {
      conflict: {
        message: text('sessionRecorded', { session: input.session, term: input.term }),
        field: 'session',
      },
    },
  );
  if (created)
    await ctx.publish([{ type: 'WorkersCongress', id: congress._id, op: 'upsert', version: Date.now() }]);
  return congress;
}

export async function recordDisclosure(
  ctx: Context,
  input: NewRecord<DisclosureDoc>,
  once?: Once,
): Promise<DisclosureDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  requirePast(input.disclosedOn, 'disclosedOn');
  const { doc: disclosure, created } = await appendRecord<DisclosureDoc>(
    ctx,
    ctx.models.Disclosure,
    input,
    once,
  );
  if (created)
    await ctx.publish([{ type: 'Disclosure', id: disclosure._id, op: 'upsert', version: Date.now() }]);
  return disclosure;
}

/** Only a congress with a quorum elects; the representative belongs to the congress's union. */
export async function electEmployeeRepresentative(
  ctx: Context,
  input: NewRecord<EmployeeRepresentativeDoc, 'organizationId'>,
  once?: Once,
): Promise<EmployeeRepresentativeDoc> {
  const congress = await ctx.scope.requireVisible(
    await ctx.loaders.congress.load(input.congressId),
    (c) => c.organizationId,
    'WorkersCongress',
    input.congressId,
    'congressId',
  );
  await ctx.scope.requireWritableOrg(congress.organizationId, 'congressId');
  if (!quorumReached(congress)) {
    throw new BadUserInputError(text('noQuorumToElect'), 'congressId');
  }
  if (asDate(input.termEnd) <= asDate(input.termStart)) {
    throw new BadUserInputError(text('mustBeAfter', { later: 'termEnd', earlier: 'termStart' }), 'termEnd');
  }
  const { doc: rep, created } = await appendRecord<EmployeeRepresentativeDoc>(
    ctx,
    ctx.models.EmployeeRepresentative,
    { ...input, organizationId: congress.organizationId },
    once,
    { conflict: { message: text('seatHeld'), field: 'memberId' } },
  );
  if (created)
    await ctx.publish([{ type: 'EmployeeRepresentative', id: rep._id, op: 'upsert', version: Date.now() }]);
  return rep;
}
