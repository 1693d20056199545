import { loadById, loadManyBy, loadOneBy, type Scope } from '@union-graph/subgraph-kit';
import DataLoader from 'dataloader';
import type { Model, PipelineStage } from 'mongoose';
import type { Book, Models, PostingDoc } from './models';

export interface LedgerMeasure {
  book: Book;
  earmark?: string;
  /** A condition on the posting's period (see periodCondition). */
  period?: Record<string, string>;
  /** Only postings of these source kinds. */
  kinds?: readonly string[];
}

/**
 * Sums of `net` (debit − credit) per organization over the lines of one book: one aggregation per
 * batch. Lines live inside their posting (that is what makes a posting atomic), so the pipeline
 * unwinds them; `$group` has a single accumulator because FerretDB computes only the first.
 */
export function ledgerSums(posting: Model<PostingDoc>, m: LedgerMeasure): DataLoader<string, number> {
  return new DataLoader(async (keys) => {
    const ids = [...keys];
    const pipeline: PipelineStage[] = [
      {
        $match: {
          orgIds: { $in: ids },
          ...(m.period ? { period: m.period } : {}),
          ...(m.kinds ? { sourceKind: { $in: [...m.kinds] } } : {}),
        },
      },
      { $unwind: '$lines' },
      {
        $match: {
          'lines.organizationId': { $in: ids },
          'lines.book': m.book,
          ...(m.earmark ? { 'lines.earmark': m.earmark } : {}),
        },
      },
      { $group: { _id: '$lines.organizationId', v: { $sum: '$lines.net' } } },
    ];
    const rows = await posting.aggregate<{ _id: string; v: number }>(pipeline);
    const byOrg = new Map(rows.map((r) => [r._id, r.v]));
    return ids.map((k) => byOrg.get(k) ?? 0);
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
  return {
    account: loadById(models.FundAccount),
    accountByOrganization: loadOneBy(models.FundAccount, 'organizationId'),
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
