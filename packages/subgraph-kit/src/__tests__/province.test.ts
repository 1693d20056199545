import { join } from 'node:path';
import { type ChangeEvent, publishChanges, streamKey } from '../events';
import type { SubgraphDefinition } from '../server';
import { publishedEvents, publishOrgs, startTestSubgraph, type TestSubgraph, testCallers } from '../testing';

/** A provincial subgraph (Guangdong) whose resolvers know nothing of scope: the kit guards them. */
const definition: SubgraphDefinition<Record<string, never>, Record<string, never>> = {
  name: 'gd-fixture',
  packageDir: join(__dirname, 'fixtures', 'provincial'),
  province: '440000',
  models: () => ({}),
  loaders: () => ({}),
  resolvers: {
    Query: { gdPrograms: () => ['粤工惠'] },
    Organization: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      gdHonor: () => '广东省模范职工之家',
    },
  },
};

let subgraph: TestSubgraph<Record<string, never>>;
const entities = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id gdHonor } } }`;
const reps = [
  { __typename: 'Organization', id: 'gd-union' },
  { __typename: 'Organization', id: 'bj-union' },
];

beforeAll(async () => {
  subgraph = await startTestSubgraph(definition);
  await publishOrgs(subgraph.server, [
    { _id: 'gd', name: '广东省总工会', type: 'LOCAL_FEDERATION', path: ['gd'], divisionCode: '440000' },
    {
      _id: 'gd-union',
      name: '天河工会',
      type: 'GRASSROOTS',
      path: ['gd', 'gd-union'],
      divisionCode: '440106',
    },
    { _id: 'bj', name: '北京市总工会', type: 'LOCAL_FEDERATION', path: ['bj'], divisionCode: '110000' },
    {
      _id: 'bj-union',
      name: '东城工会',
      type: 'GRASSROOTS',
      path: ['bj', 'bj-union'],
      divisionCode: '110101',
    },
  ]);
});
afterAll(() => subgraph.stop());

describe('provincial subgraph guard', () => {
  it('serves callers of its province, and its fields only on its organizations', async () => {
    const caller = testCallers.orgAdmin('gd');
    expect((await subgraph.request('{ gdPrograms }', { caller })).data).toEqual({ gdPrograms: ['粤工惠'] });
    const res = await subgraph.request(entities, { caller, variables: { reps } });
    expect(res.data).toEqual({ _entities: [{ id: 'gd-union', gdHonor: '广东省模范职工之家' }, null] });
  });

  it('refuses root fields to a caller from another province and gives them no entity data', async () => {
    const caller = testCallers.orgAdmin('bj');
    const root = await subgraph.request('{ gdPrograms }', { caller });
    expect(root.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await subgraph.request(entities, { caller, variables: { reps } });
    expect(res.data).toEqual({ _entities: [null, null] });
  });

  it('lets national staff read the province', async () => {
    const res = await subgraph.request('{ gdPrograms }', { caller: testCallers.national() });
    expect(res.data).toEqual({ gdPrograms: ['粤工惠'] });
  });
});

describe('the org directory, a read model kept from the organizations stream', () => {
  const ownStream = async () =>
    (await subgraph.server.redis.xrange(streamKey(subgraph.server.keyspace, 'gd-fixture'), '-', '+')).map(
      ([, fields]) => JSON.parse(fields[1]!) as ChangeEvent,
    );

  it('relays what it applied on its own stream, without the snapshots, so the gateway invalidates after it', async () => {
    const relayed = await ownStream();
    expect(relayed.map((e) => [e.type, e.id, e.relayedFrom, e.data])).toEqual(
      ['gd', 'gd-union', 'bj', 'bj-union'].map((id) => ['Organization', id, 'organizations', undefined]),
    );
    expect(await publishedEvents(subgraph.server)).toEqual([]);
  });

  it('neither applies nor relays again an event another subgraph relayed', async () => {
    const { server } = subgraph;
    await publishChanges(server.redis, server.keyspace, 'organizations', [
      {
        type: 'Organization',
        id: 'gd-2',
        op: 'upsert',
        version: 1,
        relayedFrom: 'members',
        data: { _id: 'gd-2', name: '越秀工会', path: ['gd', 'gd-2'], divisionCode: '440104' },
      },
    ]);
    await server.directory?.caughtUp();
    const caller = testCallers.national();
    const res = await subgraph.request(entities, {
      caller,
      variables: { reps: [{ __typename: 'Organization', id: 'gd-2' }] },
    });
    expect(res.data).toEqual({ _entities: [null] });
    expect(await ownStream()).toHaveLength(4);
  });
});
