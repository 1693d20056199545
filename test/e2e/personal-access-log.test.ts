import type { Caller } from '@union-graph/auth';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * The access log of personal data (PIPL art. 45, docs/personal-data.md) through the whole graph:
 * one entry per answer that revealed sensitive personal data, none otherwise; a member sees who
 * looked at their own record; only a national administrator reads the whole log.
 */

interface Entry {
  callerId: string;
  callerRoles: string[];
  operationName: string | null;
  subgraph: string;
  kinds: string[];
  records: { type: string; id: string }[];
  memberIds: string[];
}

const ENTRY = 'callerId callerRoles operationName subgraph kinds records { type id } memberIds at';
const national = testCallers.national();

let graph: TestGraph;
let target: string;
let targetOrg: string;
let other: string;
let caseId: string;

async function log(filter: Record<string, unknown>, caller: Caller = national) {
  const r = await graph.query<{ personalDataAccessLog: { totalCount: number; nodes: Entry[] } }>(
    `query($filter: PersonalDataAccessFilter) {
      personalDataAccessLog(filter: $filter, first: 100) { totalCount nodes { ${ENTRY} } }
    }`,
    { caller, variables: { filter } },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.personalDataAccessLog;
}

async function readResidentId(caller: Caller, memberId: string) {
  const r = await graph.query<{ member: { residentId: string | null } | null }>(
    'query ReadResidentId($id: ID!) { member(id: $id) { id residentId } }',
    { caller, variables: { id: memberId } },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.member;
}

beforeAll(async () => {
  graph = await startTestGraph();
  const person = graph.plan.members.find((m) => m.status === 'ACTIVE')!;
  target = person._id;
  targetOrg = person.organizationId;
  other = graph.plan.members.find((m) => m._id !== target && m.status === 'ACTIVE')!._id;
  const opened = await graph.query<{ openAssistanceCase: { id: string } }>(
    `mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id } }`,
    {
      caller: national,
      variables: {
        input: {
          organizationId: targetOrg,
          memberId: target,
          level: 'DEEP',
          causes: ['ILLNESS'],
          household: { size: 3, monthlyIncomePerHead: 80000, description: '家属住院' },
        },
      },
    },
  );
  expect(opened.errors).toBeUndefined();
  caseId = opened.data!.openAssistanceCase.id;
  await graph.settled();
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

test('a national administrator reading a resident ID: exactly one entry per answer', async () => {
  expect(await log({ memberId: target })).toMatchObject({ totalCount: 0 });

  expect((await readResidentId(national, target))?.residentId).toEqual(expect.any(String));
  const first = await log({ memberId: target });
  expect(first.totalCount).toBe(1);
  expect(first.nodes[0]).toMatchObject({
    callerId: national.id,
    callerRoles: ['NATIONAL_ADMIN'],
    operationName: 'ReadResidentId',
    subgraph: 'members',
    kinds: ['RESIDENT_ID'],
    records: [{ type: 'Member', id: target }],
    memberIds: [target],
  });

  // The same read again is another answer, not served unlogged from the gateway's caches.
  expect((await readResidentId(national, target))?.residentId).toEqual(expect.any(String));
  const second = await log({ memberId: target, callerId: national.id });
  expect(second.totalCount).toBe(2);
  console.log(`log entries per sensitive read: ${second.totalCount / 2}`);
});

test('an analyst, to whom nothing sensitive is revealed, leaves no entry', async () => {
  const before = (await log({ callerId: 'analyst' })).totalCount;
  const r = await graph.query<{ member: { residentId: string | null; gender: string | null } | null }>(
    'query AnalystRead($id: ID!) { member(id: $id) { id residentId gender } }',
    { caller: testCallers.analyst(), variables: { id: target } },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data?.member?.residentId ?? null).toBeNull();
  expect((await log({ callerId: 'analyst' })).totalCount).toBe(before);
});

test("another subgraph's entries reach the log through its stream", async () => {
  const r = await graph.query<{ assistanceCase: { household: { monthlyIncomePerHead: number | null } } }>(
    'query ReadCase($id: ID!) { assistanceCase(id: $id) { id household { monthlyIncomePerHead } } }',
    { caller: national, variables: { id: caseId } },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data?.assistanceCase.household.monthlyIncomePerHead).toBe(80000);
  await graph.settled();
  const entries = (await log({ memberId: target })).nodes.filter((e) => e.subgraph === 'worker-services');
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    callerId: national.id,
    operationName: 'ReadCase',
    kinds: ['INCOME'],
    memberIds: [target],
  });
});

test('a member sees the reads of their own record, not of other members', async () => {
  expect((await readResidentId(national, other))?.residentId).toEqual(expect.any(String));
  const r = await graph.query<{ myPersonalDataAccess: { totalCount: number; nodes: Entry[] } }>(
    `{ myPersonalDataAccess(first: 100) { totalCount nodes { ${ENTRY} } } }`,
    { caller: testCallers.member(target, targetOrg) },
  );
  expect(r.errors).toBeUndefined();
  const mine = r.data!.myPersonalDataAccess.nodes;
  const byAdmin = mine.filter((e) => e.callerId === national.id);
  expect(byAdmin.filter((e) => e.operationName === 'ReadResidentId')).toHaveLength(2);
  for (const e of mine) expect(e.memberIds).toContain(target);
  expect(mine.some((e) => e.memberIds.includes(other))).toBe(false);
});

test('only a national administrator reads the whole log', async () => {
  for (const caller of [
    testCallers.orgAdmin(targetOrg),
    testCallers.analyst(),
    testCallers.member(target, targetOrg),
  ]) {
    const r = await graph.query('{ personalDataAccessLog { totalCount } }', { caller });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  const r = await graph.query('{ myPersonalDataAccess { totalCount } }', { caller: testCallers.analyst() });
  expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
