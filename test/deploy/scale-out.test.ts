import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  ConfigError,
  connectMongo,
  countCommands,
  createRedis,
  duplicateRedis,
  loadSubgraphEnv,
  mongoOptions,
  redisClusterConfig,
  type SubgraphDefinition,
} from '@union-graph/subgraph-kit';
import { startTestSubgraph, testCallers, testRuntime } from '@union-graph/subgraph-kit/testing';
import { Cluster, Redis } from 'ioredis';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * Scale-out settings of the kit: replica-set options as far as FerretDB (one server) takes them,
 * and the Redis Cluster path at configuration level (no cluster runs here).
 */

const baseEnv = {
  MONGO_URL: 'mongodb://db:27017',
  REDIS_URL: 'redis://cache:6379',
  UNION_GRAPH_HOP_SECRET: 'x'.repeat(32),
};

describe('scale-out configuration from the environment', () => {
  it('leaves every replica-set and cluster setting unset by default', () => {
    const env = loadSubgraphEnv(baseEnv);
    expect(env.MONGO_WRITE_CONCERN).toBeUndefined();
    expect(env.MONGO_READ_PREFERENCE_ANALYST).toBeUndefined();
    expect(env.REDIS_CLUSTER_NODES).toBeUndefined();
    const options = mongoOptions('union_members');
    expect(options).not.toHaveProperty('writeConcern');
    expect(options).not.toHaveProperty('readPreference');
  });

  it('reads write concern, analysts’ read preference and cluster nodes', () => {
    const env = loadSubgraphEnv({
      ...baseEnv,
      MONGO_WRITE_CONCERN: 'majority',
      MONGO_READ_PREFERENCE_ANALYST: 'secondaryPreferred',
      REDIS_CLUSTER_NODES: 'redis-0:6379, redis-1:6379,',
    });
    expect(env.MONGO_WRITE_CONCERN).toBe('majority');
    expect(env.MONGO_READ_PREFERENCE_ANALYST).toBe('secondaryPreferred');
    expect(env.REDIS_CLUSTER_NODES).toEqual(['redis-0:6379', 'redis-1:6379']);
    expect(loadSubgraphEnv({ ...baseEnv, MONGO_WRITE_CONCERN: '2' }).MONGO_WRITE_CONCERN).toBe(2);
  });

  it.each([
    ['MONGO_WRITE_CONCERN', '0'],
    ['MONGO_WRITE_CONCERN', ''],
    ['MONGO_WRITE_CONCERN', 'all'],
    ['MONGO_READ_PREFERENCE_ANALYST', 'secondaries'],
  ])('refuses %s=%j', (name, value) => {
    expect(() => loadSubgraphEnv({ ...baseEnv, [name]: value })).toThrow(ConfigError);
    expect(() => loadSubgraphEnv({ ...baseEnv, [name]: value })).toThrow(name);
  });
});

