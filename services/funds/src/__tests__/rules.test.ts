import { makeCreditCode } from '@union-graph/domain';
import { countCommands, streamKey } from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { type Funds, incomeLines, type Json, ORG, POST, startFunds, tenPercentPlan } from './fixtures';

let f: Funds;
beforeAll(async () => {
  f = await startFunds();
  // Money to give: national and provincial federations start with income.
  for (const org of [ORG.nat, ORG.gd, ORG.ft, ORG.g3]) {
    await f.ok(POST, {
      input: { idempotencyKey: `seed-${org}`, postedOn: '2025-01-02', lines: incomeLines(org, 100_000_000) },
    });
  }
});
afterAll(() => f?.sub.stop());

const count = () => f.sub.server.models.Posting.countDocuments();
const CREDIT_CODE = makeCreditCode('91', '440304', 4242);
const WRONG_CHECK = `${CREDIT_CODE.slice(0, 17)}${CREDIT_CODE.endsWith('0') ? '1' : '0'}`;

const ALLOCATE = `mutation($input: PayrollAllocationInput!) {
  recordPayrollAllocation(input: $input) {
    id kind total
    allocation { payroll due received channel shares { organization { id } amount } }
  }
}`;

const allocation = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: `alloc-${Math.random().toString(36).slice(2)}`,
  organizationId: ORG.g1,
  unitName: '甲公司',
  unitCreditCode: CREDIT_CODE,
  period: '2025-02',
  payroll: 123_456_789,
  received: 2_469_136,
  channel: 'TAX_AUTHORITY',
  receivedOn: '2025-03-10',
  ...over,
});

