import { BadUserInputError, insertUnique, newId } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type {
  CollectiveContractDoc,
  DisclosureDoc,
  EmployeeRepresentativeDoc,
  WorkersCongressDoc,
} from '../models';
import { checkCongress, quorumReached } from './congress';
import { checkNewContract, contractFlow, contractView } from './contracts';
import { day, requirePast, today } from './dates';
import type { NewRecord } from './inputs';
import { checkStep, recordStep, subjectEvent } from './workflow';

const writableContract = async (ctx: Context, id: string) =>
  (await ctx.scope.requireWritable(await ctx.loaders.contract.load(id), 'CollectiveContract', id)).doc;

export async function createCollectiveContract(
  ctx: Context,
  input: NewRecord<CollectiveContractDoc, 'renewsKey'>,
): Promise<CollectiveContractDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  const startsOn = day(input.startsOn);
  const expiresOn = day(input.expiresOn);
  await checkNewContract(ctx, { ...input, startsOn, expiresOn });
  const _id = newId();
  // Losing a race means the same renewal, or the same contract, was entered at the same moment.
  const contract = await insertUnique<CollectiveContractDoc>(
    ctx.models.CollectiveContract,
    {
      ...input,
      _id,
      startsOn,
      expiresOn,
      renewsId: input.renewsId ?? null,
      renewsKey: input.renewsId ? `renewal-of:${input.renewsId}` : _id,
    },
    { message: 'that contract was just entered', field: input.renewsId ? 'renewsId' : 'startsOn' },
  );
  await ctx.publish([subjectEvent(contractFlow, contract)]);
  return contract;
}

export async function recordNegotiation(
  ctx: Context,
  id: string,
  note: string | null | undefined,
): Promise<CollectiveContractDoc> {
  const c = await writableContract(ctx, id);
  await recordStep(ctx, contractFlow, c, 'NEGOTIATE', { note });
  return c;
}

export async function signCollectiveContract(
  ctx: Context,
  id: string,
  signedOn: Date | string,
): Promise<CollectiveContractDoc> {
  const c = await writableContract(ctx, id);
  checkStep(contractFlow, await ctx.loaders.steps.load(c._id), 'SIGN');
  const on = day(signedOn);
  if (on > today()) throw new BadUserInputError('signedOn lies in the future', 'signedOn');
  if (on >= day(c.expiresOn))
    throw new BadUserInputError('the contract expires before it is signed', 'signedOn');
  await recordStep(ctx, contractFlow, c, 'SIGN', { data: { signedOn: on } });
  return c;
}

/** R20: filing follows signing; how late it came is read from the dates, not refused here. */
export async function fileCollectiveContract(
  ctx: Context,
  id: string,
  filedOn: Date | string,
): Promise<CollectiveContractDoc> {
  const c = await writableContract(ctx, id);
  checkStep(contractFlow, await ctx.loaders.steps.load(c._id), 'FILE');
  const on = day(filedOn);
  const { signedOn } = await contractView(ctx, c);
  if (on > today()) throw new BadUserInputError('filedOn lies in the future', 'filedOn');
  if (signedOn && on < signedOn) throw new BadUserInputError('filedOn is before the signing', 'filedOn');
  await recordStep(ctx, contractFlow, c, 'FILE', { data: { filedOn: on } });
  return c;
}

export async function holdWorkersCongress(
  ctx: Context,
  input: NewRecord<WorkersCongressDoc>,
): Promise<WorkersCongressDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  requirePast(input.heldOn, 'heldOn');
  checkCongress(input);
  const congress = await insertUnique<WorkersCongressDoc>(ctx.models.WorkersCongress, input, {
    message: `session ${input.session} of term ${input.term} is already recorded`,
    field: 'session',
  });
  await ctx.publish([{ type: 'WorkersCongress', id: congress._id, op: 'upsert', version: Date.now() }]);
  return congress;
}

export async function recordDisclosure(
  ctx: Context,
  input: NewRecord<DisclosureDoc>,
): Promise<DisclosureDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  requirePast(input.disclosedOn, 'disclosedOn');
  const disclosure = (await ctx.models.Disclosure.create(input)).toObject();
  await ctx.publish([{ type: 'Disclosure', id: disclosure._id, op: 'upsert', version: Date.now() }]);
  return disclosure;
}

/** Only a congress with a quorum elects; the representative belongs to the congress's union. */
export async function electEmployeeRepresentative(
  ctx: Context,
  input: NewRecord<EmployeeRepresentativeDoc, 'organizationId'>,
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
    throw new BadUserInputError('the congress had no quorum: it cannot elect', 'congressId');
  }
  if (day(input.termEnd) <= day(input.termStart)) {
    throw new BadUserInputError('termEnd must be after termStart', 'termEnd');
  }
  const rep = await insertUnique<EmployeeRepresentativeDoc>(
    ctx.models.EmployeeRepresentative,
    { ...input, organizationId: congress.organizationId },
    { message: 'the member already holds this seat from this congress', field: 'memberId' },
  );
  await ctx.publish([{ type: 'EmployeeRepresentative', id: rep._id, op: 'upsert', version: Date.now() }]);
  return rep;
}
