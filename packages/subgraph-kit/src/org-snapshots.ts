import type { Connection } from 'mongoose';
import type { SubgraphContext } from './context';
import { orgDirectoryModel } from './directory';
import { type ChangeEvent, orgRef } from './events';
import { knownDatabase } from './mongo';

/**
 * Per-union snapshots a subgraph derives from its own records for another subgraph's read model
 * (the six haves' evidence organizations keeps, R5): published beside the change that moved them,
 * and again on the reader's resync request, so a lost event is corrected by the next reconciliation.
 */
export interface OrgSnapshotSource<TModels> {
  /** The event type the reader applies. */
  type: string;
  /**
   * The unions whose snapshot a batch of this subgraph's published events may have changed (may
   * read the models, for events that name no union).
   */
  changedBy: (events: readonly ChangeEvent[], models: TModels) => Promise<string[]>;
  /** The current snapshot of each union, in the order asked (unions without records included). */
  snapshots: (models: TModels, unionIds: readonly string[]) => Promise<object[]>;
  /** The subgraph's connection, where the org directory lists every union for a full resync. */
  connection: (models: TModels) => Connection;
}

let lastStamp = 0;

/**
 * A snapshot's version: the real clock in microseconds, strictly increasing in the process, taken
 * before reading. A snapshot read later saw every change finished before it began, so the highest
 * version is the newest truth and readers may drop anything older, however it arrives.
 */
export function snapshotStamp(): number {
  lastStamp = Math.max(Date.now() * 1000, lastStamp + 1);
  return lastStamp;
}

/** The snapshots as events, `asOf` the moment they were read (the version's clock). */
export function orgSnapshotEvents(
  type: string,
  unionIds: readonly string[],
  data: readonly object[],
  version: number,
): ChangeEvent[] {
  const asOf = new Date(Math.floor(version / 1000)).toISOString();
  return unionIds.map((id, i) => ({
    type,
    id,
    op: 'upsert',
    version,
    data: { ...data[i], asOf },
    affects: [orgRef(id)],
  }));
}

const READ_CHUNK = 500;

/**
 * The current snapshots of the unions, read in chunks (a full resync names every union). On FerretDB
 * in one read: it serves no key from an index, so each chunk would read the source's collections
 * whole again (at the large seed's 55,000 grassroots unions, 110 scans of the postings per source);
 * the sources read many unions' records whole once instead (the kit's findByKeys, loadSumsBy).
 */
export async function currentOrgSnapshots<TModels>(
  source: OrgSnapshotSource<TModels>,
  models: TModels,
  unionIds: readonly string[],
): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  const chunk =
    unionIds.length > READ_CHUNK && knownDatabase(source.connection(models)) === 'ferretdb'
      ? unionIds.length
      : READ_CHUNK;
  for (let i = 0; i < unionIds.length; i += chunk) {
    const ids = unionIds.slice(i, i + chunk);
    const version = snapshotStamp();
    events.push(...orgSnapshotEvents(source.type, ids, await source.snapshots(models, ids), version));
  }
  return events;
}

/** Answers the reader's resync requests: the unions asked for, or every union in the directory. */
export function republishOrgSnapshots<TModels>(source: OrgSnapshotSource<TModels>) {
  return async (models: TModels, ids: string[] | 'all'): Promise<ChangeEvent[]> => {
    const unionIds =
      ids === 'all'
        ? (
            await orgDirectoryModel(source.connection(models)).find({}, { _id: 1 }).lean<{ _id: string }[]>()
          ).map((o) => o._id)
        : ids;
    return currentOrgSnapshots(source, models, unionIds);
  };
}

type Resolver = (
  parent: unknown,
  args: unknown,
  ctx: SubgraphContext<unknown, unknown>,
  info: unknown,
) => unknown;

/**
 * Every mutation's published changes followed, in the same outbox entry, by the snapshots of the
 * unions they touched: the write paths publish their own events already, so the snapshots follow
 * from those here, once, and a new path cannot forget them. Reading that fails must not turn a
 * stored change into an error answer: the change's events go out alone and the reader's next
 * reconciliation asks for the snapshots.
 */
export function withOrgSnapshots<R extends { Mutation?: object }, TModels>(
  resolvers: R,
  source: OrgSnapshotSource<TModels>,
): R {
  const derived = async (ctx: SubgraphContext<unknown, unknown>, events: ChangeEvent[]) => {
    try {
      const models = ctx.models as TModels;
      return await currentOrgSnapshots(source, models, await source.changedBy(events, models));
    } catch (err) {
      ctx.log.warn(
        { err, type: source.type },
        'snapshots not published with this change; reconciliation sends them',
      );
      return [];
    }
  };
  const mutations = Object.entries(resolvers.Mutation ?? {}).map(([name, resolve]) => {
    if (typeof resolve !== 'function') return [name, resolve];
    const publishing: Resolver = (parent, args, ctx, info) =>
      (resolve as Resolver)(
        parent,
        args,
        { ...ctx, publish: async (events) => ctx.publish([...events, ...(await derived(ctx, events))]) },
        info,
      );
    return [name, publishing];
  });
  return { ...resolvers, Mutation: Object.fromEntries(mutations) };
}
