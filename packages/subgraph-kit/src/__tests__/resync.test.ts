import { randomBytes } from 'node:crypto';
import type { ChangeEvent } from '../events';
import { createLogger } from '../logger';
import { createRedis } from '../redis';
import { requestResync, resyncKey, startResyncResponder } from '../resync';

const keyspace = `t${randomBytes(4).toString('hex')}:`;
const redis = createRedis(process.env.REDIS_URL!, 'resync-test');
afterAll(() => redis.disconnect());

describe('resync requests for everything', () => {
  it('are answered once by a full answer begun after them, and again when asked after it began', async () => {
    const republish = jest.fn(
      async (): Promise<ChangeEvent[]> => [{ type: 'Organization', id: 'o1', op: 'upsert', version: 1 }],
    );
    const sent: ChangeEvent[] = [];
    const responder = await startResyncResponder({
      redis,
      keyspace,
      name: 'source',
      consumer: 'c1',
      republish,
      send: async (events) => {
        sent.push(...events);
      },
      log: createLogger('resync-test', 'silent'),
    });
    const before = Date.now();
    await requestResync(redis, keyspace, 'source', 'members', 'all');
    await responder.caughtUp();
    expect(republish).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([{ type: 'Organization', id: 'o1', op: 'upsert', version: 1, resync: true }]);

    // A request stamped before that answer began (delivered late: a backlog, a crashed reader's)
    // is answered by it already; requestResync stamps the time it asks.
    const [first] = await redis.xrange(resyncKey(keyspace, 'source'), '-', '+');
    const fields = first?.[1] ?? [];
    expect(JSON.parse(fields[1]!).data.at).toBeGreaterThanOrEqual(before);
    const late = {
      type: 'ResyncRequest',
      id: 'cadres',
      op: 'upsert',
      version: 0,
      data: { ids: 'all', at: before - 1 },
    };
    await redis.xadd(resyncKey(keyspace, 'source'), '*', 'event', JSON.stringify(late));
    await responder.caughtUp();
    expect(republish).toHaveBeenCalledTimes(1);

    await requestResync(redis, keyspace, 'source', 'funds', 'all');
    await responder.caughtUp();
    expect(republish).toHaveBeenCalledTimes(2);
    await responder.stop();
  });
});
