import { type ChangeEvent, loadCountBy, orgDirectoryModel, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { COUNTED_STATUSES, holdsMembership, type MemberDoc, type Models } from '../models';

/**
 * R14: what organizations needs to decide whether a union must have a women workers' committee —
 * how many members, and female members, the real-name registry holds for it — published as change
 * events (`RegistryCount`, one per union) after every change of the registry, since organizations
 * never reads this database.
 */
export const REGISTRY_COUNT_EVENT = 'RegistryCount';

export interface RegistryCountData {
  members: number;
  femaleMembers: number;
}

let lastStamp = 0;

/**
 * A snapshot's version: the real clock in microseconds, strictly increasing in the process, taken
 * before counting. A count that started later saw every change finished before it began, so the
 * highest version is the newest truth and read models may drop anything older, however it arrives.
 */
export function countStamp(): number {
  lastStamp = Math.max(Date.now() * 1000, lastStamp + 1);
  return lastStamp;
}

export function registryCountEvent(unionId: string, data: RegistryCountData, version: number): ChangeEvent {
  return { type: REGISTRY_COUNT_EVENT, id: unionId, op: 'upsert', version, data, affects: [orgRef(unionId)] };
}

/** The snapshots of seeded members, for the seed to publish as it publishes the tree. */
export function registryCountsOf(
  members: readonly Pick<MemberDoc, 'organizationId' | 'status' | 'gender'>[],
): ChangeEvent[] {
  const counts = new Map<string, RegistryCountData>();
  for (const m of members) {
    if (!holdsMembership(m.status)) continue;
    const c = counts.get(m.organizationId) ?? { members: 0, femaleMembers: 0 };
    c.members++;
    if (m.gender === 'FEMALE') c.femaleMembers++;
    counts.set(m.organizationId, c);
  }
  const version = countStamp();
  return [...counts].map(([id, c]) => registryCountEvent(id, c, version));
}

/** The current counts of the unions (two aggregations, whatever their number). */
export async function registryCountEvents(
  models: Models,
  unionIds: readonly string[],
): Promise<ChangeEvent[]> {
  if (unionIds.length === 0) return [];
  const version = countStamp();
  const counted = { status: { $in: COUNTED_STATUSES } };
  const column = (filter: Record<string, unknown>) =>
    loadCountBy(models.Member, 'organizationId', filter).loadMany(unionIds);
  const [members, female] = await Promise.all([column(counted), column({ ...counted, gender: 'FEMALE' })]);
  return unionIds.map((id, i) => {
    const [m, f] = [members[i], female[i]];
    if (m instanceof Error) throw m;
    if (f instanceof Error) throw f;
    return registryCountEvent(id, { members: m ?? 0, femaleMembers: f ?? 0 }, version);
  });
}

/** The unions whose counts a batch of this subgraph's events may have changed. */
function unionsChangedBy(events: readonly ChangeEvent[]): string[] {
  const ids = events.flatMap((e) => {
    const data = (e.data ?? {}) as Record<string, unknown>;
    if (e.type === 'Member') return [data.organizationId];
    if (e.type === 'MemberTransfer') return [data.fromOrganizationId, data.toOrganizationId];
    return [];
  });
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

type Resolver = (parent: unknown, args: unknown, ctx: Context, info: unknown) => unknown;

/**
 * The counts to publish beside a write that has already happened. Counting that fails must not turn
 * a stored change into an error answer: the change's own events go out alone, and organizations'
 * periodic reconciliation (a resync of every union's counts) corrects the figure.
 */
async function countsOrNone(ctx: Context, events: readonly ChangeEvent[]): Promise<ChangeEvent[]> {
  try {
    return await registryCountEvents(ctx.models, unionsChangedBy(events));
  } catch (err) {
    ctx.log.warn(
      { err },
      'registry counts not published with this change; the next reconciliation sends them',
    );
    return [];
  }
}

/**
 * Every mutation's published changes followed, in the same outbox entry, by the counts of the
 * unions they touched: each write path publishes its `Member`/`MemberTransfer` events already, so
 * the counts follow from those here, once, rather than in every path (registration, transfers,
 * status, roster import…), and a new path cannot forget them.
 */
export function withRegistryCounts<R extends { Mutation?: object }>(resolvers: R): R {
  const mutations = Object.entries(resolvers.Mutation ?? {}).map(([name, resolve]) => {
    if (typeof resolve !== 'function') return [name, resolve];
    const counting: Resolver = (parent, args, ctx, info) =>
      (resolve as Resolver)(
        parent,
        args,
        {
          ...ctx,
          publish: async (events) => ctx.publish([...events, ...(await countsOrNone(ctx, events))]),
        },
        info,
      );
    return [name, counting];
  });
  return { ...resolvers, Mutation: Object.fromEntries(mutations) };
}

/**
 * Answers organizations' resync requests: the counts of the unions asked for, or of every union in
 * the directory (zeros included, so a union whose last member left is corrected too).
 */
export async function republishRegistryCounts(models: Models, ids: string[] | 'all'): Promise<ChangeEvent[]> {
  const unionIds =
    ids === 'all'
      ? (await orgDirectoryModel(models.Member.db).find({}, { _id: 1 }).lean<{ _id: string }[]>()).map(
          (o) => o._id,
        )
      : ids;
  return registryCountEvents(models, unionIds);
}
