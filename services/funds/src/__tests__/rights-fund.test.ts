import { type ChangeEvent, publishChanges } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { postCadresPayments } from '../domain/rights-fund';
import { CADRES_SUBGRAPH } from '../domain/rights-payments';
import { type Funds, incomeLines, ORG, POST, startFunds } from './fixtures';

let f: Funds;
beforeAll(async () => {
  f = await startFunds();
  // The county has 2 000 000 fen and sets 1 000 000 aside as its cadre rights-protection fund.
  await f.ok(POST, {
    input: { idempotencyKey: 'ft-income', postedOn: '2026-01-05', lines: incomeLines(ORG.ft, 2_000_000) },
  });
  await f.ok(POST, {
    input: {
      idempotencyKey: 'ft-rights-fund',
      postedOn: '2026-01-06',
      memo: '提取工会干部权益保障金',
      lines: [
        { organizationId: ORG.ft, book: 'FUNDS', credit: 1_000_000 },
        { organizationId: ORG.ft, book: 'FUNDS', debit: 1_000_000, earmark: 'CADRE_RIGHTS' },
      ],
    },
  });
});
afterAll(() => f?.sub.stop());

const models = () => f.sub.server.models;

/** Puts events on cadres' stream and waits until funds' consumer has handled them. */
async function deliver(...events: ChangeEvent[]): Promise<void> {
  const { redis, keyspace, subscriptions } = f.sub.server;
  await publishChanges(redis, keyspace, CADRES_SUBGRAPH, events);
  await subscriptions[CADRES_SUBGRAPH]!.caughtUp();
}

const subsidy = (id: string, amount: unknown, over: Record<string, unknown> = {}): ChangeEvent => ({
  type: 'CadreSubsidy',
  id,
  op: 'upsert',
  version: 1,
  data: {
    fundedByOrganizationId: ORG.ft,
    amount,
    on: '2026-03-10',
    cadreId: 'cadre-1',
    period: '2026-03',
    ...over,
  },
});

const RIGHTS = `query($org: ID!) {
  fundAccountOf(organizationId: $org, kind: CADRE_RIGHTS) {
    id kind balance income spending earmarkedBalance postings { totalCount nodes { id kind total } }
  }
  general: fundAccountOf(organizationId: $org) { kind balance }
}`;

const POSTING_OF = `query($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on CadreSubsidy { posting { id kind postedOn total lines { book category debit credit earmark } } }
    ... on RightsProtectionCase { posting { id kind postedOn total } }
  }
}`;

const postingOf = async (type: string, id: string) =>
  (await f.ok(POSTING_OF, { reps: [{ __typename: type, id }] }))._entities[0].posting;

