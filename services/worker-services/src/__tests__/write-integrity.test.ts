import { makeCreditCode } from '@union-graph/domain';
import { setClock } from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { failure, ids, isoDay, useHarness } from './fixtures';

/**
 * Write integrity: idempotency keys on every appending mutation, concurrent appends to one subject
 * (nothing lost, rounds contiguous), and China's calendar (the day turns at 16:00 UTC).
 */
const h = useHarness();

const national = testCallers.national();
const adminA = testCallers.orgAdmin(ids.unionA);
const adminB = testCallers.orgAdmin(ids.unionB);
const townshipAdmin = testCallers.orgAdmin(ids.township);
const countyAdmin = testCallers.orgAdmin(ids.county);

const count = (model: keyof Models, filter: Record<string, unknown>) =>
  // biome-ignore lint/suspicious/noExplicitAny: any model of the subgraph, counted the same way
  (h.subgraph.server.models[model] as any).countDocuments(filter) as Promise<number>;

const eventsFor = async (id: string) => (await publishedEvents(h.subgraph.server)).filter((e) => e.id === id);

interface Case {
  mutation: string;
  inputType: string;
  model: keyof Models;
  caller: ReturnType<typeof testCallers.orgAdmin>;
  input: (n: number) => Record<string, unknown>;
}

/** Mutations appending a record with no natural key: without an idempotency key, a repeat appends again. */
const cases: Case[] = [
  {
    mutation: 'raiseLaborAlert',
    inputType: 'LaborAlertInput',
    model: 'LaborAlert',
    caller: adminB,
    input: (n) => ({
      organizationId: ids.unionB,
      category: 'WAGE_ARREARS',
      description: `拖欠工资 ${n}`,
      workersAffected: 10 + n,
    }),
  },
  {
    mutation: 'openAssistanceCase',
    inputType: 'AssistanceCaseInput',
    model: 'AssistanceCase',
    caller: adminB,
    input: (n) => ({
      organizationId: ids.unionB,
      memberId: 'member-keyed',
      level: 'DEEP',
      causes: ['ILLNESS'],
      household: { size: 3, monthlyIncomePerHead: 50_000 + n },
    }),
  },
  {
    mutation: 'createBenefitProgram',
    inputType: 'BenefitProgramInput',
    model: 'BenefitProgram',
    caller: adminB,
    input: (n) => ({
      organizationId: ids.unionB,
      name: `观影 ${n}`,
      category: 'CULTURE_SPORTS',
      perMemberLimit: 1 + n,
      validFrom: isoDay(-1),
      validUntil: isoDay(30),
    }),
  },
  {
    mutation: 'recordPurchasedService',
    inputType: 'PurchasedServiceInput',
    model: 'PurchasedService',
    caller: adminB,
    input: (n) => ({
      organizationId: ids.unionB,
      title: '法律援助',
      mode: 'ORDER',
      providerName: '律师事务所',
      providerCreditCode: makeCreditCode('52', '410102', 9),
      amount: 100_000 + n,
      startsOn: isoDay(-30),
      endsOn: isoDay(30),
      beneficiaries: 40,
    }),
  },
  {
    mutation: 'createCompetition',
    inputType: 'CompetitionInput',
    model: 'Competition',
    caller: adminB,
    input: (n) => ({ organizationId: ids.unionB, kind: 'ANKANG_CUP', name: `安康杯 ${n}`, year: 2026 }),
  },
  {
    mutation: 'createSatisfactionSurvey',
    inputType: 'SatisfactionSurveyInput',
    model: 'Survey',
    caller: adminB,
    input: (n) => ({ organizationId: ids.unionB, year: 2020 + n, title: '会员评家' }),
  },
  {
    mutation: 'recordDisclosure',
    inputType: 'DisclosureInput',
    model: 'Disclosure',
    caller: adminB,
    input: (n) => ({
      organizationId: ids.unionB,
      topic: 'SAFETY',
      summary: `安全生产 ${n}`,
      disclosedOn: isoDay(-1),
    }),
  },
];

