import { makeCreditCode, makeResidentId } from '@union-graph/domain';
import type { OrgPlan } from '@union-graph/seed';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * Membership as the opinion asks (issue #22): join at source (§8, R12) against the units organizations
 * announces, flexible workers through federations (§6), and transfers listed over a subtree.
 */
let graph: TestGraph;
let unionA: OrgPlan;
let unionB: OrgPlan;
const national = testCallers.national();
const codeOf = (unionId: string) => graph.plan.unitDirectory.find((u) => u.coveredBy === unionId)!.creditCode;

beforeAll(async () => {
  graph = await startTestGraph();
  [unionA, unionB] = graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS') as [OrgPlan, OrgPlan];
});
afterAll(() => graph?.stop());

type Caller = ReturnType<typeof testCallers.national>;
// biome-ignore lint/suspicious/noExplicitAny: tests read response trees loosely
const gql = (caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<any> =>
  graph.query(query, { caller, variables });

const REGISTER = `mutation($input: MemberInput!) { registerMember(input: $input) { id flexibleWork organization { id } } }`;
let serial = 100;
const person = (organizationId: string, extra: Record<string, unknown> = {}) => ({
  organizationId,
  name: '陈晓',
  residentId: makeResidentId(unionA.divisionCode, '1993-08-21', serial++),
  joinedAt: '2025-03-01',
  ...extra,
});

describe('transfers over a subtree (R12)', () => {
  const LIST = `query($o: ID, $filter: MemberTransferFilter) {
    memberTransfers(organizationId: $o, filter: $filter, first: 20) { totalCount nodes { id status fromOrganization { id } } } }`;

  it('the national view shows the seeded transfers; a province sees its subtree', async () => {
    const root = graph.plan.organizations.find((o) => o.level === 'NATIONAL')!;
    const province = graph.plan.organizations.find((o) => o.level === 'PROVINCE')!;
    const seeded = graph.plan.transfers.map((t) => t._id).sort();
    for (const [caller, o] of [
      [national, root._id],
      [testCallers.orgAdmin(province._id), province._id],
    ] as const) {
      const res = await gql(caller, LIST, { o, filter: { subtree: true } });
      expect(res.errors).toBeUndefined();
      expect(res.data.memberTransfers.totalCount).toBe(seeded.length);
      expect(res.data.memberTransfers.nodes.map((n: { id: string }) => n.id).sort()).toEqual(seeded);
    }
    const completed = await gql(national, LIST, { filter: { status: ['COMPLETED'] } });
    expect(completed.data.memberTransfers.totalCount).toBe(
      graph.plan.transfers.filter((t) => t.closedAt).length,
    );
  });

  it('refuses a subtree outside the caller’s, and shows a union only its own transfers', async () => {
    const province = graph.plan.organizations.find((o) => o.level === 'PROVINCE')!;
    const outside = await gql(testCallers.orgAdmin(unionB._id), LIST, {
      o: province._id,
      filter: { subtree: true },
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await gql(testCallers.orgAdmin(unionB._id), LIST, {});
    const touching = graph.plan.transfers.filter(
      (t) => t.fromOrganizationId === unionB._id || t.toOrganizationId === unionB._id,
    );
    expect(own.data.memberTransfers.totalCount).toBe(touching.length);
  });
});

describe('join at source (§8, R12)', () => {
  it('registers a worker at their employer’s union and refuses another union’s employer, naming both', async () => {
    const admin = testCallers.orgAdmin(unionA._id);
    const ok = await gql(admin, REGISTER, {
      input: person(unionA._id, { employerCreditCode: codeOf(unionA._id) }),
    });
    expect(ok.errors).toBeUndefined();
    const refused = await gql(admin, REGISTER, {
      input: person(unionA._id, { employerCreditCode: codeOf(unionB._id) }),
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.employerCreditCode',
      organizationName: unionA.name,
      employerCreditCode: codeOf(unionB._id),
    });
    expect(refused.errors?.[0]?.message).toContain(unionA.name);
    expect(refused.errors?.[0]?.message).toContain(codeOf(unionB._id));
  });

  it('refuses an analyst, and an administrator outside the union’s subtree', async () => {
    const input = person(unionA._id, { employerCreditCode: codeOf(unionA._id) });
    expect((await gql(testCallers.analyst(), REGISTER, { input })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await gql(testCallers.orgAdmin(unionB._id), REGISTER, { input })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('learns a new union’s unit from organizations’ events', async () => {
    const township = graph.plan.organizations.find((o) => o.type === 'TOWNSHIP_FEDERATION')!;
    const created = await gql(
      national,
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      {
        input: {
          name: '新建某科技公司工会',
          type: 'GRASSROOTS',
          parentId: township._id,
          divisionCode: township.divisionCode,
        },
      },
    );
    const union = created.data.createOrganization.id as string;
    const creditCode = makeCreditCode('91', township.divisionCode, 424242);
    const unit = await gql(
      national,
      `mutation($input: HostUnitInput!) { registerHostUnit(input: $input) { id } }`,
      {
        input: {
          name: '新建某科技公司',
          creditCode,
          kind: 'NON_PUBLIC_ENTERPRISE',
          divisionCode: township.divisionCode,
          employeeCount: 60,
          femaleEmployeeCount: 20,
          responsibleOrgId: township._id,
        },
      },
    );
    await gql(national, `mutation($o: ID!, $u: ID!) { coverUnit(organizationId: $o, unitId: $u) { id } }`, {
      o: union,
      u: unit.data.registerHostUnit.id,
    });
    await graph.settled();
    const wrong = await gql(national, REGISTER, {
      input: person(union, { employerCreditCode: codeOf(unionA._id) }),
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      organizationName: '新建某科技公司工会',
    });
    const right = await gql(national, REGISTER, { input: person(union, { employerCreditCode: creditCode }) });
    expect(right.data?.registerMember.organization.id).toBe(union);
  });
});

describe('flexible workers (§6)', () => {
  const COUNTS = `query($id: ID!) { organization(id: $id) { name memberCount flexibleWorkerCount } }`;

  it('join the county’s courier federation or their street federation online, counted apart', async () => {
    const couriers = graph.plan.organizations.find((o) => o.type === 'SECTORAL_FEDERATION')!;
    const street = graph.plan.organizations.find((o) => o.type === 'TOWNSHIP_FEDERATION')!;
    const seeded = graph.plan.members.filter((m) => m.organizationId === couriers._id).length;
    expect(seeded).toBeGreaterThan(0);
    const before = await gql(national, COUNTS, { id: couriers._id });
    expect(before.data.organization).toMatchObject({ memberCount: seeded, flexibleWorkerCount: seeded });
    expect(before.data.organization.name).toMatch(/快递行业工会联合会$/);

    // The province's online joining portal (网上入会).
    const province = graph.plan.organizations.find((o) => o.level === 'PROVINCE')!;
    const portal = { id: 'joining-portal', roles: ['SERVICE_CLIENT'], orgId: province._id } as Caller;
    const APPLY = `mutation($input: MemberInput!) { applyForMembership(input: $input) { id online } }`;
    // A worker with an employer does not join a federation.
    const fixed = await gql(portal, APPLY, { input: person(street._id) });
    expect(fixed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organizationId',
    });
    const applied = await gql(portal, APPLY, {
      input: person(street._id, { flexibleWork: 'FOOD_DELIVERY_RIDER' }),
    });
    expect(applied.data.applyForMembership.online).toBe(true);
    const county = graph.plan.organizations.find((o) => o.level === 'COUNTY')!;
    const approved = await gql(
      testCallers.orgAdmin(county._id),
      `mutation($id: ID!) { approveMembershipApplication(id: $id) { status member { flexibleWork } } }`,
      { id: applied.data.applyForMembership.id },
    );
    expect(approved.data.approveMembershipApplication).toEqual({
      status: 'APPROVED',
      member: { flexibleWork: 'FOOD_DELIVERY_RIDER' },
    });
    await graph.settled();
    expect((await gql(national, COUNTS, { id: street._id })).data.organization.flexibleWorkerCount).toBe(
      graph.plan.members.filter((m) => m.organizationId === street._id && m.flexibleWork).length + 1,
    );

    // The national administrator: an analyst reads groups under k withheld (issue #19, docs/statistics.md).
    const stats = await gql(
      national,
      `{ memberStatistics(filter: { flexibleWorker: true }, by: FLEXIBLE_WORK) { total groups { key label count } } }`,
    );
    expect(stats.data.memberStatistics.total).toBe(
      graph.plan.members.filter((m) => m.flexibleWork).length + 1,
    );
    expect(stats.data.memberStatistics.groups).toContainEqual({
      key: 'FOOD_DELIVERY_RIDER',
      label: '外卖送餐员',
      count: 1 + graph.plan.members.filter((m) => m.flexibleWork === 'FOOD_DELIVERY_RIDER').length,
    });
  });
});