describe('cadre subsidies reach the rights-protection fund', () => {
  it('posts a subsidy delivered twice exactly once, exact to the fen, from the payer own fund', async () => {
    const before = (await f.ok(RIGHTS, { org: ORG.ft })).fundAccountOf;
    expect(before).toMatchObject({
      kind: 'CADRE_RIGHTS',
      balance: 1_000_000,
      income: 1_000_000,
      spending: 0,
    });

    await deliver(subsidy('sub-1', 123_456), subsidy('sub-1', 123_456));

    expect(await models().Posting.countDocuments({ kind: 'CADRE_SUBSIDY' })).toBe(1);
    const after = await f.ok(RIGHTS, { org: ORG.ft });
    expect(after.fundAccountOf).toMatchObject({ balance: 876_544, income: 1_000_000, spending: 123_456 });
    expect(after.fundAccountOf.postings.totalCount).toBe(2);
    // The fund is part of the union's money: the general balance drops by the same fen.
    expect(after.general).toEqual({ kind: 'GENERAL', balance: 1_876_544 });
    expect(await postingOf('CadreSubsidy', 'sub-1')).toMatchObject({
      kind: 'CADRE_SUBSIDY',
      postedOn: '2026-03-10',
      total: 123_456,
      lines: [
        { book: 'EXPENSE', category: 'RIGHTS_PROTECTION', debit: 123_456, credit: 0, earmark: null },
        { book: 'FUNDS', category: null, debit: 0, credit: 123_456, earmark: 'CADRE_RIGHTS' },
      ],
    });
  });

  it('a redelivery after a crash between the insert and the ack is a no-op that still relays the change', async () => {
    const event = subsidy('sub-crash', 1);
    const first = await postCadresPayments([event], models());
    const again = await postCadresPayments([event], models());
    expect(await models().Posting.countDocuments({ idempotencyKey: 'cadre-subsidy:sub-crash' })).toBe(1);
    expect(again).toEqual(first);
    expect(first.find((e) => e.type === 'Posting')).toMatchObject({
      affects: [{ type: 'CadreSubsidy', id: 'sub-crash' }],
    });
    expect(first.some((e) => e.type === 'FundAccount')).toBe(true);
  });

  it('parks malformed events with their reason and goes on with the next one', async () => {
    const parked = () => models().ParkedEvent.countDocuments({ source: 'cadres' });
    const before = await parked();
    await deliver(
      subsidy('sub-float', 12.5),
      subsidy('sub-zero', 0),
      { type: 'CadreSubsidy', id: 'sub-empty', op: 'upsert', version: 1 },
      subsidy('sub-date', 100, { on: '10/03/2026' }),
      subsidy('sub-after', 100),
      subsidy('sub-after', 100),
    );
    expect(await parked()).toBe(before + 4);
    const reasons = await models()
      .ParkedEvent.find({ _id: /sub-(float|empty)/ })
      .lean();
    expect(reasons.map((r) => r.reason)).toEqual([
      expect.stringContaining('malformed payment'),
      expect.stringContaining('malformed payment'),
    ]);
    expect(
      await models().Posting.countDocuments({ idempotencyKey: /cadre-subsidy:sub-(float|zero|empty|date)/ }),
    ).toBe(0);
    expect(await postingOf('CadreSubsidy', 'sub-after')).toMatchObject({ total: 100 });
  });

  it('parks a payment the ledger refuses: a payer that keeps no fund, a closed period; a redelivery parks once', async () => {
    await f.ok(`mutation { closePeriod(organizationId: "${ORG.sz}", period: "2026-02") { period } }`);
    await deliver(
      subsidy('sub-grassroots', 500, { fundedByOrganizationId: ORG.g2 }),
      subsidy('sub-closed', 500, { fundedByOrganizationId: ORG.sz, on: '2026-02-28' }),
      subsidy('sub-closed', 500, { fundedByOrganizationId: ORG.sz, on: '2026-02-28' }),
      subsidy('sub-open', 500, { fundedByOrganizationId: ORG.sz, on: '2026-03-01' }),
    );
    const parked = await models()
      .ParkedEvent.find({ _id: /sub-(grassroots|closed)/ })
      .lean();
    expect(parked.map((p) => p._id).sort()).toEqual([
      'cadres:CadreSubsidy:sub-closed:1',
      'cadres:CadreSubsidy:sub-grassroots:1',
    ]);
    expect(parked.find((p) => p._id.includes('grassroots'))?.reason).toContain('乙公司工会委员会');
    expect(await postingOf('CadreSubsidy', 'sub-closed')).toBeNull();
    // The day after the close posts: the city's unfunded fund is overdrawn, and that is reported.
    const city = (await f.ok(RIGHTS, { org: ORG.sz })).fundAccountOf;
    expect(city).toMatchObject({ kind: 'CADRE_RIGHTS', balance: -500, spending: 500 });
  });
});

describe('rights-protection case support', () => {
  const kase = (id: string, version: number, data?: Record<string, unknown>): ChangeEvent => ({
    type: 'RightsProtectionCase',
    id,
    op: 'upsert',
    version,
    ...(data && { data }),
  });

  it('posts approved support once; opening a case moves no money', async () => {
    const support = {
      fundedByOrganizationId: ORG.town,
      amount: 300_000,
      on: '2026-04-01',
      cadreId: 'cadre-2',
    };
    await deliver(kase('case-1', 1), kase('case-1', 2, support), kase('case-1', 2, support));
    expect(await models().Posting.countDocuments({ idempotencyKey: 'rights-case:case-1' })).toBe(1);
    expect(await postingOf('RightsProtectionCase', 'case-1')).toMatchObject({
      kind: 'RIGHTS_CASE_SUPPORT',
      postedOn: '2026-04-01',
      total: 300_000,
    });
    expect(await postingOf('RightsProtectionCase', 'case-unapproved')).toBeNull();
  });

  it('pays exactly the balance down to 0, and one fen more overdraws to -1', async () => {
    const town = async () => (await f.ok(RIGHTS, { org: ORG.town })).fundAccountOf.balance;
    const fundTown = {
      idempotencyKey: 'town-rights',
      postedOn: '2026-04-02',
      lines: [
        { organizationId: ORG.town, book: 'FUNDS', debit: 300_001, earmark: 'CADRE_RIGHTS' },
        { organizationId: ORG.town, book: 'INCOME', category: 'SUBSIDY_FROM_UPPER', credit: 300_001 },
      ],
    };
    await f.ok(POST, { input: fundTown });
    expect(await town()).toBe(1);
    await deliver(subsidy('sub-town-1', 1, { fundedByOrganizationId: ORG.town, on: '2026-04-03' }));
    expect(await town()).toBe(0);
    await deliver(subsidy('sub-town-2', 1, { fundedByOrganizationId: ORG.town, on: '2026-04-03' }));
    expect(await town()).toBe(-1);
  });
});

