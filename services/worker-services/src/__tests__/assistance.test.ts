import { countCommands } from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { failure, ids, isoDay, useHarness } from './fixtures';

const h = useHarness();

const national = testCallers.national();
const adminA = testCallers.orgAdmin(ids.unionA);
const townshipAdmin = testCallers.orgAdmin(ids.township);

const CASE =
  'id status assistedAmount level household { size monthlyIncomePerHead description } steps { step round passed }';

async function openCase(memberId: string, level = 'DEEP', organizationId = ids.unionA) {
  const { openAssistanceCase } = await h.ok(
    adminA.orgId === organizationId ? adminA : national,
    `mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { ${CASE} } }`,
    {
      input: {
        organizationId,
        memberId,
        level,
        causes: ['ILLNESS', 'CHILD_EDUCATION'],
        household: { size: 4, monthlyIncomePerHead: 65_000, description: '配偶患病' },
      },
    },
  );
  return openAssistanceCase;
}

const review = (passed: boolean) =>
  `mutation($id: ID!) { reviewAssistanceCase(id: $id, passed: ${passed}) { ${CASE} } }`;
const approve = (passed: boolean) =>
  `mutation($id: ID!) { approveAssistanceCase(id: $id, passed: ${passed}) { ${CASE} } }`;
const give = (amount: number, kind = 'CASH') =>
  `mutation($id: ID!) { giveAssistance(id: $id, input: { kind: ${kind}, amount: ${amount} }) { ${CASE} } }`;