describe('idempotency keys on appending mutations', () => {
  it.each(cases)('$mutation: a repeat with the key returns the first record, once', async (c) => {
    const run = (input: Record<string, unknown>) =>
      h.gql(c.caller, `mutation($input: ${c.inputType}!) { ${c.mutation}(input: $input) { id } }`, { input });
    const key = `${c.mutation}-1`;
    const first = await run({ ...c.input(1), idempotencyKey: key });
    const id = first.data?.[c.mutation].id as string;
    expect(id).toBeTruthy();
    const repeat = await run({ ...c.input(1), idempotencyKey: key });
    expect(repeat.data?.[c.mutation].id).toBe(id);
    expect(await count(c.model, { requestHash: { $exists: true }, _id: id })).toBe(1);
    expect(await count(c.model, { _id: id })).toBe(1);
    // The repeat published nothing again.
    expect(await eventsFor(id)).toHaveLength(1);

    const other = await run({ ...c.input(2), idempotencyKey: key });
    expect(failure(other)).toEqual({ code: 'CONFLICT', field: 'idempotencyKey' });

    const before = await count(c.model, {});
    const a = await run(c.input(3));
    const b = await run(c.input(3));
    expect(a.data?.[c.mutation].id).not.toBe(b.data?.[c.mutation].id);
    expect(await count(c.model, {})).toBe(before + 2);
  });

  it('keeps keys apart per caller and refuses a malformed key', async () => {
    const RAISE = `mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { id } }`;
    const input = { ...cases[0]!.input(5), idempotencyKey: 'shared-key' };
    const mine = await h.ok(adminB, RAISE, { input });
    const theirs = await h.ok(townshipAdmin, RAISE, { input });
    expect(mine.raiseLaborAlert.id).not.toBe(theirs.raiseLaborAlert.id);
    const bad = await h.gql(adminB, RAISE, { input: { ...input, idempotencyKey: 'no spaces allowed' } });
    expect(failure(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });

  it('answers concurrent twins of one keyed request with one record', async () => {
    const RAISE = `mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { id } }`;
    const input = { ...cases[0]!.input(7), idempotencyKey: 'twins' };
    const results = await Promise.all(Array.from({ length: 12 }, () => h.ok(adminB, RAISE, { input })));
    const returned = new Set(results.map((r) => r.raiseLaborAlert.id));
    expect(returned.size).toBe(1);
    const [id] = [...returned] as [string];
    expect(await count('LaborAlert', { description: '拖欠工资 7' })).toBe(1);
    expect(await eventsFor(id)).toHaveLength(1);
  });

  it('returns the home a repeat created, though the union has a home now; one own home per union still', async () => {
    const CREATE = `mutation($input: CreateWorkersHomeInput!) { createWorkersHome(input: $input) { id kind } }`;
    const home = {
      organizationId: ids.unionB,
      name: '乙公司职工之家',
      kind: 'STANDARD',
      establishedAt: '2019-05-01',
    };
    const first = await h.ok(adminB, CREATE, { input: { ...home, idempotencyKey: 'home-b' } });
    const repeat = await h.ok(adminB, CREATE, { input: { ...home, idempotencyKey: 'home-b' } });
    expect(repeat.createWorkersHome.id).toBe(first.createWorkersHome.id);
    expect(
      failure(await h.gql(adminB, CREATE, { input: { ...home, name: '另一个', idempotencyKey: 'home-b' } })),
    ).toEqual({ code: 'CONFLICT', field: 'idempotencyKey' });
    // Another key is another request: the union has its home.
    expect(failure(await h.gql(adminB, CREATE, { input: { ...home, idempotencyKey: 'home-b2' } }))).toEqual({
      code: 'CONFLICT',
      field: 'organizationId',
    });
    expect(await count('WorkersHome', { organizationId: ids.unionB, kind: { $ne: 'ONLINE' } })).toBe(1);

    // Two concurrent keyed creations for one union: the union's home key lets one win.
    const raced = await Promise.all(
      ['race-1', 'race-2'].map((idempotencyKey, i) =>
        h.gql(national, CREATE, {
          input: { ...home, organizationId: ids.otherUnion, kind: i ? 'JOINT' : 'STANDARD', idempotencyKey },
        }),
      ),
    );
    expect(raced.filter((r) => !r.errors)).toHaveLength(1);
    expect(failure(raced.find((r) => r.errors)!)).toEqual({ code: 'CONFLICT', field: 'organizationId' });
    expect(await count('WorkersHome', { organizationId: ids.otherUnion })).toBe(1);
  });

  it('repeats keyed creations that a plain repeat would find refused (natural keys, pre-checks)', async () => {
    const twice = async (
      caller: typeof adminA,
      mutation: string,
      query: string,
      vars: Record<string, unknown>,
    ) => {
      const first = await h.ok(caller, query, vars);
      const again = await h.gql(caller, query, vars);
      expect(again.errors).toBeUndefined();
      expect(again.data?.[mutation].id).toBe(first[mutation].id);
      return first[mutation].id as string;
    };
    // An overlapping same-kind contract would be CONFLICT on startsOn.
    const contract = await twice(
      adminA,
      'createCollectiveContract',
      `mutation($input: CollectiveContractInput!) { createCollectiveContract(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.unionA,
          kind: 'WAGE',
          title: '工资专项集体合同',
          startsOn: isoDay(-5),
          expiresOn: isoDay(360),
          idempotencyKey: 'wage-contract',
        },
      },
    );
    expect(await count('CollectiveContract', { organizationId: ids.unionA, kind: 'WAGE' })).toBe(1);
    expect(await eventsFor(contract)).toHaveLength(1);

    // An alert escalates to one dispute only.
    const { raiseLaborAlert: alert } = await h.ok(
      adminA,
      `mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { id } }`,
      {
        input: { organizationId: ids.unionA, category: 'LAYOFFS', description: '裁员', workersAffected: 30 },
      },
    );
    await h.ok(adminA, `mutation($id: ID!) { assessLaborAlert(id: $id, risk: HIGH) { id } }`, {
      id: alert.id,
    });
    await twice(
      adminA,
      'openCollectiveDispute',
      `mutation($input: CollectiveDisputeInput!) { openCollectiveDispute(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.unionA,
          alertId: alert.id,
          description: '集体停工',
          workersInvolved: 30,
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          idempotencyKey: 'dispute',
        },
      },
    );
    expect(await count('CollectiveDispute', { alertId: alert.id })).toBe(1);

    // The member has answered the survey.
    const { createSatisfactionSurvey: s } = await h.ok(
      adminA,
      `mutation($input: SatisfactionSurveyInput!) { createSatisfactionSurvey(input: $input) { id } }`,
      { input: { organizationId: ids.unionA, year: 2025, title: '2025年会员评家' } },
    );
    await twice(
      adminA,
      'rateUnion',
      `mutation($s: ID!) { rateUnion(surveyId: $s, memberId: "m-1", rating: SATISFIED, idempotencyKey: "r-1") { id } }`,
      { s: s.id },
    );
    const other = await h.gql(
      adminA,
      `mutation($s: ID!) { rateUnion(surveyId: $s, memberId: "m-1", rating: DISSATISFIED, idempotencyKey: "r-1") { id } }`,
      { s: s.id },
    );
    expect(failure(other)).toEqual({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await count('SurveyResponse', { surveyId: s.id })).toBe(1);
  });

  it('repeats a workflow step by its key even after the subject moved on', async () => {
    const CASE = 'id status assistedAmount steps { step round }';
    const { openAssistanceCase: c } = await h.ok(
      adminA,
      `mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.unionA,
          memberId: 'member-steps',
          level: 'RELATIVE',
          causes: ['UNEMPLOYMENT'],
          household: { size: 2, monthlyIncomePerHead: 40_000 },
        },
      },
    );
    const step = (m: string, args: string, caller = adminA) =>
      h.gql(caller, `mutation($id: ID!) { ${m}(id: $id, ${args}) { ${CASE} } }`, { id: c.id });
    expect((await step('reviewAssistanceCase', 'passed: true, idempotencyKey: "rev"')).data).toBeTruthy();
    // A plain repeat is refused (the case is reviewed); a keyed one answers as the first call did.
    expect(failure(await step('reviewAssistanceCase', 'passed: true'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    const again = await step('reviewAssistanceCase', 'passed: true, idempotencyKey: "rev"');
    expect(again.errors).toBeUndefined();
    expect(failure(await step('reviewAssistanceCase', 'passed: false, idempotencyKey: "rev"'))).toEqual({
      code: 'CONFLICT',
      field: 'idempotencyKey',
    });
    await step('approveAssistanceCase', 'passed: true', townshipAdmin);

    const give = (amount: number, key?: string) =>
      step(
        'giveAssistance',
        `input: { kind: CASH, amount: ${amount}${key ? `, idempotencyKey: "${key}"` : ''} }`,
      );
    await give(10_000, 'give-1');
    const repeated = await give(10_000, 'give-1');
    expect(repeated.data?.giveAssistance).toMatchObject({ status: 'ASSISTING', assistedAmount: 10_000 });
    await give(5_000);
    await step('closeAssistanceCase', 'idempotencyKey: "close"');
    // After closing, the keyed repeat of the first assistance still answers, and records nothing.
    const late = await give(10_000, 'give-1');
    expect(late.errors).toBeUndefined();
    expect(late.data?.giveAssistance).toMatchObject({ status: 'CLOSED', assistedAmount: 15_000 });
    expect(failure(await give(1, 'give-1'))).toEqual({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(failure(await give(1, 'give-2'))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await step('closeAssistanceCase', 'idempotencyKey: "close"')).errors).toBeUndefined();
    expect(
      late.data?.giveAssistance.steps.map((s: { step: string; round: number }) => `${s.step}${s.round}`),
    ).toEqual(['REVIEW1', 'APPROVE1', 'ASSIST1', 'ASSIST2', 'CLOSE1']);
    // One event per step taken, none for the repeats.
    expect(await eventsFor(c.id)).toHaveLength(6);
  });

  it('redeems once per key: a repeat takes no second slot, even at the limit', async () => {
    const { createBenefitProgram: p } = await h.ok(
      countyAdmin,
      `mutation($input: BenefitProgramInput!) { createBenefitProgram(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.county,
          name: '春节慰问',
          category: 'HOLIDAY_GIFT',
          perMemberLimit: 1,
          validFrom: isoDay(-1),
          validUntil: isoDay(1),
        },
      },
    );
    const REDEEM = `mutation($input: RedeemBenefitInput!) { redeemBenefit(input: $input) { id slot } }`;
    const input = {
      programId: p.id,
      memberId: 'member-gift',
      organizationId: ids.unionA,
      idempotencyKey: 'gift',
    };
    const first = await h.ok(adminA, REDEEM, { input });
    const repeat = await h.ok(adminA, REDEEM, { input });
    expect(repeat.redeemBenefit).toEqual(first.redeemBenefit);
    expect(await count('BenefitRedemption', { programId: p.id })).toBe(1);
    expect(failure(await h.gql(adminA, REDEEM, { input: { ...input, idempotencyKey: 'gift-2' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'memberId',
    });
  });
});

describe('concurrent appends to one subject', () => {
  async function approvedCase(memberId: string): Promise<string> {
    const { openAssistanceCase: c } = await h.ok(
      adminA,
      `mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.unionA,
          memberId,
          level: 'DEEP',
          causes: ['DISASTER'],
          household: { size: 5, monthlyIncomePerHead: 20_000 },
        },
      },
    );
    await h.ok(adminA, `mutation($id: ID!) { reviewAssistanceCase(id: $id, passed: true) { id } }`, {
      id: c.id,
    });
    await h.ok(townshipAdmin, `mutation($id: ID!) { approveAssistanceCase(id: $id, passed: true) { id } }`, {
      id: c.id,
    });
    return c.id;
  }

  const GIVE = `mutation($id: ID!, $input: GiveAssistanceInput!) { giveAssistance(id: $id, input: $input) { id } }`;
  const readCase = async (id: string) =>
    (await h.ok(national, `{ assistanceCase(id: "${id}") { status assistedAmount steps { step round } } }`))
      .assistanceCase;

  it('records every one of 30 concurrent assistance payments, rounds 1..30 each once, the sum exact', async () => {
    const id = await approvedCase('member-burst');
    const amounts = Array.from({ length: 30 }, (_, i) => 1_000 + i * 7);
    const results = await Promise.all(
      amounts.map((amount) => h.gql(adminA, GIVE, { id, input: { kind: 'CASH', amount } })),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const c = await readCase(id);
    expect(c.status).toBe('ASSISTING');
    expect(c.assistedAmount).toBe(amounts.reduce((a, b) => a + b, 0));
    const rounds = c.steps
      .filter((s: { step: string }) => s.step === 'ASSIST')
      .map((s: { round: number }) => s.round)
      .sort((a: number, b: number) => a - b);
    expect(rounds).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const stored = await h.subgraph.server.models.Step.find({ subjectId: id, step: 'ASSIST' }).lean();
    expect(stored.map((s) => s.data?.amount).sort()).toEqual([...amounts].sort());
  });

  it('keeps one record per key when 10 keyed payments are each sent twice at once', async () => {
    const id = await approvedCase('member-retry');
    const sends = Array.from({ length: 20 }, (_, i) => ({
      kind: 'CASH',
      amount: 500 + (i % 10),
      idempotencyKey: `pay-${i % 10}`,
    }));
    const results = await Promise.all(sends.map((input) => h.gql(adminA, GIVE, { id, input })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const c = await readCase(id);
    expect(c.assistedAmount).toBe(Array.from({ length: 10 }, (_, i) => 500 + i).reduce((a, b) => a + b, 0));
    expect(c.steps.filter((s: { step: string }) => s.step === 'ASSIST')).toHaveLength(10);
  });

  it('counts all of 30 concurrent negotiation rounds and 30 concurrent member ratings', async () => {
    const { createCollectiveContract: k } = await h.ok(
      adminB,
      `mutation($input: CollectiveContractInput!) { createCollectiveContract(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.unionB,
          kind: 'GENERAL',
          title: '综合集体合同',
          startsOn: isoDay(-10),
          expiresOn: isoDay(700),
        },
      },
    );
    const rounds = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        h.gql(
          adminB,
          `mutation($id: ID!, $note: String) { recordNegotiation(id: $id, note: $note) { id } }`,
          {
            id: k.id,
            note: `第${i + 1}轮`,
          },
        ),
      ),
    );
    expect(rounds.filter((r) => r.errors)).toEqual([]);
    const read = await h.ok(adminB, `{ collectiveContract(id: "${k.id}") { status negotiationRounds } }`);
    expect(read.collectiveContract).toEqual({ status: 'NEGOTIATING', negotiationRounds: 30 });

    const { createSatisfactionSurvey: s } = await h.ok(
      adminB,
      `mutation($input: SatisfactionSurveyInput!) { createSatisfactionSurvey(input: $input) { id } }`,
      { input: { organizationId: ids.unionB, year: 2026, title: '2026年会员评家' } },
    );
    const ratings = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        h.gql(
          adminB,
          `mutation($s: ID!, $m: ID!, $r: SatisfactionRating!) { rateUnion(surveyId: $s, memberId: $m, rating: $r) { id } }`,
          { s: s.id, m: `rater-${i}`, r: i < 27 ? 'SATISFIED' : 'DISSATISFIED' },
        ),
      ),
    );
    expect(ratings.filter((r) => r.errors)).toEqual([]);
    expect(await count('SurveyResponse', { surveyId: s.id })).toBe(30);
    expect(await count('SurveyResponse', { surveyId: s.id, satisfied: 1 })).toBe(27);
  });
});

