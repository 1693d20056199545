import { type Caller, countCommands, streamKey } from '@union-graph/subgraph-kit';
import type { TestSubgraph } from '@union-graph/subgraph-kit/testing';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { APPOINT, codeOf, day, fieldOf, national, ORGS, startCadres } from './fixtures';

let sg: TestSubgraph<Models>;
beforeAll(async () => {
  sg = await startCadres();
});
afterAll(() => sg?.stop());

const WORKER =
  'id status assignedOrganization { id } position { id position source fullTime } steps { kind on year grade }';

async function step<T = Record<string, unknown>>(
  name: string,
  input: Record<string, unknown>,
  caller = national,
) {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  return sg.request<T>(`mutation($input: ${type}!) { ${name}(input: $input) { ${WORKER} } }`, {
    caller,
    variables: { input },
  });
}

describe('contract union workers', () => {
  it('records recruit → assign → duty → assessment → exit, each step once', async () => {
    const th = testCallers.orgAdmin('th');
    const recruited = await step<{ recruitContractWorker: { id: string; status: string } }>(
      'recruitContractWorker',
      { organizationId: 'th', memberId: 'm-w', recruitedOn: day(-200) },
      th,
    );
    expect(recruited.data?.recruitContractWorker.status).toBe('RECRUITED');
    const workerId = recruited.data!.recruitContractWorker.id;

    const early = await step('recordContractWorkerDuty', { workerId, on: day(-190), summary: '走访' }, th);
    expect(codeOf(early.errors)).toBe('CONFLICT');
    const outside = await step('assignContractWorker', { workerId, organizationId: 'g3', on: day(-180) });
    expect(fieldOf(outside.errors)).toBe('organizationId');

    const assigned = await step<{ assignContractWorker: { status: string; position: { source: string } } }>(
      'assignContractWorker',
      { workerId, organizationId: 'g1', on: day(-180) },
      th,
    );
    expect(assigned.data?.assignContractWorker).toMatchObject({
      status: 'ASSIGNED',
      position: { source: 'CONTRACT_WORKER', position: 'FULL_TIME_STAFF', fullTime: true },
    });
    expect(
      (await step('recordContractWorkerDuty', { workerId, on: day(-100), summary: '组织入会' }, th)).errors,
    ).toBeUndefined();
    const backdated = await step(
      'recordContractWorkerDuty',
      { workerId, on: day(-150), summary: '补记' },
      th,
    );
    expect(fieldOf(backdated.errors)).toBe('on');
    const year = Number(day(-50).slice(0, 4));
    const assess = { workerId, year, grade: 'EXCELLENT', on: day(-50) };
    expect((await step('assessContractWorker', assess, th)).errors).toBeUndefined();
    expect(codeOf((await step('assessContractWorker', assess, th)).errors)).toBe('CONFLICT');

    const exited = await step<{ exitContractWorker: { status: string; steps: { kind: string }[] } }>(
      'exitContractWorker',
      { workerId, on: day(-10), reason: '合同期满' },
      th,
    );
    expect(exited.data?.exitContractWorker.status).toBe('EXITED');
    expect(exited.data?.exitContractWorker.steps.map((s) => s.kind)).toEqual([
      'RECRUIT',
      'ASSIGN',
      'DUTY',
      'ASSESSMENT',
      'EXIT',
    ]);
    const position = await sg.server.models.Cadre.findOne({ contractWorkerId: workerId }).lean();
    expect(position).toMatchObject({ status: 'ENDED', endReason: 'EXITED' });
    // The reason the system stored reads as a label in the caller's language.
    const reasonFor = async (caller: Caller) =>
      (
        await sg.request<{ cadre: { endReason: string } }>(
          'query($id: ID!) { cadre(id: $id) { endReason } }',
          {
            caller,
            variables: { id: position!._id },
          },
        )
      ).data?.cadre.endReason;
    expect(await reasonFor(th)).toBe('社会化工会工作者退出');
    expect(await reasonFor({ ...th, language: 'en' })).toBe('The contract worker exited');
    expect(codeOf((await step('exitContractWorker', { workerId, on: day(0), reason: 'x' }, th)).errors)).toBe(
      'CONFLICT',
    );
  });
});