describe('hardship assistance 建档→审核→审批→帮扶→结案', () => {
  it('goes through review by the union, approval by the upper union, assistance and closing', async () => {
    const c = await openCase('member-1');
    expect(c).toMatchObject({ status: 'SUBMITTED', assistedAmount: 0 });
    expect((await h.ok(adminA, review(true), { id: c.id })).reviewAssistanceCase.status).toBe('REVIEWED');
    const selfApproved = await h.gql(adminA, approve(true), { id: c.id });
    expect(failure(selfApproved).code).toBe('FORBIDDEN');
    expect((await h.ok(townshipAdmin, approve(true), { id: c.id })).approveAssistanceCase.status).toBe(
      'APPROVED',
    );
    await h.ok(adminA, give(50_000), { id: c.id });
    const second = await h.ok(adminA, give(30_000, 'MEDICAL'), { id: c.id });
    expect(second.giveAssistance).toMatchObject({ status: 'ASSISTING', assistedAmount: 80_000 });
    const closed = await h.ok(adminA, `mutation($id: ID!) { closeAssistanceCase(id: $id) { ${CASE} } }`, {
      id: c.id,
    });
    expect(closed.closeAssistanceCase.status).toBe('CLOSED');
    expect(
      closed.closeAssistanceCase.steps.map((s: { step: string; round: number }) => `${s.step}${s.round}`),
    ).toEqual(['REVIEW1', 'APPROVE1', 'ASSIST1', 'ASSIST2', 'CLOSE1']);
    const after = await h.gql(adminA, give(1_000), { id: c.id });
    expect(failure(after)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    // Opening and every step change the member's `assistanceCases`.
    const events = (await publishedEvents(h.subgraph.server)).filter((e) => e.id === c.id);
    expect(events).toHaveLength(6);
    expect(events.every((e) => JSON.stringify(e.affects) === '[{"type":"Member","id":"member-1"}]')).toBe(
      true,
    );
  });

  it('refuses assistance before approval, approval before review, and a rejected case goes no further', async () => {
    const c = await openCase('member-2', 'RELATIVE');
    expect(failure(await h.gql(adminA, give(1_000), { id: c.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(failure(await h.gql(townshipAdmin, approve(true), { id: c.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect((await h.ok(adminA, review(false), { id: c.id })).reviewAssistanceCase.status).toBe('REJECTED');
    expect(failure(await h.gql(townshipAdmin, approve(true), { id: c.id })).field).toBe('id');
    expect(await h.subgraph.server.models.Step.countDocuments({ subjectId: c.id })).toBe(1);
  });

  it('refuses bad input with the field and writes nothing', async () => {
    const before = await h.subgraph.server.models.AssistanceCase.countDocuments();
    const res = await h.gql(
      adminA,
      `mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id } }`,
      {
        input: {
          organizationId: ids.unionA,
          memberId: 'm',
          level: 'DEEP',
          causes: [],
          household: { size: 0, monthlyIncomePerHead: 1 },
        },
      },
    );
    expect(failure(res).code).toBe('BAD_USER_INPUT');
    expect(await h.subgraph.server.models.AssistanceCase.countDocuments()).toBe(before);
    const c = await openCase('member-3', 'ACCIDENTAL');
    await h.ok(adminA, review(true), { id: c.id });
    await h.ok(townshipAdmin, approve(true), { id: c.id });
    expect(failure(await h.gql(adminA, give(-5), { id: c.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.amount',
    });
  });

  it('masks household income for analysts and shows members only their own cases', async () => {
    const c = await openCase('member-4');
    const analyst = await h.ok(
      testCallers.analyst(),
      `query($id: ID!) { assistanceCase(id: $id) { ${CASE} } }`,
      {
        id: c.id,
      },
    );
    expect(analyst.assistanceCase.household).toEqual({
      size: 4,
      monthlyIncomePerHead: null,
      description: null,
    });
    const own = await h.ok(
      testCallers.member('member-4', ids.unionA),
      `query($id: ID!) { assistanceCase(id: $id) { household { monthlyIncomePerHead } } }`,
      {
        id: c.id,
      },
    );
    expect(own.assistanceCase.household.monthlyIncomePerHead).toBe(65_000);
    const other = await h.ok(
      testCallers.member('member-5', ids.unionA),
      `query($id: ID!) { assistanceCase(id: $id) { id } }`,
      {
        id: c.id,
      },
    );
    expect(other.assistanceCase).toBeNull();
    const listed = await h.gql(
      testCallers.member('member-4', ids.unionA),
      `{ assistanceCases(organizationId: "${ids.unionA}") { totalCount } }`,
    );
    expect(failure(listed).code).toBe('FORBIDDEN');
  });

  it('counts hardship by region, rejected cases left out', async () => {
    await openCase('member-gd', 'DEEP', ids.otherUnion);
    const { hardshipStatistics } = await h.ok(
      national,
      `{ hardshipStatistics(organizationId: "${ids.national}") {
      divisionCode deep relative accidental open assistedAmount } }`,
    );
    expect(hardshipStatistics).toEqual([
      { divisionCode: '410102', deep: 2, relative: 0, accidental: 1, open: 1, assistedAmount: 80_000 },
      { divisionCode: '440106', deep: 1, relative: 0, accidental: 0, open: 0, assistedAmount: 0 },
    ]);
    const county = await h.ok(
      testCallers.orgAdmin(ids.county),
      `{ hardshipStatistics(organizationId: "${ids.county}") { divisionCode } }`,
    );
    expect(county.hardshipStatistics).toEqual([{ divisionCode: '410102' }]);
    const outside = await h.gql(
      testCallers.orgAdmin(ids.county),
      `{ hardshipStatistics(organizationId: "${ids.otherProvince}") { divisionCode } }`,
    );
    expect(failure(outside).code).toBe('FORBIDDEN');
  });

  it('holds the hardship report to k for an analyst (issue #19): cells, open cases and amounts', async () => {
    const Q = `{ hardshipStatistics(organizationId: "${ids.county}") {
      divisionCode deep relative accidental open assistedAmount } }`;
    const countyAnalyst = { ...testCallers.analyst(), orgId: ids.county };
    const withheld = {
      divisionCode: '410102',
      deep: null,
      relative: null,
      accidental: null,
      open: null,
      assistedAmount: null,
    };
    // 2 deep, 1 accidental: the whole table is under k, every figure withheld.
    expect((await h.ok(countyAnalyst, Q)).hardshipStatistics).toEqual([withheld]);
    for (const n of [1, 2, 3, 4]) await openCase(`member-relative-${n}`, 'RELATIVE', ids.unionA);
    // k − 1 relative: withheld (deep and accidental under k too); the region's one open case and
    // the amount given to one household are withheld though its 7 cases are not.
    expect((await h.ok(countyAnalyst, Q)).hardshipStatistics).toEqual([withheld]);
    const admin = await h.ok(testCallers.orgAdmin(ids.county), Q);
    expect(admin.hardshipStatistics[0]).toMatchObject({ deep: 2, relative: 4, accidental: 1, open: 1 });
    await openCase('member-relative-5', 'RELATIVE', ids.unionA);
    expect((await h.ok(countyAnalyst, Q)).hardshipStatistics[0]).toMatchObject({ relative: 5, deep: null });
  });
});

describe('universal benefits (会员普惠)', () => {
  const PROGRAM = `mutation($input: BenefitProgramInput!) { createBenefitProgram(input: $input) { id perMemberLimit } }`;
  const REDEEM = `mutation($input: RedeemBenefitInput!) { redeemBenefit(input: $input) { id slot program { id redemptionCount } } }`;
  let program: string;

  beforeAll(async () => {
    const data = await h.ok(testCallers.orgAdmin(ids.county), PROGRAM, {
      input: {
        organizationId: ids.county,
        name: '职工体检',
        category: 'HEALTH_CHECK',
        perMemberLimit: 2,
        validFrom: isoDay(-10),
        validUntil: isoDay(10),
      },
    });
    program = data.createBenefitProgram.id;
  });

  it('lets a member redeem up to the limit, then refuses', async () => {
    const member = testCallers.member('member-b1', ids.unionB);
    const input = { programId: program, memberId: 'member-b1' };
    expect((await h.ok(member, REDEEM, { input })).redeemBenefit.slot).toBe(1);
    expect((await h.ok(member, REDEEM, { input })).redeemBenefit.slot).toBe(2);
    const third = await h.gql(member, REDEEM, { input });
    expect(failure(third)).toEqual({ code: 'BAD_USER_INPUT', field: 'memberId' });
    expect(third.errors?.[0]?.extensions?.limit).toBe(2);
  });

  it('never exceeds the limit under concurrent redemptions', async () => {
    const input = { programId: program, memberId: 'member-b2', organizationId: ids.unionB };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => h.gql(testCallers.orgAdmin(ids.township), REDEEM, { input })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(2);
    expect(results.filter((r) => r.errors).every((r) => failure(r).field === 'memberId')).toBe(true);
    expect(await h.subgraph.server.models.BenefitRedemption.countDocuments({ memberId: 'member-b2' })).toBe(
      2,
    );
  });

  it('refuses members outside the program’s subtree, other members and programs not running', async () => {
    const foreign = await h.gql(testCallers.member('gd', ids.otherUnion), REDEEM, {
      input: { programId: program, memberId: 'gd' },
    });
    expect(failure(foreign)).toEqual({ code: 'BAD_USER_INPUT', field: 'programId' });
    const forOther = await h.gql(testCallers.member('me', ids.unionA), REDEEM, {
      input: { programId: program, memberId: 'someone-else' },
    });
    expect(failure(forOther).code).toBe('FORBIDDEN');
    const { createBenefitProgram: later } = await h.ok(national, PROGRAM, {
      input: {
        organizationId: ids.county,
        name: '明年',
        category: 'OTHER',
        perMemberLimit: 1,
        validFrom: isoDay(5),
        validUntil: isoDay(30),
      },
    });
    const early = await h.gql(testCallers.member('me', ids.unionA), REDEEM, {
      input: { programId: later.id, memberId: 'me' },
    });
    expect(failure(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'programId' });
    const backwards = await h.gql(national, PROGRAM, {
      input: {
        organizationId: ids.county,
        name: 'x',
        category: 'OTHER',
        perMemberLimit: 1,
        validFrom: isoDay(5),
        validUntil: isoDay(1),
      },
    });
    expect(failure(backwards)).toEqual({ code: 'BAD_USER_INPUT', field: 'validUntil' });
  });

  it('keeps hardship-only programs for members with an approved case', async () => {
    const { createBenefitProgram: p } = await h.ok(national, PROGRAM, {
      input: {
        organizationId: ids.unionA,
        name: '困难职工慰问',
        category: 'HOLIDAY_GIFT',
        perMemberLimit: 1,
        hardshipOnly: true,
        validFrom: isoDay(-1),
        validUntil: isoDay(1),
      },
    });
    const refused = await h.gql(adminA, REDEEM, {
      input: { programId: p.id, memberId: 'member-2', organizationId: ids.unionA },
    });
    expect(failure(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'memberId' });
    const ok = await h.ok(adminA, REDEEM, {
      input: { programId: p.id, memberId: 'member-3', organizationId: ids.unionA },
    });
    expect(ok.redeemBenefit.slot).toBe(1);
  });

  it('shows a member’s cases and redemptions on Member, batched', async () => {
    const reps = ['member-1', 'member-2', 'member-3', 'member-4', 'member-b1'].map((id) => ({
      __typename: 'Member',
      id,
    }));
    const counter = countCommands(h.subgraph.server.conn);
    const data = await h.ok(
      national,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { id
        assistanceCases { id status assistedAmount } benefitRedemptions { slot program { id } } } } }`,
      { reps },
    );
    counter.stop();
    expect(data._entities.map((m: { assistanceCases: unknown[] }) => m.assistanceCases.length)).toEqual([
      1, 1, 1, 1, 0,
    ]);
    expect(data._entities[4].benefitRedemptions).toHaveLength(2);
    // cases, redemptions, steps of all cases, programs: one command each, whatever the number of members.
    expect(counter.count).toBeLessThanOrEqual(4);
    const asMember = await h.ok(
      testCallers.member('member-1', ids.unionA),
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { assistanceCases { id } } } }`,
      { reps: [{ __typename: 'Member', id: 'member-2' }] },
    );
    expect(asMember._entities[0].assistanceCases).toEqual([]);
  });
});

describe('purchased services (购买服务)', () => {
  it('records a service with a valid provider credit code, and refuses an invalid one', async () => {
    const input = {
      organizationId: ids.county,
      title: '职工心理咨询',
      mode: 'PROJECT',
      providerName: '某社工服务中心',
      providerCreditCode: '52410102MJ0000001X',
      amount: 12_000_000,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      beneficiaries: 300,
    };
    const bad = await h.gql(
      national,
      `mutation($input: PurchasedServiceInput!) { recordPurchasedService(input: $input) { id } }`,
      {
        input,
      },
    );
    expect(failure(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'providerCreditCode' });
    const { makeCreditCode } = await import('@union-graph/domain');
    const ok = await h.ok(
      national,
      `mutation($input: PurchasedServiceInput!) { recordPurchasedService(input: $input) { mode amount } }`,
      {
        input: { ...input, providerCreditCode: makeCreditCode('52', '410102', 7) },
      },
    );
    expect(ok.recordPurchasedService).toEqual({ mode: 'PROJECT', amount: 12_000_000 });
    const { purchasedServices } = await h.ok(
      testCallers.orgAdmin(ids.county),
      `{ purchasedServices(organizationId: "${ids.county}") { title } }`,
    );
    expect(purchasedServices).toEqual([{ title: '职工心理咨询' }]);
  });
});