describe('payroll allocations (R13)', () => {
  it('computes 2% due and splits the receipt across the levels exactly', async () => {
    const { recordPayrollAllocation: p } = await f.ok(ALLOCATE, {
      input: allocation({ received: 1_000_003 }),
    });
    expect(p.allocation).toMatchObject({
      payroll: 123_456_789,
      due: 2_469_136,
      received: 1_000_003,
      channel: 'TAX_AUTHORITY',
    });
    const shares = Object.fromEntries(p.allocation.shares.map((s: Json) => [s.organization.id, s.amount]));
    // g1 sits under a township (weight 0), county 20, city 10, province 5, national 5; 60 stays below.
    expect(shares).toEqual({
      [ORG.g1]: 600_002,
      [ORG.ft]: 200_001,
      [ORG.sz]: 100_000,
      [ORG.gd]: 50_000,
      [ORG.nat]: 50_000,
    });
    expect(p.total).toBe(1_000_003);
  });

  it('sends the preparatory fund to the upper union holding it, and refuses it at a grassroots union', async () => {
    const { recordPayrollAllocation: p } = await f.ok(ALLOCATE, {
      input: allocation({ organizationId: ORG.ft, preparatory: true, received: 10_000 }),
    });
    expect(p.kind).toBe('PREPARATORY_FUND');
    expect(p.allocation.shares.map((s: Json) => s.amount).reduce((a: number, b: number) => a + b, 0)).toBe(
      10_000,
    );
    const e = await f.fails(ALLOCATE, { input: allocation({ preparatory: true }) });
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
  });

  it.each([
    ['unitCreditCode', { unitCreditCode: WRONG_CHECK }],
    ['period', { period: '2025-13' }],
    ['payroll', { payroll: 0 }],
    ['received', { received: -5 }],
    ['unitName', { unitName: '  ' }],
  ])('refuses a bad %s and writes nothing', async (field, over) => {
    const before = await count();
    expect(await f.fails(ALLOCATE, { input: allocation(over) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
    });
    expect(await count()).toBe(before);
  });

  it('reports received against due, reversals netted out', async () => {
    const { recordPayrollAllocation: p } = await f.ok(ALLOCATE, {
      input: allocation({
        organizationId: ORG.g2,
        period: '2025-04',
        payroll: 1_000_000,
        received: 15_000,
        receivedOn: '2025-04-15',
      }),
    });
    const report = `{ allocationCompliance(from: "2025-04", to: "2025-04") { organization { id } due received shortfall } }`;
    // The report reads the statistics read model: as fresh as the events it has applied.
    await f.sub.server.caughtUp();
    expect((await f.ok(report)).allocationCompliance).toEqual([
      { organization: { id: ORG.g2 }, due: 20_000, received: 15_000, shortfall: 5_000 },
    ]);
    await f.ok(`mutation($id: ID!) { reversePosting(id: $id, postedOn: "2025-04-20") { id } }`, { id: p.id });
    await f.sub.server.caughtUp();
    expect((await f.ok(report)).allocationCompliance).toEqual([
      { organization: { id: ORG.g2 }, due: 0, received: 0, shortfall: 0 },
    ]);
  });
});

const DUES = `mutation($input: DuesPaymentInput!) {
  recordDuesPayment(input: $input) { id period amount wage paidAt member { id } organization { id } }
}`;

describe('dues (R16)', () => {
  const input = {
    memberId: 'm-1',
    organizationId: ORG.g1,
    period: '2025-05',
    wage: 812_345,
    paidAt: '2025-05-10T02:00:00Z',
  };

  it('records 0.5% of the wage once per member and month and publishes a DuesPayment event', async () => {
    const { recordDuesPayment: d } = await f.ok(DUES, { input });
    expect(d).toMatchObject({ period: '2025-05', amount: 4_062, wage: 812_345, member: { id: 'm-1' } });
    const replay = await f.ok(DUES, { input });
    expect(replay.recordDuesPayment.id).toBe(d.id);
    expect(await f.fails(DUES, { input: { ...input, wage: 900_000 } })).toMatchObject({ code: 'CONFLICT' });
    const { server } = f.sub;
    const events = await server.redis.xrange(streamKey(server.keyspace, 'funds'), '-', '+');
    const dues = events.map(([, fields]) => JSON.parse(fields[1]!)).filter((e) => e.type === 'DuesPayment');
    expect(dues.at(-1)).toEqual({
      type: 'DuesPayment',
      id: d.id,
      op: 'upsert',
      version: 1,
      data: {
        memberId: 'm-1',
        organizationId: ORG.g1,
        period: '2025-05',
        amount: 4_062,
        paidAt: '2025-05-10T02:00:00.000Z',
      },
      affects: [{ type: 'Member', id: 'm-1' }],
    });
    // The posting moved the union's balance: its account and its `fundAccount` answer go stale.
    const account = events
      .map(([, fields]) => JSON.parse(fields[1]!))
      .filter((e) => e.type === 'FundAccount')
      .at(-1);
    expect(account.affects).toEqual([{ type: 'Organization', id: ORG.g1 }]);
  });

  it('shows members their own dues history and last payment, wage masked for other readers', async () => {
    await f.ok(DUES, { input: { ...input, period: '2025-06', paidAt: '2025-06-11T02:00:00Z' } });
    const q = `{ _entities(representations: [{ __typename: "Member", id: "m-1" }]) { ... on Member { lastDuesPaidAt duesPayments { totalCount nodes { period amount wage } } } } }`;
    const own = await f.ok(q, {}, testCallers.member('m-1', ORG.g1));
    expect(own._entities[0].lastDuesPaidAt).toBe('2025-06-11T02:00:00.000Z');
    expect(own._entities[0].duesPayments.nodes).toEqual([
      { period: '2025-06', amount: 4_062, wage: 812_345 },
      { period: '2025-05', amount: 4_062, wage: 812_345 },
    ]);
    const stranger = await f.ok(q, {}, testCallers.member('m-2', ORG.g1));
    expect(stranger._entities[0]).toEqual({
      lastDuesPaidAt: null,
      duesPayments: { totalCount: 0, nodes: [] },
    });
    const analyst = await f.ok(q, {}, testCallers.analyst());
    expect(analyst._entities[0].duesPayments.nodes[0].wage).toBeNull();
    const otherProvince = await f.ok(q, {}, testCallers.orgAdmin(ORG.hn));
    expect(otherProvince._entities[0].duesPayments.totalCount).toBe(0);
  });

  it('drops a reversed payment from the history and tells readers it no longer stands', async () => {
    const { recordDuesPayment: d } = await f.ok(DUES, { input: { ...input, memberId: 'm-3' } });
    await f.ok(`mutation($id: ID!) { reversePosting(id: $id, postedOn: "2025-05-20") { id } }`, { id: d.id });
    const q = `{ _entities(representations: [{ __typename: "Member", id: "m-3" }]) { ... on Member { lastDuesPaidAt duesPayments { totalCount } } } }`;
    expect((await f.ok(q))._entities[0]).toEqual({ lastDuesPaidAt: null, duesPayments: { totalCount: 0 } });
    const { server } = f.sub;
    const events = await server.redis.xrange(streamKey(server.keyspace, 'funds'), '-', '+');
    const last = events
      .map(([, fields]) => JSON.parse(fields[1]!))
      .filter((e) => e.type === 'DuesPayment')
      .at(-1);
    expect(last).toEqual({
      type: 'DuesPayment',
      id: d.id,
      op: 'delete',
      version: 2,
      affects: [{ type: 'Member', id: 'm-3' }],
    });
  });

  it('refuses a wage too small to owe a fen', async () => {
    const e = await f.fails(DUES, { input: { ...input, period: '2025-07', wage: 99 } });
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'wage', messageKey: 'funds.wageTooSmall' });
  });
});

