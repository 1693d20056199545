import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/** A single Redis or a Redis Cluster: events and readiness work on either. */
export type RedisClient = Redis | Cluster;

export interface RedisSettings {
  /** Seed nodes (`host:port`) of a Redis Cluster; when given, the client is a Cluster. */
  clusterNodes?: readonly string[];
}

function clientOptions(name: string): RedisOptions {
  return { connectionName: name, maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false };
}

/**
 * How to reach a Redis Cluster with the same configuration as a single Redis: `REDIS_URL` still
 * carries the credentials and TLS (`rediss://`), the seed nodes come from `REDIS_CLUSTER_NODES`.
 * Every stream command names one key, so no command crosses hash slots.
 */
export function redisClusterConfig(
  url: string,
  name: string,
  nodes: readonly string[],
): { startupNodes: { host: string; port: number }[]; options: ClusterOptions } {
  const parsed = new URL(url);
  const startupNodes = nodes.map((node) => {
    const at = node.lastIndexOf(':');
    const port = Number(node.slice(at + 1));
    if (at <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535)
      throw new Error(`Redis Cluster node "${node}" is not host:port`);
    return { host: node.slice(0, at), port };
  });
  const redisOptions: RedisOptions = {
    ...clientOptions(name),
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    ...(parsed.protocol === 'rediss:' && { tls: {} }),
  };
  return {
    startupNodes,
    options: { redisOptions, enableOfflineQueue: true, lazyConnect: false, scaleReads: 'master' },
  };
}

export function createRedis(url: string, name: string): Redis;
export function createRedis(url: string, name: string, settings: RedisSettings): RedisClient;
export function createRedis(url: string, name: string, settings: RedisSettings = {}): RedisClient {
  if (settings.clusterNodes?.length) {
    const { startupNodes, options } = redisClusterConfig(url, name, settings.clusterNodes);
    return new Cluster(startupNodes, options);
  }
  return new Redis(url, clientOptions(name));
}

/** A second connection with the same settings, e.g. for a blocking XREADGROUP. */
export function duplicateRedis(client: RedisClient, name: string): RedisClient {
  if (client instanceof Cluster)
    return client.duplicate(undefined, {
      redisOptions: { ...client.options.redisOptions, connectionName: name },
    });
  return client.duplicate({ connectionName: name });
}