describe('subsidies and rights protection', () => {
  it('records a part-time cadre subsidy from an upper union once per period', async () => {
    const res = await sg.request<{ appointCadre: { id: string } }>(APPOINT, {
      caller: national,
      variables: {
        input: { organizationId: 'g2', memberId: 'm-pt', position: 'VICE_CHAIR', termStart: day(-30) },
      },
    });
    const cadreId = res.data!.appointCadre.id;
    const SUBSIDY = `mutation($input: RecordCadreSubsidyInput!) { recordCadreSubsidy(input: $input) { id amount paidBy { id } cadre { id } } }`;
    const input = { cadreId, paidByOrganizationId: 'th', period: '2025', amount: 120000, paidOn: day(0) };
    const paid = await sg.request(SUBSIDY, { caller: testCallers.orgAdmin('th'), variables: { input } });
    expect(paid.errors).toBeUndefined();
    const twice = await sg.request(SUBSIDY, { caller: national, variables: { input } });
    expect(twice.errors?.[0]).toMatchObject({
      message: '2025 的补贴已经登记',
      extensions: { code: 'CONFLICT', field: 'period', messageKey: 'cadres.subsidyRecorded' },
    });
    const self = await sg.request(SUBSIDY, {
      caller: national,
      variables: { input: { ...input, paidByOrganizationId: 'g2', period: '2026' } },
    });
    expect(fieldOf(self.errors)).toBe('paidByOrganizationId');
    const CASE = `mutation($input: OpenRightsProtectionCaseInput!) { openRightsProtectionCase(input: $input) { id kind supportAmount cadre { id } } }`;
    const opened = await sg.request<{ openRightsProtectionCase: { cadre: { id: string } } }>(CASE, {
      caller: national,
      variables: {
        input: {
          cadreId,
          kind: 'DISMISSAL',
          openedOn: day(0),
          description: '因履职被解除合同',
          supportAmount: 500000,
        },
      },
    });
    expect(opened.data?.openRightsProtectionCase.cadre.id).toBe(cadreId);
    const list = await sg.request<{
      cadreSubsidies: { totalCount: number };
      rightsProtectionCases: { totalCount: number };
    }>(
      '{ cadreSubsidies(organizationId: "gd") { totalCount } rightsProtectionCases(organizationId: "th") { totalCount } }',
      { caller: testCallers.orgAdmin('gd') },
    );
    expect(list.data).toEqual({
      cadreSubsidies: { totalCount: 1 },
      rightsProtectionCases: { totalCount: 1 },
    });
  });
});

const ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Organization { id chair { id } viceChairs { id } cadres(first: 10) { totalCount } fullTimeStaffCount hasElectedChair }
  }
}`;

describe('Organization and Member extensions', () => {
  beforeAll(async () => {
    for (const [organizationId, n] of [
      ['g1', 1],
      ['g3', 2],
      ['g4', 3],
      ['bj', 4],
    ] as const) {
      await sg.request(APPOINT, {
        caller: national,
        variables: {
          input: {
            organizationId,
            memberId: `m-c${n}`,
            position: 'CHAIR',
            termStart: day(-n),
            fullTime: true,
          },
        },
      });
      await sg.request(APPOINT, {
        caller: national,
        variables: {
          input: { organizationId, memberId: `m-v${n}`, position: 'VICE_CHAIR', termStart: day(-n) },
        },
      });
    }
  });

  it('resolves every field for many organizations in a constant number of commands', async () => {
    const counter = countCommands(sg.server.conn);
    const ask = async (ids: string[], caller = national) => {
      counter.reset();
      const res = await sg.request<{ _entities: Record<string, unknown>[] }>(ENTITIES, {
        caller,
        variables: { r: ids.map((id) => ({ __typename: 'Organization', id })) },
      });
      expect(res.errors).toBeUndefined();
      return { data: res.data!._entities, commands: counter.count };
    };
    const one = await ask(['g1']);
    const all = await ask(Object.keys(ORGS).map((k) => ORGS[k as keyof typeof ORGS]._id));
    expect(all.commands).toBe(one.commands);
    expect(one.commands).toBe(2);
    expect(one.data[0]).toMatchObject({
      chair: { id: expect.any(String) },
      viceChairs: [{ id: expect.any(String) }],
      cadres: { totalCount: 2 },
      fullTimeStaffCount: 1,
      hasElectedChair: false,
    });
    // A scoped caller adds one directory read per request, however many organizations.
    const scopedOne = await ask(['g1'], testCallers.orgAdmin('gd'));
    const scopedAll = await ask(['g1', 'g2', 'g3', 'g4', 'bj'], testCallers.orgAdmin('gd'));
    expect(scopedAll.commands).toBe(scopedOne.commands);
    expect(scopedAll.data.find((o) => o.id === 'g4')).toMatchObject({
      chair: null,
      viceChairs: [],
      fullTimeStaffCount: 0,
    });
    counter.stop();
  });

  it('lists a member positions, serving and ended, within scope', async () => {
    const res = await sg.request<{ _entities: { positions: { organization: { id: string } }[] }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { positions { organization { id } status } } } }',
      {
        caller: testCallers.orgAdmin('bj'),
        variables: {
          r: [
            { __typename: 'Member', id: 'm-c4' },
            { __typename: 'Member', id: 'm-c1' },
          ],
        },
      },
    );
    expect(res.data?._entities.map((m) => m.positions.map((p) => p.organization.id))).toEqual([['bj'], []]);
  });

  it('publishes a change event for every cadre written', async () => {
    const entries = await sg.server.redis.xrange(streamKey(sg.server.keyspace, 'cadres'), '-', '+');
    const cadres = entries.map(([, f]) => JSON.parse(f[1]!)).filter((e) => e.type === 'Cadre');
    expect(new Set(cadres.map((e) => e.id)).size).toBe(await sg.server.models.Cadre.countDocuments());
    // Each names its union (chair, cadres, counts) and member (positions); a worker's post its worker.
    const docs = await sg.server.models.Cadre.find().lean();
    for (const c of docs) {
      const refs = cadres.filter((e) => e.id === c._id).map((e) => e.affects);
      expect(refs.length).toBeGreaterThan(0);
      for (const affects of refs) {
        expect(affects).toEqual(
          expect.arrayContaining([
            { type: 'Organization', id: c.organizationId },
            { type: 'Member', id: c.memberId },
            ...(c.contractWorkerId ? [{ type: 'ContractWorker', id: c.contractWorkerId }] : []),
          ]),
        );
      }
    }
    expect(docs.some((c) => c.contractWorkerId)).toBe(true);
  });
});