const PLAN = `mutation($input: SubsidyPlanInput!) { createSubsidyPlan(input: $input) { id total earmarked } }`;

describe('subsidies and earmarks (R9)', () => {
  it('refuses a national plan earmarking less than 10% and takes one at exactly 10%', async () => {
    const before = await f.sub.server.models.SubsidyPlan.countDocuments();
    const under = await f.fails(PLAN, {
      input: {
        funderId: ORG.nat,
        year: 2025,
        items: [
          { recipientId: ORG.gd, amount: 900_001 },
          { recipientId: ORG.town, amount: 99_999, earmark: 'TOWNSHIP' },
        ],
      },
    });
    expect(under).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'items',
      messageKey: 'funds.nationalEarmark',
      message:
        '全总的补助计划须安排不低于 10% 的专项资金用于乡镇（街道）工会（R9）；本计划专项 99999 分，补助总额 1000000 分',
    });
    expect(await f.sub.server.models.SubsidyPlan.countDocuments()).toBe(before);
    const { createSubsidyPlan: plan } = await f.ok(PLAN, { input: tenPercentPlan(2025) });
    expect(plan).toMatchObject({ total: 1_000_000, earmarked: 100_000 });
    const DISBURSE = `mutation($id: ID!) { disburseSubsidyPlan(id: $id, postedOn: "2025-06-01") { id kind total } }`;
    const paid = await f.ok(DISBURSE, { id: plan.id });
    expect((await f.ok(DISBURSE, { id: plan.id })).disburseSubsidyPlan.id).toBe(paid.disburseSubsidyPlan.id);
    expect(paid.disburseSubsidyPlan).toMatchObject({ kind: 'SUBSIDY', total: 2_000_000 });
    const town = await f.ok(`{ fundAccountOf(organizationId: "${ORG.town}") { balance earmarkedBalance } }`);
    expect(town.fundAccountOf).toEqual({ balance: 100_000, earmarkedBalance: 100_000 });
    const compliance = await f.ok(
      `{ earmarkCompliance(year: 2025) { subsidyTotal earmarked earmarkedBp requiredBp compliant earmarkedHeld } }`,
      {},
      testCallers.analyst(),
    );
    expect(compliance.earmarkCompliance).toEqual({
      subsidyTotal: 1_000_000,
      earmarked: 100_000,
      earmarkedBp: 1000,
      requiredBp: 1000,
      compliant: true,
      earmarkedHeld: 100_000,
    });
  });

  it('refuses an earmark for a union that is not a township/street union', async () => {
    const e = await f.fails(PLAN, {
      input: {
        funderId: ORG.nat,
        year: 2025,
        items: [{ recipientId: ORG.g2, amount: 100, earmark: 'TOWNSHIP' }],
      },
    });
    expect(e).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items.0.recipientId',
      messageKey: 'funds.earmarkRecipient',
    });
    const TRANSFER = `mutation($input: TransferInput!) { transferFunds(input: $input) { id } }`;
    const t = await f.fails(TRANSFER, {
      input: {
        idempotencyKey: 't-bad',
        fromOrganizationId: ORG.gd,
        toOrganizationId: ORG.g1,
        amount: 5,
        kind: 'SUBSIDY',
        earmark: 'TOWNSHIP',
        postedOn: '2025-06-02',
      },
    });
    expect(t).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toOrganizationId',
      messageKey: 'funds.earmarkRecipient',
    });
    const sideways = await f.fails(TRANSFER, {
      input: {
        idempotencyKey: 't-side',
        fromOrganizationId: ORG.gd,
        toOrganizationId: ORG.g3,
        amount: 5,
        kind: 'TRANSFER',
        postedOn: '2025-06-02',
      },
    });
    expect(sideways).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toOrganizationId',
      message: '丙公司工会委员会 不是 广东省总工会 的下级工会',
      messageKey: 'funds.notBelow',
    });
  });

  it('lets only the township union spend earmarked money, on its own spending, within what it holds', async () => {
    const SPEND = `mutation($input: SpendingInput!) { recordSpending(input: $input) { id total } }`;
    const base = {
      organizationId: ORG.town,
      category: 'WORKER_SERVICES',
      earmark: 'TOWNSHIP',
      postedOn: '2025-06-03',
    };
    await f.ok(SPEND, { input: { ...base, idempotencyKey: 's-1', amount: 40_000 } });
    const over = await f.fails(SPEND, { input: { ...base, idempotencyKey: 's-2', amount: 60_001 } });
    expect(over).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'amount',
      message: '持有的专项资金只有 60000 分',
      messageKey: 'funds.earmarkShort',
    });
    const elsewhere = await f.fails(SPEND, {
      input: { ...base, organizationId: ORG.ft, idempotencyKey: 's-3', amount: 1 },
    });
    expect(elsewhere).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'earmark',
      messageKey: 'funds.earmarkNotHeld',
    });
    // Passing earmarked money on to another union through a general entry is refused by the ledger.
    const passOn = await f.fails(POST, {
      input: {
        idempotencyKey: 'pass-on',
        postedOn: '2025-06-04',
        lines: [
          { organizationId: ORG.town, book: 'EXPENSE', category: 'SUBSIDY_TO_LOWER', debit: 10 },
          { organizationId: ORG.town, book: 'FUNDS', credit: 10, earmark: 'TOWNSHIP' },
        ],
      },
    });
    expect(passOn).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'lines.1.earmark',
      messageKey: 'funds.earmarkPassedOn',
    });
    const held = await f.ok(
      `{ fundAccountOf(organizationId: "${ORG.town}") { earmarkedBalance spending(from: "2025-06", to: "2025-06") } }`,
    );
    expect(held.fundAccountOf).toEqual({ earmarkedBalance: 60_000, spending: 40_000 });
  });
});

