import { loadById, loadManyBy, loadOneBy, queryByKeys, type Scope } from '@union-graph/subgraph-kit';
import DataLoader from 'dataloader';
import type { Model, PipelineStage } from 'mongoose';
import type { Book, FundAccountDoc, Models, PostingDoc } from './models';

export interface LedgerMeasure {
  book: Book;
  earmark?: string;
  /** A condition on the posting's period (see periodCondition). */
  period?: Record<string, string>;
  /** Only postings of these source kinds. */
  kinds?: readonly string[];
  /** Sum one side of the lines instead of their net (money into or out of a fund). */
  side?: 'debit' | 'credit';
}

/**
 * Sums of `net` (debit − credit) per organization over the lines of one book: one aggregation per
 * batch (per union on FerretDB, which filters `orgIds` equality in its backend but scans for an
 * `$in`: the kit's queryByKeys). Lines live inside their posting (that is what makes a posting
 * atomic), so the pipeline unwinds them; `$group` has a single accumulator because FerretDB
 * computes only the first.
 */
export function ledgerSums(posting: Model<PostingDoc>, m: LedgerMeasure): DataLoader<string, number> {
  return new DataLoader(async (keys) => {
    const rows = await queryByKeys(posting, 'orgIds', keys, (byUnion) => {
      const pipeline: PipelineStage[] = [
        {
          $match: {
            ...byUnion,
            ...(m.period ? { period: m.period } : {}),
            ...(m.kinds ? { sourceKind: { $in: [...m.kinds] } } : {}),
          },
        },
        { $unwind: '$lines' },
        {
          $match: {
            'lines.organizationId': byUnion.orgIds,
            'lines.book': m.book,
            ...(m.earmark ? { 'lines.earmark': m.earmark } : {}),
          },
        },
        { $group: { _id: '$lines.organizationId', v: { $sum: `$lines.${m.side ?? 'net'}` } } },
      ];
      return posting.aggregate<{ _id: string; v: number }>(pipeline);
    });
    const byOrg = new Map(rows.map((r) => [r._id, r.v]));
    return keys.map((k) => byOrg.get(k) ?? 0);
  });
}

/** True when any union of the posting is in the caller's scope. */
async function postingVisible(scope: Scope, p: PostingDoc): Promise<boolean> {
  if (scope.isNationwide) return true;
  const orgs = await scope.orgs.loadMany(p.orgIds);
  return orgs.some((o) => o && !(o instanceof Error) && scope.contains(o));
}

export function createLoaders(models: Models, scope: Scope) {
  const sums = new Map<string, DataLoader<string, number>>();
  const general = loadById(models.FundAccount);
  const rights = loadById(models.RightsFundAccount);
  return {
    /** An account of either kind by id: both collections are asked in the same tick. */
    account: new DataLoader<string, FundAccountDoc | null>(async (ids) => {
      const [g, r] = await Promise.all([general.loadMany(ids), rights.loadMany(ids)]);
      return ids.map((_, i) => {
        const found = [g[i], r[i]].find((a) => a && !(a instanceof Error));
        return (found as FundAccountDoc | undefined) ?? null;
      });
    }),
    accountByOrganization: loadOneBy(models.FundAccount, 'organizationId'),
    rightsAccountByOrganization: loadOneBy(models.RightsFundAccount, 'organizationId'),
    posting: loadById(models.Posting),
    visiblePosting: (p: PostingDoc) => postingVisible(scope, p),
    /** One loader per measure within the request, so every account on a page shares one query. */
    ledgerSum(m: LedgerMeasure): DataLoader<string, number> {
      const key = JSON.stringify(m);
      let loader = sums.get(key);
      if (!loader) {
        loader = ledgerSums(models.Posting, m);
        sums.set(key, loader);
      }
      return loader;
    },
    closedThrough: loadOneBy(models.PeriodClose, 'organizationId', { sort: { period: -1 } }),
    closes: loadManyBy(models.PeriodClose, 'organizationId', { sort: { period: 1 } }),
    activeAgreement: loadOneBy(models.Agreement, 'openKey'),
    agreementById: loadById(models.Agreement),
    subsidyPlan: loadById(models.SubsidyPlan),
    duesByMember: loadManyBy(models.Posting, 'memberId', {
      filter: { kind: 'DUES' },
      sort: { 'dues.period': -1 },
    }),
    auditsByOrganization: loadManyBy(models.FundsAudit, 'organizationId', { sort: { conductedOn: -1 } }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
