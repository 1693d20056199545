import {
  loadById,
  loadCountBy,
  loadManyBy,
  loadOneBy,
  type OrgRef,
  orgDirectoryModel,
  queryByKeys,
  type Scope,
} from '@union-graph/subgraph-kit';
import DataLoader from 'dataloader';
import { COUNTED_STATUSES, type MemberDoc, type Models } from './models';

const counted = { status: { $in: COUNTED_STATUSES } };

/** One `Organization.members` request: which union, and the filter as a stable JSON string. */
export interface OrgMembersKey {
  orgId: string;
  /** JSON of the attribute filter (see attributeFilter), shared by every org in the batch. */
  filter: string;
  subtree: boolean;
}

/** A union's members in page order (joining day, then id), as `Query.members` sorts them. */
function byJoining(a: MemberDoc, b: MemberDoc): number {
  return a.joinedAt.getTime() - b.joinedAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

/**
 * Members of many organizations at once: one batch of reads per distinct filter in the batch (plus
 * one of the directory when subtrees are asked for), then sliced per organization by the resolver.
 * The batches go through the kit's queryByKeys, so FerretDB on PostgreSQL filters each union's
 * members itself instead of reading the whole collection for an `$in` (#18); sorted here, since a
 * batch of parallel queries comes back per key. The round trips do not depend on the page size nor
 * on the number of organizations.
 */
function orgMembersLoader(models: Models) {
  const directory = orgDirectoryModel(models.Member.db);
  return new DataLoader<OrgMembersKey, MemberDoc[], string>(
    async (keys) => {
      const results = new Map<string, MemberDoc[]>();
      const groups = new Map<string, OrgMembersKey[]>();
      for (const k of keys)
        groups.set(`${k.subtree}|${k.filter}`, [...(groups.get(`${k.subtree}|${k.filter}`) ?? []), k]);
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const roots = group.map((k) => k.orgId);
          const { subtree, filter } = group[0]!;
          const attributes = JSON.parse(filter) as Record<string, unknown>;
          // For subtrees: each member's union path tells which requested roots it falls under.
          const paths = subtree
            ? new Map(
                (
                  await queryByKeys(directory, 'path', roots, (byRoot) =>
                    directory.find(byRoot, { path: 1 }).lean<Pick<OrgRef, '_id' | 'path'>[]>(),
                  )
                ).map((o) => [String(o._id), o.path]),
              )
            : null;
          const members = (
            await queryByKeys(models.Member, 'organizationId', paths ? [...paths.keys()] : roots, (byUnion) =>
              models.Member.find({ ...byUnion, ...attributes }).lean<MemberDoc[]>(),
            )
          ).sort(byJoining);
          const byRoot = new Map(roots.map((r) => [r, [] as MemberDoc[]]));
          for (const m of members) {
            const under = paths ? (paths.get(m.organizationId) ?? []) : [m.organizationId];
            for (const r of under) byRoot.get(r)?.push(m);
          }
          for (const k of group) results.set(keyOf(k), byRoot.get(k.orgId) ?? []);
        }),
      );
      return keys.map((k) => results.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );
}

function keyOf(k: OrgMembersKey): string {
  return `${k.orgId}|${k.subtree}|${k.filter}`;
}

export function createLoaders(models: Models, _scope: Scope) {
  return {
    member: loadById(models.Member),
    memberCount: loadCountBy(models.Member, 'organizationId', counted),
    // Records of every status: what a union's member list counts (an analyst's complement of memberCount).
    recordCount: loadCountBy(models.Member, 'organizationId'),
    femaleMemberCount: loadCountBy(models.Member, 'organizationId', { ...counted, gender: 'FEMALE' }),
    migrantWorkerCount: loadCountBy(models.Member, 'organizationId', { ...counted, migrantWorker: true }),
    // §6: flexible and scattered workers, counted apart.
    flexibleWorkerCount: loadCountBy(models.Member, 'organizationId', {
      ...counted,
      flexibleWork: { $ne: null },
    }),
    orgMembers: orgMembersLoader(models),
    card: loadOneBy(models.MemberCard, 'memberId'),
    history: loadManyBy(models.MemberChange, 'memberId', { sort: { at: 1, _id: 1 } }),
    transfersOfMember: loadManyBy(models.MemberTransfer, 'memberId', { sort: { openedAt: -1, _id: 1 } }),
    transfer: loadById(models.MemberTransfer),
    transferSteps: loadManyBy(models.TransferStep, 'transferId', { sort: { at: 1, _id: 1 } }),
    application: loadById(models.MembershipApplication),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