describe('scope and centralized accounting (上代下)', () => {
  it('keeps an upper union out of a lower union’s books until an agreement, then marks its entries', async () => {
    const county = testCallers.orgAdmin(ORG.ft);
    const entry = (key: string) => ({
      input: { idempotencyKey: key, postedOn: '2025-08-01', lines: incomeLines(ORG.g2, 300) },
    });
    expect((await f.fails(POST, entry('c-1'), county)).code).toBe('FORBIDDEN');
    const { enterCentralizedAccounting: a } = await f.ok(
      `mutation { enterCentralizedAccounting(upperId: "${ORG.ft}", lowerId: "${ORG.g2}", startedOn: "2025-07-01") { id active upper { id } lower { id } } }`,
      {},
      county,
    );
    expect(a).toMatchObject({ active: true, upper: { id: ORG.ft }, lower: { id: ORG.g2 } });
    // The lower union's account (and its `fundAccount`) now shows keptBy.
    const agreement = (await publishedEvents(f.sub.server)).find((e) => e.id === a.id);
    const account = await f.sub.server.models.FundAccount.findOne({ organizationId: ORG.g2 }).lean();
    expect(agreement?.affects).toEqual([
      { type: 'Organization', id: ORG.g2 },
      { type: 'FundAccount', id: account?._id },
    ]);
    const twice = await f.fails(
      `mutation { enterCentralizedAccounting(upperId: "${ORG.ft}", lowerId: "${ORG.g2}", startedOn: "2025-07-02") { id } }`,
      {},
      county,
    );
    expect(twice.code).toBe('CONFLICT');
    const { postEntry } = await f.ok(POST, entry('c-1'), county);
    const seen = await f.ok(
      `query($id: ID!) { posting(id: $id) { keptBy { id } } }`,
      { id: postEntry.id },
      testCallers.orgAdmin(ORG.g2),
    );
    expect(seen.posting.keptBy).toEqual({ id: ORG.ft });
    const both = `{ centralizedAccounting(organizationId: "${ORG.g2}") { id active } fundAccountOf(organizationId: "${ORG.g2}") { keptBy { id } } }`;
    expect((await f.ok(both, {}, testCallers.orgAdmin(ORG.g2))).fundAccountOf.keptBy).toEqual({ id: ORG.ft });
    await f.ok(
      `mutation { endCentralizedAccounting(id: "${a.id}", endedOn: "2025-12-31") { active } }`,
      {},
      county,
    );
    expect((await f.fails(POST, entry('c-2'), county)).code).toBe('FORBIDDEN');
  });

  it('words the refusal in Chinese by default and in English for a caller who asks for it', async () => {
    const entry = {
      input: { idempotencyKey: 'lang-1', postedOn: '2025-08-01', lines: incomeLines(ORG.g2, 1) },
    };
    const county = testCallers.orgAdmin(ORG.ft);
    const before = await count();
    const zh = await f.fails(POST, entry, county);
    const en = await f.fails(POST, entry, { ...county, language: 'en' });
    expect(zh).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
      messageKey: 'funds.ownBooks',
      message: '乙公司工会委员会 自主管理本会经费；上级工会只有实行“上代下”集中核算后才能代为记账',
    });
    expect(en).toEqual({
      ...zh,
      message:
        '乙公司工会委员会 keeps its own books; an upper union may write in them only under a centralized accounting agreement (上代下)',
    });
    expect(await count()).toBe(before);
  });

  it('hides another province’s accounts and postings and refuses writes there', async () => {
    const henan = testCallers.orgAdmin(ORG.hn);
    const q = await f.ok(`{ fundAccountOf(organizationId: "${ORG.g3}") { id } }`, {}, henan);
    expect(q.fundAccountOf).not.toBeNull();
    expect((await f.fails(`{ fundAccountOf(organizationId: "${ORG.g1}") { id } }`, {}, henan)).code).toBe(
      'FORBIDDEN',
    );
    const gdAccount = await f.ok(`{ fundAccountOf(organizationId: "${ORG.gd}") { id } }`);
    expect(
      (
        await f.ok(
          `query($id: ID!) { fundAccount(id: $id) { id } }`,
          { id: gdAccount.fundAccountOf.id },
          henan,
        )
      ).fundAccount,
    ).toBeNull();
    const write = await f.fails(
      POST,
      { input: { idempotencyKey: 'x', postedOn: '2025-08-01', lines: incomeLines(ORG.g1, 1) } },
      henan,
    );
    expect(write.code).toBe('FORBIDDEN');
    const readOnly = await f.fails(
      POST,
      { input: { idempotencyKey: 'y', postedOn: '2025-08-01', lines: incomeLines(ORG.g1, 1) } },
      testCallers.analyst(),
    );
    expect(readOnly.code).toBe('FORBIDDEN');
    const flows = await f.ok(
      `{ fundFlows(groupBy: REGION, from: "2025-01", to: "2025-12") { key income } }`,
      {},
      henan,
    );
    expect(flows.fundFlows.map((r: Json) => r.key)).toEqual(['410000']);
  });

  it('shows a transfer to the recipient with only the lines of unions in its scope', async () => {
    const { transferFunds } = await f.ok(
      `mutation($input: TransferInput!) { transferFunds(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: 't-1',
          fromOrganizationId: ORG.gd,
          toOrganizationId: ORG.g1,
          amount: 5_000,
          kind: 'TRANSFER',
          postedOn: '2025-08-02',
        },
      },
      testCallers.orgAdmin(ORG.gd),
    );
    const { posting } = await f.ok(
      `query($id: ID!) { posting(id: $id) { total lines { organization { id } book debit credit } } }`,
      { id: transferFunds.id },
      testCallers.orgAdmin(ORG.g1),
    );
    expect(posting.total).toBe(10_000);
    expect(posting.lines).toEqual([
      { organization: { id: ORG.g1 }, book: 'FUNDS', debit: 5_000, credit: 0 },
      { organization: { id: ORG.g1 }, book: 'INCOME', debit: 0, credit: 5_000 },
    ]);
  });
});

describe('accounts through Organization, batched', () => {
  it('resolves balance and flows for a page of unions in a flat number of database commands', async () => {
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { fundAccount { balance income spending(from: "2025-01", to: "2025-12") } } } }`;
    const run = async (ids: string[]) => {
      const counter = countCommands(f.sub.server.conn);
      const data = await f.ok(q, { reps: ids.map((id) => ({ __typename: 'Organization', id })) });
      counter.stop();
      return { data, commands: counter.count };
    };
    const small = await run([ORG.g1, ORG.g2]);
    const large = await run([ORG.nat, ORG.gd, ORG.sz, ORG.ft, ORG.town, ORG.g1, ORG.g2, ORG.hn, ORG.g3]);
    expect(large.commands).toBe(small.commands);
    expect(large.data._entities[0].fundAccount.balance).toBeGreaterThan(0);
  });
});

