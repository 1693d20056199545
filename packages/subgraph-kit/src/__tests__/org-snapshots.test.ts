import type { SubgraphContext } from '../context';
import type { ChangeEvent } from '../events';
import { type OrgSnapshotSource, snapshotStamp, withOrgSnapshots } from '../org-snapshots';

type Ctx = SubgraphContext<unknown, unknown>;

const change: ChangeEvent = { type: 'Home', id: 'h1', op: 'upsert', version: 1 };

function run(snapshots: OrgSnapshotSource<unknown>['snapshots']) {
  const published: ChangeEvent[] = [];
  const warnings: unknown[] = [];
  const source: OrgSnapshotSource<unknown> = {
    type: 'Evidence',
    changedBy: async (events) => (events.some((e) => e.type === 'Home') ? ['u1', 'u2'] : []),
    snapshots,
    connection: () => {
      throw new Error('not asked for every union here');
    },
  };
  const { Mutation } = withOrgSnapshots(
    {
      Mutation: {
        open: async (_p: unknown, _a: unknown, ctx: Ctx) => {
          await ctx.publish([change]);
          return 'stored';
        },
      },
    },
    source,
  );
  const ctx = {
    models: {},
    log: { warn: (...args: unknown[]) => warnings.push(args) },
    publish: async (events: ChangeEvent[]) => {
      published.push(...events);
    },
  } as unknown as Ctx;
  return { answer: Mutation.open(undefined, {}, ctx), published, warnings };
}

describe('withOrgSnapshots', () => {
  it('publishes the touched unions’ snapshots with the change, stamped and dated alike', async () => {
    const { answer, published } = run(async (_m, ids) => ids.map((id) => ({ n: id.length })));
    expect(await answer).toBe('stored');
    expect(published.map((e) => [e.type, e.id])).toEqual([
      ['Home', 'h1'],
      ['Evidence', 'u1'],
      ['Evidence', 'u2'],
    ]);
    const [, u1, u2] = published;
    expect(u1!.version).toBe(u2!.version);
    expect(u1!.data).toEqual({ n: 2, asOf: new Date(Math.floor(u1!.version / 1000)).toISOString() });
    expect(u1!.affects).toEqual([{ type: 'Organization', id: 'u1' }]);
  });

  it('still answers and publishes the change when reading the snapshots fails', async () => {
    const { answer, published, warnings } = run(async () => {
      throw new Error('database away');
    });
    expect(await answer).toBe('stored');
    expect(published).toEqual([change]);
    expect(warnings).toHaveLength(1);
  });

  it('stamps strictly increasing versions, even within one millisecond', () => {
    const stamps = Array.from({ length: 5 }, () => snapshotStamp());
    expect(stamps.every((s, i) => i === 0 || s > stamps[i - 1]!)).toBe(true);
    expect(Math.floor(stamps[0]! / 1000)).toBeLessThanOrEqual(Date.now());
  });
});
