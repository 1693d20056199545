import { setClock } from '@union-graph/subgraph-kit';
import type { TestSubgraph } from '@union-graph/subgraph-kit/testing';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { APPOINT, codeOf, day, END_TERM, type Errors, fieldOf, national, startCadres } from './fixtures';

let sg: TestSubgraph<Models>;
beforeAll(async () => {
  sg = await startCadres();
});
afterAll(async () => {
  setClock(null);
  await sg?.stop();
});

async function appoint(input: Record<string, unknown>, caller = national) {
  return sg.request<{ appointCadre: { id: string; status: string } }>(APPOINT, {
    caller,
    variables: { input },
  });
}

async function appointed(input: Record<string, unknown>): Promise<string> {
  const res = await appoint(input);
  expect(res.errors).toBeUndefined();
  return res.data!.appointCadre.id;
}

const TRAIN = 'mutation($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }';
const train = (input: Record<string, unknown>, caller = national) =>
  sg.request<{ recordTraining: { id: string } }>(TRAIN, { caller, variables: { input } });

const WORKER = 'id status steps { kind summary }';
type WorkerAnswer = { id: string; status: string; steps: { kind: string; summary: string | null }[] };

async function workerStep(name: string, input: Record<string, unknown>) {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const res = await sg.request<Record<string, WorkerAnswer>>(
    `mutation($input: ${type}!) { ${name}(input: $input) { ${WORKER} } }`,
    { caller: national, variables: { input } },
  );
  return { errors: res.errors as Errors, worker: res.data?.[name] };
}

async function assignedWorker(memberId: string): Promise<string> {
  const recruited = await workerStep('recruitContractWorker', {
    organizationId: 'th',
    memberId,
    recruitedOn: day(-100),
  });
  const workerId = recruited.worker!.id;
  const assigned = await workerStep('assignContractWorker', { workerId, organizationId: 'g2', on: day(-90) });
  expect(assigned.errors).toBeUndefined();
  return workerId;
}

const eventsOf = async (type: string, id: string) =>
  (await publishedEvents(sg.server)).filter((e) => e.type === type && e.id === id);