describe('budgets, final accounts and audits', () => {
  it('compares spending with the budget, shows the share on workers and freezes the year', async () => {
    const org = ORG.hn;
    await f.ok(POST, {
      input: { idempotencyKey: 'hn-in', postedOn: '2024-03-01', lines: incomeLines(org, 10_000, 'DUES') },
    });
    for (const [key, category, amount] of [
      ['hn-1', 'WORKER_SERVICES', 3_000],
      ['hn-2', 'OPERATIONS', 1_000],
    ] as const) {
      await f.ok(`mutation($input: SpendingInput!) { recordSpending(input: $input) { id } }`, {
        input: { idempotencyKey: key, organizationId: org, category, amount, postedOn: '2024-06-01' },
      });
    }
    const set = `mutation { setBudget(organizationId: "${org}", year: 2024, lines: [{ category: WORKER_SERVICES, amount: 5000 }, { category: OPERATIONS, amount: 2000 }]) { total workerShareBp spending { category amount } } }`;
    const { setBudget } = await f.ok(set);
    expect(setBudget.total).toBe(7_000);
    expect(setBudget.workerShareBp).toBe(7_500);
    expect(setBudget.spending.find((s: Json) => s.category === 'WORKER_SERVICES').amount).toBe(3_000);
    expect((await f.fails(set)).code).toBe('CONFLICT');
    const bad = await f.fails(
      `mutation { setBudget(organizationId: "${org}", year: 2023, lines: [{ category: DUES, amount: 1 }]) { id } }`,
    );
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.category' });
    const { approveFinalAccount: fa } = await f.ok(
      `mutation { approveFinalAccount(organizationId: "${org}", year: 2024) { openingBalance closingBalance budgeted income { category amount } } }`,
    );
    expect(fa).toMatchObject({ openingBalance: 0, closingBalance: 6_000, budgeted: 7_000 });
    expect(fa.income.find((i: Json) => i.category === 'DUES').amount).toBe(10_000);
    const late = await f.fails(POST, {
      input: { idempotencyKey: 'hn-late', postedOn: '2024-11-01', lines: incomeLines(org, 1) },
    });
    expect(late).toMatchObject({ code: 'BAD_USER_INPUT', field: 'postedOn' });
  });

  it('records audits by the union’s own or an upper funds audit committee and flags unions unaudited in their term', async () => {
    const AUDIT = `mutation($input: FundsAuditInput!) { recordFundsAudit(input: $input) { id findings { severity amount } } }`;
    const input = {
      organizationId: ORG.g1,
      auditedById: ORG.town,
      periodFrom: '2025-01',
      periodTo: '2025-06',
      conductedOn: new Date().toISOString().slice(0, 10),
      conclusion: '账实相符',
      findings: [{ severity: 'ISSUE', description: '票据不全', amount: 1200 }],
    };
    const { recordFundsAudit: audit } = await f.ok(AUDIT, { input });
    expect(audit.findings).toEqual([{ severity: 'ISSUE', amount: 1200 }]);
    const audited = (await publishedEvents(f.sub.server)).find((e) => e.id === audit.id);
    expect(audited?.affects).toEqual([{ type: 'Organization', id: ORG.g1 }]);
    expect(await f.fails(AUDIT, { input: { ...input, auditedById: ORG.g2 } })).toMatchObject({
      field: 'auditedById',
    });
    expect(await f.fails(AUDIT, { input: { ...input, periodFrom: '2025-07' } })).toMatchObject({
      field: 'periodFrom',
    });
    const status = await f.ok(
      `{ _entities(representations: [{ __typename: "Organization", id: "${ORG.g1}" }, { __typename: "Organization", id: "${ORG.g2}" }]) { ... on Organization { fundsAuditStatus { auditedInTerm lastAuditedOn } } } }`,
    );
    expect(status._entities.map((e: Json) => e.fundsAuditStatus.auditedInTerm)).toEqual([true, false]);
    const { unauditedOrganizations } = await f.ok(
      `{ unauditedOrganizations(type: "GRASSROOTS") { totalCount nodes { organization { id } auditedInTerm } } }`,
    );
    expect(unauditedOrganizations.nodes.map((n: Json) => n.organization.id).sort()).toEqual([ORG.g2, ORG.g3]);
    expect(unauditedOrganizations.totalCount).toBe(2);
  });
});