describe('Redis Cluster behind the same configuration', () => {
  it('takes seed nodes from REDIS_CLUSTER_NODES and credentials and TLS from REDIS_URL', () => {
    const { startupNodes, options } = redisClusterConfig('rediss://svc:p%40ss@ignored:6380', 'members', [
      'redis-0.redis:6379',
      '10.0.0.7:7000',
    ]);
    expect(startupNodes).toEqual([
      { host: 'redis-0.redis', port: 6379 },
      { host: '10.0.0.7', port: 7000 },
    ]);
    expect(options.redisOptions).toMatchObject({
      username: 'svc',
      password: 'p@ss',
      tls: {},
      connectionName: 'members',
    });
    // Streams are read and written on masters: a replica's lag would hide just-published events.
    expect(options.scaleReads).toBe('master');
  });

  it('sends no credentials or TLS that REDIS_URL does not carry', () => {
    const { options } = redisClusterConfig('redis://cache:6379', 'funds', ['cache:6379']);
    expect(options.redisOptions).not.toHaveProperty('password');
    expect(options.redisOptions).not.toHaveProperty('username');
    expect(options.redisOptions).not.toHaveProperty('tls');
  });

  it.each(['redis-0', 'redis-0:', ':6379', 'redis-0:99999'])('refuses the node %j', (node) => {
    expect(() => redisClusterConfig('redis://cache:6379', 'x', [node])).toThrow('host:port');
  });

  it('duplicates a Cluster (the events’ blocking reader) with its nodes and credentials', () => {
    const { startupNodes, options } = redisClusterConfig('redis://:secret@x:1', 'cadres', ['redis-0:6379']);
    const cluster = new Cluster(startupNodes, { ...options, lazyConnect: true });
    const reader = duplicateRedis(cluster, 'cadres-consumer');
    expect(reader).toBeInstanceOf(Cluster);
    const dup = reader as Cluster;
    expect(dup.startupNodes).toEqual([{ host: 'redis-0', port: 6379 }]);
    expect(dup.options.redisOptions).toMatchObject({ password: 'secret', connectionName: 'cadres-consumer' });
    cluster.disconnect();
    dup.disconnect();
  });

  it('stays a single Redis when no cluster nodes are configured', async () => {
    const redis = createRedis(process.env.REDIS_URL!, 'scale-out-test', { clusterNodes: [] });
    expect(redis).toBeInstanceOf(Redis);
    const reader = duplicateRedis(redis, 'scale-out-reader');
    expect(reader).toBeInstanceOf(Redis);
    expect(await reader.ping()).toBe('PONG');
    redis.disconnect();
    reader.disconnect();
  });
});

describe('replica-set settings against FerretDB (a single server)', () => {
  let conn: Connection;
  afterAll(async () => {
    await conn?.dropDatabase();
    await conn?.close();
  });

  it('sends write concern majority with a bound on every write, and the write succeeds', async () => {
    conn = await connectMongo(process.env.MONGO_URL!, `scale_${randomBytes(4).toString('hex')}`, {
      writeConcern: 'majority',
    });
    const sent: Record<string, unknown>[] = [];
    conn.getClient().on('commandStarted', (e) => {
      if (e.commandName === 'insert') sent.push(e.command);
    });
    await conn.collection('probes').insertOne({ _id: 'a' } as never);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.writeConcern).toEqual({ w: 'majority', wtimeout: 10_000 });
    expect(await conn.collection('probes').countDocuments()).toBe(1);
  });
});

type Probe = Model<{ _id: string }>;
const probeSubgraph: SubgraphDefinition<{ Probe: Probe }, object> = {
  name: 'probe',
  packageDir: join(__dirname, 'fixtures', 'probe'),
  resolvers: {
    Query: {
      probes: (_: unknown, __: unknown, ctx: { models: { Probe: Probe } }) =>
        ctx.models.Probe.countDocuments().exec(),
    },
  },
  models: (conn) => ({ Probe: conn.model('Probe', new Schema({ _id: String }), 'probes') }),
  loaders: () => ({}),
  orgLookup: () => ({ byIds: async () => [], subtreeIds: async () => [] }),
};

describe('analysts read through their own connection', () => {
  it('serves analysts from the analysts’ read preference and everyone else from the primary', async () => {
    const graph = await startTestSubgraph(probeSubgraph, {
      ...testRuntime(),
      mongo: { writeConcern: 'majority', analystReadPreference: 'secondaryPreferred' },
    });
    try {
      await graph.server.models.Probe.create({ _id: 'p1' });
      const onPrimary = countCommands(graph.server.conn);
      const analyst = await graph.request('{ probes }', { caller: testCallers.analyst() });
      expect(analyst.errors).toBeUndefined();
      expect(analyst.data).toEqual({ probes: 1 });
      expect(onPrimary.count).toBe(0);
      const national = await graph.request('{ probes }', { caller: testCallers.national() });
      expect(national.data).toEqual({ probes: 1 });
      expect(onPrimary.count).toBe(1);
      onPrimary.stop();
    } finally {
      await graph.server.conn.dropDatabase();
      await graph.stop();
    }
  });
});
