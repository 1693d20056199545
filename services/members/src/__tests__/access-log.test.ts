import {
  applyPersonalAccessEvents,
  clientOperationName,
  PERSONAL_ACCESS_EVENT_TYPE,
} from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { callers, type Fixture, ORGS, startFixture } from './fixtures';

/** The personal-data access log in the members subgraph (PIPL art. 45, docs/personal-data.md). */

let f: Fixture;
let memberId: string;
beforeAll(async () => {
  f = await startFixture();
  memberId = await f.register();
});
afterAll(() => f?.sg.stop());

const READ = 'query ReadName__members__0($id: ID!) { member(id: $id) { id name residentId gender } }';

test('one entry per answer that revealed sensitive data, with the client operation name', async () => {
  const before = await f.models.PersonalAccess.countDocuments({ memberIds: memberId });
  const r = await f.gql(READ, callers.national, { id: memberId });
  expect(r.data?.member?.name).toBe('张三');
  const entries = await f.models.PersonalAccess.find({ memberIds: memberId }).sort({ at: -1 }).lean();
  expect(entries).toHaveLength(before + 1);
  expect(entries[0]).toMatchObject({
    subgraph: 'members',
    callerId: callers.national.id,
    operationName: 'ReadName',
    kinds: ['NAME', 'RESIDENT_ID'],
    records: [{ type: 'Member', id: memberId }],
  });
  expect(entries[0]!._id).toMatch(/^members:/);
});

test('gender and education alone, or nothing revealed, leave no entry', async () => {
  const before = await f.models.PersonalAccess.countDocuments();
  await f.gql(READ, callers.analyst, { id: memberId });
  await f.gql('query($id: ID!) { member(id: $id) { id gender } }', callers.national, { id: memberId });
  await f.gql('query($id: ID!) { member(id: $id) { id status } }', callers.national, { id: memberId });
  expect(await f.models.PersonalAccess.countDocuments()).toBe(before);
});

test('fails closed: an answer whose entry cannot be stored is withheld', async () => {
  const create = jest
    .spyOn(f.models.PersonalAccess, 'create')
    .mockRejectedValue(new Error('disk full') as never);
  try {
    const r = await f.gql(READ, callers.national, { id: memberId });
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(r)).not.toContain('张三');
    expect(create).toHaveBeenCalledTimes(2);
  } finally {
    create.mockRestore();
  }
});

test('append-only: entries cannot be changed or removed through the model', async () => {
  await expect(f.models.PersonalAccess.updateMany({}, { callerId: 'x' })).rejects.toThrow(/append-only/);
  await expect(f.models.PersonalAccess.deleteMany({})).rejects.toThrow(/append-only/);
});

test("other subgraphs' entries are copied once, however often their events are replayed", async () => {
  const entry = {
    subgraph: 'funds',
    at: new Date().toISOString(),
    callerId: 'national-admin',
    roles: ['NATIONAL_ADMIN'],
    client: null,
    orgId: null,
    operationName: 'Wages',
    requestId: 'r1',
    records: [{ type: 'AllocationLine', id: 'l1' }],
    kinds: ['INCOME'],
    memberIds: [memberId],
  };
  const event = {
    type: PERSONAL_ACCESS_EVENT_TYPE,
    id: 'funds:n1',
    op: 'upsert' as const,
    version: 1,
    data: entry,
  };
  await applyPersonalAccessEvents(f.models.PersonalAccess, [event, event]);
  await applyPersonalAccessEvents(f.models.PersonalAccess, [event]);
  expect(await f.models.PersonalAccess.countDocuments({ _id: 'funds:n1' })).toBe(1);

  const member = testCallers.member(memberId, ORGS.bjUnion._id);
  const mine = await f.gql(
    '{ myPersonalDataAccess(first: 100) { totalCount nodes { subgraph callerId kinds } } }',
    member,
  );
  expect(mine.data?.myPersonalDataAccess.nodes).toContainEqual({
    subgraph: 'funds',
    callerId: 'national-admin',
    kinds: ['INCOME'],
  });
  const since = await f.gql(
    'query($f: PersonalDataAccessFilter) { personalDataAccessLog(filter: $f) { totalCount } }',
    callers.national,
    { f: { memberId, since: '2099-01-01T00:00:00Z' } },
  );
  expect(since.data?.personalDataAccessLog.totalCount).toBe(0);
});

test('the client operation name', () => {
  expect(clientOperationName('ReadCase__worker_services__2')).toBe('ReadCase');
  expect(clientOperationName('Plain')).toBe('Plain');
  expect(clientOperationName(null)).toBeNull();
});