describe('China’s calendar: the day turns at Beijing midnight (16:00 UTC)', () => {
  afterEach(() => setClock(null));

  const CONTRACT = 'status renewalDue filingOverdue signedOn filedOn';
  const read = async (id: string) =>
    (await h.ok(adminA, `{ collectiveContract(id: "${id}") { ${CONTRACT} } }`)).collectiveContract;

  it('flags filing overdue, allows a filing dated “today” and expires the contract at Beijing midnight', async () => {
    // Beijing noon, 1 March 2030.
    setClock('2030-03-01T04:00:00Z');
    const { createCollectiveContract: k } = await h.ok(
      adminA,
      `mutation($input: CollectiveContractInput!) { createCollectiveContract(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.unionA,
          kind: 'SPECIAL',
          title: '女职工专项集体合同',
          startsOn: '2030-03-01',
          expiresOn: '2031-02-28',
        },
      },
    );
    await h.ok(adminA, `mutation($id: ID!) { recordNegotiation(id: $id) { id } }`, { id: k.id });
    await h.ok(
      adminA,
      `mutation($id: ID!) { signCollectiveContract(id: $id, signedOn: "2030-03-01") { id } }`,
      {
        id: k.id,
      },
    );

    // Filing is due within 7 days of signing: by 8 March, Beijing time.
    setClock('2030-03-08T15:59:59Z');
    expect(await read(k.id)).toMatchObject({ status: 'SIGNED', filingOverdue: false });
    const FILE = `mutation($id: ID!) { fileCollectiveContract(id: $id, filedOn: "2030-03-09") { ${CONTRACT} } }`;
    // 9 March has not begun in Beijing yet.
    expect(failure(await h.gql(adminA, FILE, { id: k.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filedOn',
    });
    setClock('2030-03-08T16:00:00Z');
    expect(await read(k.id)).toMatchObject({ status: 'SIGNED', filingOverdue: true });
    // It is 9 March in Beijing (still the 8th in UTC): filing dated today is accepted, and late.
    const filed = (await h.ok(adminA, FILE, { id: k.id })).fileCollectiveContract;
    expect(filed).toMatchObject({ status: 'FILED', filedOn: '2030-03-09', filingOverdue: true });

    // Expiry on 28 February 2031: the last day counts until Beijing midnight.
    setClock('2031-02-28T15:59:59Z');
    expect(await read(k.id)).toMatchObject({ status: 'FILED', renewalDue: true });
    setClock('2031-02-28T16:00:00Z');
    expect(await read(k.id)).toMatchObject({ status: 'EXPIRED', renewalDue: false });
  });

  it('runs a benefit program through its last day in Beijing', async () => {
    setClock('2030-06-01T04:00:00Z');
    const { createBenefitProgram: p } = await h.ok(
      adminA,
      `mutation($input: BenefitProgramInput!) { createBenefitProgram(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.unionA,
          name: '端午慰问',
          category: 'HOLIDAY_GIFT',
          perMemberLimit: 5,
          validFrom: '2030-06-01',
          validUntil: '2030-06-05',
        },
      },
    );
    const redeem = () =>
      h.gql(adminA, `mutation($input: RedeemBenefitInput!) { redeemBenefit(input: $input) { slot } }`, {
        input: { programId: p.id, memberId: 'member-duanwu', organizationId: ids.unionA },
      });
    setClock('2030-06-05T15:59:59Z');
    expect((await redeem()).data?.redeemBenefit).toEqual({ slot: 1 });
    setClock('2030-06-05T16:00:00Z');
    expect(failure(await redeem())).toEqual({ code: 'BAD_USER_INPUT', field: 'programId' });
    // The day before it opens ends at 16:00 UTC too.
    setClock('2030-05-31T15:59:59Z');
    expect(failure(await redeem())).toEqual({ code: 'BAD_USER_INPUT', field: 'programId' });
    setClock('2030-05-31T16:00:00Z');
    expect((await redeem()).data?.redeemBenefit).toEqual({ slot: 2 });
  });
});
