import type { SeedPlan } from '@union-graph/seed';
import { connectMongo } from '@union-graph/subgraph-kit';
import { type LoadResult, ratio } from '../load';
import { body } from '../queries';
import { alternate, type BenchContext, steady, viaGateway } from './context';

/** The members page a user waits for, in milliseconds p50 at 4 connections (issue #18). */
export const PAGE_BUDGET_MS = 300;
const PAGE_CONNECTIONS = 4;
/** Keys of the loaders' batch shape compared below: EQUALITY_BATCH_MAX. */
const BATCH = 20;

/** Pages through the graph (our gateway, caches off, so that every request reaches the database). */
const PAGES: Record<string, string> = {
  'members page of a union (Query.members: a list page, equality filter)':
    'query($id: ID!) { members(organizationId: $id, first: 20) { totalCount nodes { id } } }',
  'members on the union card (Organization.members: a batch loader)':
    'query($id: ID!) { organization(id: $id) { id members(first: 20) { nodes { id } } } }',
};

export interface RawFigure {
  query: string;
  /** Median milliseconds per backend. */
  ms: Record<string, number>;
}

export interface BackendsResult {
  backends: string[];
  /** The union every raw query asks about: the one with most members. */
  union: { id: string; members: number };
  raw: RawFigure[];
  pages: { name: string; load: Record<string, LoadResult> }[];
  /** Seeded members and unions: the size the figures were measured at. */
  members: number;
  unions: number;
  /**
   * Per backend, the largest data set whose union members page stays under PAGE_BUDGET_MS p50,
   * estimated linearly from the measured one: both backends read the whole members collection
   * for it (SQLite in Go, PostgreSQL in a sequential scan).
   */
  limits: Record<string, { members: number; unions: number }>;
}

type Db = NonNullable<Awaited<ReturnType<typeof connectMongo>>['db']>;

/** The queries, straight to each backend's members and organizations databases. */
function rawQueries(
  plan: SeedPlan,
  unionId: string,
): Record<string, (members: Db, orgs: Db) => Promise<unknown>> {
  const memberId = plan.members.find((m) => m.organizationId === unionId)!._id;
  const batch = plan.organizations.slice(-BATCH).map((o) => o._id);
  const hundred = plan.members.slice(0, 100).map((m) => m._id);
  const sorted = { joinedAt: 1, _id: 1 } as const;
  const members = (db: Db) => db.collection('members');
  return {
    'one union by _id': (_m, orgs) => orgs.collection('organizations').findOne({ _id: unionId as never }),
    'members {organizationId: X}': (db) => members(db).find({ organizationId: unionId }).toArray(),
    'members page {organizationId: X} sorted, limit 21': (db) =>
      members(db).find({ organizationId: unionId }).sort(sorted).limit(21).toArray(),
    'countDocuments({organizationId: X})': (db) => members(db).countDocuments({ organizationId: unionId }),
    'member cards {memberId: X}': (db) => db.collection('member_cards').find({ memberId }).toArray(),
    'members {organizationId: {$in: [X]}} sorted (the old loader shape)': (db) =>
      members(db)
        .find({ organizationId: { $in: [unionId] } })
        .sort(sorted)
        .toArray(),
    [`members of ${BATCH} unions, one $in (the old loader shape)`]: (db) =>
      members(db)
        .find({ organizationId: { $in: batch } })
        .toArray(),
    [`members of ${BATCH} unions, ${BATCH} parallel equality queries (the loaders on FerretDB now)`]: (db) =>
      Promise.all(batch.map((id) => members(db).find({ organizationId: id }).toArray())),
    '{_id: {$in: 100 ids}}': (db) =>
      members(db)
        .find({ _id: { $in: hundred as never[] } })
        .toArray(),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

/**
 * Scenario 6: the same data on each FerretDB backend, side by side: the queries straight
 * to the database (medians, backends alternating per sample), then a union's members page through
 * the graph at 4 connections (backends alternating per round), and how large a data set each
 * serves within PAGE_BUDGET_MS.
 */
export async function backends(
  contexts: { backend: string; ctx: BenchContext }[],
  plan: SeedPlan,
): Promise<BackendsResult> {
  const perUnion = new Map<string, number>();
  for (const m of plan.members) perUnion.set(m.organizationId, (perUnion.get(m.organizationId) ?? 0) + 1);
  const [unionId, unionMembers] = [...perUnion].sort((a, b) => b[1] - a[1])[0]!;
  const queries = rawQueries(plan, unionId);
  const settings = contexts[0]!.ctx.settings;
  const conns = await Promise.all(
    contexts.map(async ({ ctx }) => ({
      members: await connectMongo(ctx.stack.mongoUrl, `${ctx.stack.dbPrefix}members`),
      orgs: await connectMongo(ctx.stack.mongoUrl, `${ctx.stack.dbPrefix}organizations`),
    })),
  );
  const samples = new Map<string, number[]>();
  try {
    for (let s = 0; s < settings.samples; s++) {
      for (let i = 0; i < contexts.length; i++) {
        const k = (i + s) % contexts.length;
        for (const [query, run] of Object.entries(queries)) {
          const started = performance.now();
          await run(conns[k]!.members.db!, conns[k]!.orgs.db!);
          const key = `${query}\u0000${contexts[k]!.backend}`;
          samples.set(key, [...(samples.get(key) ?? []), performance.now() - started]);
        }
      }
    }
  } finally {
    await Promise.all(conns.flatMap((c) => [c.members.close(), c.orgs.close()]));
  }
  const raw = Object.keys(queries).map((query) => ({
    query,
    ms: Object.fromEntries(
      contexts.map(({ backend }) => [backend, median(samples.get(`${query}\u0000${backend}`)!)]),
    ),
  }));

  const pages = [];
  for (const [name, query] of Object.entries(PAGES)) {
    const bodies = contexts[0]!.ctx.orgIds.map((id) => body(query, { id }));
    const runs = await alternate(
      contexts.map(({ backend, ctx }) => {
        const paged = { ...ctx, settings: { ...ctx.settings, connections: PAGE_CONNECTIONS } };
        return { name: backend, run: steady(paged, viaGateway(ctx, ctx.stack.uncachedGateway.url, bodies)) };
      }),
      settings.rounds,
    );
    pages.push({ name, load: runs });
  }
  const members = plan.members.length;
  const unions = plan.organizations.length;
  const listPage = pages[0]!.load;
  const limits = Object.fromEntries(
    contexts.map(({ backend }) => {
      const scale = (ratio(PAGE_BUDGET_MS, listPage[backend]!.p50) ?? 0) || 0;
      return [backend, { members: Math.round(members * scale), unions: Math.round(unions * scale) }];
    }),
  );
  return {
    backends: contexts.map((c) => c.backend),
    union: { id: unionId, members: unionMembers },
    raw,
    pages,
    members,
    unions,
    limits,
  };
}