describe('a bookkeeper spending from the fund', () => {
  const SPEND = `mutation($input: SpendingInput!) { recordSpending(input: $input) { total } }`;
  const spend = (organizationId: string, amount: number, idempotencyKey: string) => ({
    input: {
      idempotencyKey,
      organizationId,
      category: 'RIGHTS_PROTECTION',
      amount,
      earmark: 'CADRE_RIGHTS',
      postedOn: '2026-04-05',
      memo: '维权律师费',
    },
  });

  it('is refused beyond the balance, unlike cadres payments made before funds sees them', async () => {
    const held = (await f.ok(RIGHTS, { org: ORG.ft })).fundAccountOf.balance;
    expect(await f.fails(SPEND, spend(ORG.ft, held + 1, 'spend-over'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'amount',
      messageKey: 'funds.earmarkShort',
    });
    expect(await f.fails(SPEND, spend(ORG.g2, 1, 'spend-grassroots'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'earmark',
      messageKey: 'funds.rightsFundHolder',
    });
    await f.ok(SPEND, spend(ORG.ft, 2_000, 'spend-lawyer'));
    expect((await f.ok(RIGHTS, { org: ORG.ft })).fundAccountOf.balance).toBe(held - 2_000);
  });
});

describe('the fund in reports and access', () => {
  it('the annual final accounts count the payments as rights-protection spending', async () => {
    const res = await f.ok(
      `mutation { approveFinalAccount(organizationId: "${ORG.ft}", year: 2026) { closingBalance spending { category amount } } }`,
    );
    const rights = res.approveFinalAccount.spending.find(
      (s: { category: string }) => s.category === 'RIGHTS_PROTECTION',
    );
    // sub-1, sub-crash and sub-after were paid by the county, and its bookkeeper spent 2 000.
    expect(rights.amount).toBe(123_456 + 1 + 100 + 2_000);
    expect(res.approveFinalAccount.closingBalance).toBe(2_000_000 - 125_557);
  });

  it('opens a rights account on request for a federation only, and shows it on the union', async () => {
    const open = `mutation($org: ID!) { openFundAccount(organizationId: $org, kind: CADRE_RIGHTS) { kind organization { id } } }`;
    expect((await f.ok(open, { org: ORG.hn })).openFundAccount).toEqual({
      kind: 'CADRE_RIGHTS',
      organization: { id: ORG.hn },
    });
    expect(await f.fails(open, { org: ORG.g3 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'kind',
      messageKey: 'funds.rightsFundHolder',
    });
    // A member may not open accounts; another province's admin does not see this one.
    expect((await f.fails(open, { org: ORG.hn }, testCallers.member('m-1', ORG.hn))).code).toBe('FORBIDDEN');
    const other = await f.sub.request(
      `query { fundAccountOf(organizationId: "${ORG.ft}", kind: CADRE_RIGHTS) { id } }`,
      {
        caller: testCallers.orgAdmin(ORG.hn),
      },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await f.ok(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { rightsFundAccount { kind balance } } } }`,
      { reps: [{ __typename: 'Organization', id: ORG.hn }] },
      testCallers.orgAdmin(ORG.hn),
    );
    expect(own._entities[0].rightsFundAccount).toEqual({ kind: 'CADRE_RIGHTS', balance: 0 });
  });
});