describe('idempotency keys', () => {
  it('returns the first training record for a repeated key, once, and publishes it once', async () => {
    const cadreId = await appointed({
      organizationId: 'g1',
      memberId: 'i-m1',
      position: 'VICE_CHAIR',
      termStart: day(-30),
    });
    const input = { cadreId, course: '任职培训', hours: 16, completedOn: day(-2), idempotencyKey: 'train-1' };
    const first = await train(input);
    const again = await train(input);
    expect(first.errors).toBeUndefined();
    expect(again.data?.recordTraining.id).toBe(first.data!.recordTraining.id);
    expect(await sg.server.models.Training.countDocuments({ cadreId })).toBe(1);
    expect(await eventsOf('TrainingRecord', first.data!.recordTraining.id)).toHaveLength(1);

    const changed = await train({ ...input, hours: 8 });
    expect(codeOf(changed.errors)).toBe('CONFLICT');
    expect(fieldOf(changed.errors)).toBe('idempotencyKey');
    expect(await sg.server.models.Training.countDocuments({ cadreId })).toBe(1);

    // Another caller's key of the same name is its own; without a key every call appends.
    const theirs = await train(input, testCallers.orgAdmin('g1'));
    expect(theirs.data?.recordTraining.id).not.toBe(first.data!.recordTraining.id);
    const { idempotencyKey: _, ...unkeyed } = input;
    expect((await train(unkeyed)).errors).toBeUndefined();
    expect((await train(unkeyed)).errors).toBeUndefined();
    expect(await sg.server.models.Training.countDocuments({ cadreId })).toBe(4);
  });

  it('appends one record for concurrent repeats of one key', async () => {
    const cadreId = await appointed({
      organizationId: 'g3',
      memberId: 'i-m3',
      position: 'ORGANIZER',
      termStart: day(-30),
    });
    const input = { cadreId, course: '组织员培训', hours: 4, completedOn: day(-1), idempotencyKey: 'race-1' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => train(input)));
    expect(answers.map((a) => a.errors)).toEqual(Array(10).fill(undefined));
    expect(new Set(answers.map((a) => a.data!.recordTraining.id)).size).toBe(1);
    expect(await sg.server.models.Training.countDocuments({ cadreId })).toBe(1);
  });

  it('returns the first position for a repeated appointment the checks would now refuse', async () => {
    const input = {
      organizationId: 'g4',
      memberId: 'i-chair',
      position: 'CHAIR',
      termStart: day(-10),
      idempotencyKey: 'appoint-1',
    };
    const first = await appointed(input);
    const again = await appoint(input);
    expect(again.errors).toBeUndefined();
    expect(again.data?.appointCadre.id).toBe(first);
    expect(await sg.server.models.Cadre.countDocuments({ organizationId: 'g4', memberId: 'i-chair' })).toBe(
      1,
    );
    expect(await eventsOf('Cadre', first)).toHaveLength(1);

    const changed = await appoint({ ...input, termStart: day(-9) });
    expect(codeOf(changed.errors)).toBe('CONFLICT');
    expect(fieldOf(changed.errors)).toBe('idempotencyKey');
    // A new key meets the rule the key does not bypass: one chair at a time.
    const other = await appoint({ ...input, memberId: 'i-other', idempotencyKey: 'appoint-2' });
    expect(codeOf(other.errors)).toBe('CONFLICT');
    expect(fieldOf(other.errors)).toBe('termStart');
    expect(await sg.server.models.Cadre.countDocuments({ organizationId: 'g4' })).toBe(1);
  });

  it('refuses a malformed key before writing', async () => {
    const res = await appoint({
      organizationId: 'g1',
      memberId: 'i-bad',
      position: 'ORGANIZER',
      termStart: day(-1),
      idempotencyKey: 'has spaces',
    });
    expect(codeOf(res.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(res.errors)).toBe('idempotencyKey');
    expect(await sg.server.models.Cadre.countDocuments({ memberId: 'i-bad' })).toBe(0);
  });

  it('keys elections, filings, subsidies and rights cases', async () => {
    const election = {
      organizationId: 'g2',
      voteDate: day(10),
      candidates: [{ memberId: 'i-cand', position: 'CHAIR', publicityStart: day(0) }],
      idempotencyKey: 'election-1',
    };
    const schedule = () =>
      sg.request<{ scheduleElection: { id: string } }>(
        'mutation($input: ScheduleElectionInput!) { scheduleElection(input: $input) { id } }',
        { caller: national, variables: { input: election } },
      );
    const [e1, e2] = [await schedule(), await schedule()];
    expect(e2.data?.scheduleElection.id).toBe(e1.data!.scheduleElection.id);
    expect(await sg.server.models.Election.countDocuments({ organizationId: 'g2' })).toBe(1);

    const part = await appointed({
      organizationId: 'g2',
      memberId: 'i-part',
      position: 'VICE_CHAIR',
      termStart: day(-60),
    });
    const subsidy = {
      cadreId: part,
      paidByOrganizationId: 'th',
      period: '2025-01',
      amount: 500,
      paidOn: day(-1),
    };
    const pay = (input: Record<string, unknown>) =>
      sg.request<{ recordCadreSubsidy: { id: string } }>(
        'mutation($input: RecordCadreSubsidyInput!) { recordCadreSubsidy(input: $input) { id } }',
        { caller: national, variables: { input } },
      );
    const [s1, s2] = [
      await pay({ ...subsidy, idempotencyKey: 'pay-1' }),
      await pay({ ...subsidy, idempotencyKey: 'pay-1' }),
    ];
    expect(s2.data?.recordCadreSubsidy.id).toBe(s1.data!.recordCadreSubsidy.id);
    // The period stays a key of its own: another request for it is the old CONFLICT on period.
    const twice = await pay({ ...subsidy, amount: 600, idempotencyKey: 'pay-2' });
    expect(fieldOf(twice.errors)).toBe('period');
    expect(await sg.server.models.Subsidy.countDocuments({ cadreId: part })).toBe(1);

    const openCase = () =>
      sg.request<{ openRightsProtectionCase: { id: string } }>(
        'mutation($input: OpenRightsProtectionCaseInput!) { openRightsProtectionCase(input: $input) { id } }',
        {
          caller: national,
          variables: {
            input: {
              cadreId: part,
              kind: 'DEMOTION',
              openedOn: day(-1),
              description: '调岗降薪',
              idempotencyKey: 'case-1',
            },
          },
        },
      );
    const [c1, c2] = [await openCase(), await openCase()];
    expect(c2.data?.openRightsProtectionCase.id).toBe(c1.data!.openRightsProtectionCase.id);
    expect(await sg.server.models.RightsCase.countDocuments({ cadreId: part })).toBe(1);
  });

  it('keys contract-worker steps: a repeat after later steps, even after the exit, returns the worker', async () => {
    const recruit = {
      organizationId: 'th',
      memberId: 'i-w',
      recruitedOn: day(-50),
      idempotencyKey: 'recruit-1',
    };
    const r1 = await workerStep('recruitContractWorker', recruit);
    const r2 = await workerStep('recruitContractWorker', recruit);
    const workerId = r1.worker!.id;
    expect(r2.worker?.id).toBe(workerId);
    expect(await sg.server.models.ContractWorker.countDocuments({ memberId: 'i-w' })).toBe(1);
    expect(r2.worker?.steps.map((s) => s.kind)).toEqual(['RECRUIT']);

    const assign = { workerId, organizationId: 'g1', on: day(-40), idempotencyKey: 'assign-1' };
    expect((await workerStep('assignContractWorker', assign)).errors).toBeUndefined();
    expect((await workerStep('assignContractWorker', assign)).errors).toBeUndefined();
    const duty = { workerId, on: day(-30), summary: '走访企业', idempotencyKey: 'duty-1' };
    expect((await workerStep('recordContractWorkerDuty', duty)).errors).toBeUndefined();
    const exit = { workerId, on: day(-5), reason: '合同期满', idempotencyKey: 'exit-1' };
    expect((await workerStep('exitContractWorker', exit)).worker?.status).toBe('EXITED');

    const dutyAgain = await workerStep('recordContractWorkerDuty', duty);
    expect(dutyAgain.errors).toBeUndefined();
    const exitAgain = await workerStep('exitContractWorker', exit);
    expect(exitAgain.errors).toBeUndefined();
    expect(exitAgain.worker?.steps.map((s) => s.kind)).toEqual(['RECRUIT', 'ASSIGN', 'DUTY', 'EXIT']);
    expect(await sg.server.models.Cadre.countDocuments({ contractWorkerId: workerId })).toBe(1);

    const otherExit = await workerStep('exitContractWorker', { ...exit, reason: '辞职' });
    expect(codeOf(otherExit.errors)).toBe('CONFLICT');
    expect(fieldOf(otherExit.errors)).toBe('idempotencyKey');
    // A key never recorded meets the refusal the checks give.
    const fresh = await workerStep('exitContractWorker', { ...exit, idempotencyKey: 'exit-2' });
    expect(codeOf(fresh.errors)).toBe('CONFLICT');
    expect(fieldOf(fresh.errors)).toBe('workerId');
    expect(await sg.server.models.ContractWorkerStep.countDocuments({ workerId })).toBe(4);
  });
});

