import type { MemberPlan, OrgPlan } from '@union-graph/seed';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * §6 through the gateway: an administrator sets and clears a member's form of flexible work with
 * updateMember, checked as at registration (a sectoral federation keeps flexible workers only; a
 * worker with a fixed employer is at that employer's union, R12), and the union's counts follow.
 */
let graph: TestGraph;
let couriers: OrgPlan;
let courier: MemberPlan;
let employee: MemberPlan;

const UPDATE = `mutation($id: ID!, $input: MemberUpdateInput!) {
  updateMember(id: $id, input: $input) { flexibleWork organization { id } }
}`;
const COUNT = `query($id: ID!) { organization(id: $id) { flexibleWorkerCount } }`;

type Who = ReturnType<typeof testCallers.orgAdmin>;
async function send(who: Who, input: Record<string, unknown>, member = employee) {
  const res = await graph.query<{ updateMember: { flexibleWork: string | null } }>(UPDATE, {
    caller: who,
    variables: { id: member._id, input },
  });
  return { value: res.data?.updateMember.flexibleWork, error: res.errors?.[0]?.extensions };
}
async function flexibleWorkersOf(unionId: string): Promise<number> {
  await graph.settled();
  const res = await graph.query<{ organization: { flexibleWorkerCount: number } }>(COUNT, {
    caller: testCallers.national(),
    variables: { id: unionId },
  });
  return res.data!.organization.flexibleWorkerCount;
}

beforeAll(async () => {
  graph = await startTestGraph();
  couriers = graph.plan.organizations.find((o) => o.type === 'SECTORAL_FEDERATION')!;
  courier = graph.plan.members.find((m) => m.organizationId === couriers._id)!;
  const grassroots = new Set(
    graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS').map((o) => o._id),
  );
  employee = graph.plan.members.find(
    (m) => grassroots.has(m.organizationId) && m.employerCreditCode && m.status === 'ACTIVE',
  )!;
});
afterAll(() => graph?.stop());

describe('flexible work through updateMember (§6)', () => {
  it('makes an employee a flexible worker and back; the union’s count follows (the cache too)', async () => {
    const admin = testCallers.orgAdmin(employee.organizationId);
    const before = await flexibleWorkersOf(employee.organizationId);
    expect(await send(admin, { flexibleWork: 'RIDE_HAILING_DRIVER' })).toEqual({
      value: 'RIDE_HAILING_DRIVER',
      error: undefined,
    });
    expect(await flexibleWorkersOf(employee.organizationId)).toBe(before + 1);
    // The employer held is this union's own unit: back to it without giving it again.
    expect(await send(admin, { flexibleWork: null })).toEqual({ value: null, error: undefined });
    expect(await flexibleWorkersOf(employee.organizationId)).toBe(before);
  });

  it('keeps a courier federation’s member flexible: another form yes, a fixed employer no', async () => {
    const county = testCallers.orgAdmin(couriers.parentId!);
    expect((await send(county, { flexibleWork: 'FOOD_DELIVERY_RIDER' }, courier)).value).toBe(
      'FOOD_DELIVERY_RIDER',
    );
    const refused = await send(county, { flexibleWork: null }, courier);
    expect(refused.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.flexibleWork' });
    expect(await flexibleWorkersOf(couriers._id)).toBe(
      graph.plan.members.filter((m) => m.organizationId === couriers._id).length,
    );
  });

  it('refuses an analyst, and an administrator outside the member’s subtree', async () => {
    expect((await send(testCallers.analyst(), { flexibleWork: 'COURIER' })).error?.code).toBe('FORBIDDEN');
    const other = graph.plan.organizations.find(
      (o) => o.type === 'GRASSROOTS' && o._id !== employee.organizationId,
    )!;
    expect((await send(testCallers.orgAdmin(other._id), { flexibleWork: 'COURIER' })).error).toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });
    expect(await flexibleWorkersOf(employee.organizationId)).toBe(
      graph.plan.members.filter((m) => m.organizationId === employee.organizationId && m.flexibleWork).length,
    );
  });
});