describe('concurrent writes', () => {
  it('ends a term once under 20 concurrent ends: one answer, version 2, its day kept', async () => {
    const cadreId = await appointed({
      organizationId: 'g3',
      memberId: 'c-m1',
      position: 'VICE_CHAIR',
      termStart: day(-400),
    });
    const days = Array.from({ length: 20 }, (_, i) => day(-20 + i));
    const answers = await Promise.all(
      days.map((endedOn) =>
        sg.request<{ endCadreTerm: { id: string; status: string; termEnd: string } }>(END_TERM, {
          caller: national,
          variables: { input: { cadreId, endedOn, reason: `离任 ${endedOn}` } },
        }),
      ),
    );
    const won = answers.filter((a) => !a.errors);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => codeOf(a.errors) === 'CONFLICT')).toHaveLength(19);
    const stored = await sg.server.models.Cadre.findById(cadreId).lean();
    expect(stored).toMatchObject({ status: 'ENDED', version: 2, seatKey: cadreId });
    expect(stored!.termEnd!.toISOString().slice(0, 10)).toBe(won[0]!.data!.endCadreTerm.termEnd);
    expect(stored!.endReason).toBe(`离任 ${won[0]!.data!.endCadreTerm.termEnd}`);
    expect((await eventsOf('Cadre', cadreId)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('records 30 concurrent duties: every step kept, worker versions contiguous and each published once', async () => {
    const workerId = await assignedWorker('c-w1');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        workerStep('recordContractWorkerDuty', { workerId, on: day(-10), summary: `履职 ${i}` }),
      ),
    );
    expect(answers.map((a) => a.errors)).toEqual(Array(30).fill(undefined));
    const duties = await sg.server.models.ContractWorkerStep.find({ workerId, kind: 'DUTY' }).lean();
    expect(duties.map((d) => d.summary).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `履职 ${i}`).sort(),
    );
    expect((await sg.server.models.ContractWorker.findById(workerId).lean())?.version).toBe(32);
    const versions = (await eventsOf('ContractWorker', workerId)).map((e) => e.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('seats one chair of three concurrent keyed appointments, and repeats none', async () => {
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((m) =>
        appoint({
          organizationId: 'g1',
          memberId: `c-chair-${m}`,
          position: 'CHAIR',
          termStart: day(-3),
          idempotencyKey: `seat-${m}`,
        }),
      ),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(answers.filter((a) => codeOf(a.errors) === 'CONFLICT')).toHaveLength(2);
    expect(
      await sg.server.models.Cadre.countDocuments({
        organizationId: 'g1',
        position: 'CHAIR',
        status: 'SERVING',
      }),
    ).toBe(1);
  });
});

describe("China's calendar", () => {
  const FILE = `mutation($input: FileContractChangeInput!) { fileContractChange(input: $input) { late filedOn } }`;

  it('files a contract change on time until Beijing midnight before its effective day (16:00 UTC)', async () => {
    const chair = await appointed({
      organizationId: 'g2',
      memberId: 'cal-chair',
      position: 'CHAIR',
      termStart: '2025-01-02',
    });
    const file = () =>
      sg.request<{ fileContractChange: { late: boolean; filedOn: string } }>(FILE, {
        caller: national,
        variables: { input: { cadreId: chair, kind: 'CHANGE', effectiveOn: '2025-03-10' } },
      });
    try {
      setClock('2025-03-09T15:59:59Z'); // 23:59:59 on 9 March in Beijing
      const onTime = await file();
      expect(onTime.errors).toBeUndefined();
      expect(onTime.data?.fileContractChange).toEqual({ late: false, filedOn: '2025-03-09' });
      setClock('2025-03-09T16:00:00Z'); // midnight: 10 March in Beijing, the effective day
      const late = await file();
      expect(codeOf(late.errors)).toBe('BAD_USER_INPUT');
      expect(fieldOf(late.errors)).toBe('effectiveOn');
      expect(late.errors?.[0]?.extensions?.filedOn).toBe('2025-03-10');
    } finally {
      setClock(null);
    }
  });

  it('turns an untrained chair OVERDUE at Beijing midnight after the R6 deadline', async () => {
    const chair = await appointed({
      organizationId: 'g3',
      memberId: 'cal-r6',
      position: 'CHAIR',
      termStart: '2024-03-10',
    });
    const status = async () =>
      (
        await sg.request<{ cadre: { chairTraining: { status: string; deadline: string } } }>(
          'query($id: ID!) { cadre(id: $id) { chairTraining { status deadline } } }',
          { caller: national, variables: { id: chair } },
        )
      ).data?.cadre.chairTraining;
    try {
      setClock('2025-03-10T15:59:59Z'); // the deadline's last second in Beijing
      expect(await status()).toEqual({ status: 'PENDING', deadline: '2025-03-10' });
      setClock('2025-03-10T16:00:00Z');
      expect(await status()).toEqual({ status: 'OVERDUE', deadline: '2025-03-10' });
    } finally {
      setClock(null);
    }
  });
});
