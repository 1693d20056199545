import { type ChangeEvent, findByKeys, type OrgSnapshotSource } from '@union-graph/subgraph-kit';
import type { FundAccountDoc, Models, PostingDoc } from '../models';

/** A year's receipts in a union's income book, exact in fen. */
export interface YearReceipts {
  year: number;
  fen: number;
}

export interface FundsEvidence {
  /** The union's fund account, if one was opened. */
  account: { accountId: string; openedOn: string } | null;
  /** Years with receipts, net of reversals; opening balances are no receipts. */
  receipts: YearReceipts[];
}

/**
 * R5, the fifth of the six haves (有自主管理的工会经费): the union's account and what its income
 * book received per year. `incomeNet` holds the summed `net` of the union's INCOME lines per
 * `<union>|<YYYY-MM>`: income is credited, so a receipt's net is negative.
 */
export function fundsEvidence(
  accounts: readonly Pick<FundAccountDoc, '_id' | 'organizationId' | 'openedAt'>[],
  incomeNet: readonly { _id: string; v: number }[],
  unionIds: readonly string[],
): FundsEvidence[] {
  const byYear = new Map<string, Map<number, number>>();
  for (const { _id, v } of incomeNet) {
    const [union, period] = _id.split('|') as [string, string];
    const years = byYear.get(union) ?? byYear.set(union, new Map()).get(union)!;
    const year = Number(period.slice(0, 4));
    years.set(year, (years.get(year) ?? 0) - v);
  }
  const accountOf = new Map(accounts.map((a) => [a.organizationId, a]));
  return unionIds.map((id) => {
    const account = accountOf.get(id);
    return {
      account: account
        ? { accountId: account._id, openedOn: new Date(account.openedAt).toISOString().slice(0, 10) }
        : null,
      receipts: [...(byYear.get(id) ?? [])]
        .filter(([, fen]) => fen > 0)
        .map(([year, fen]) => ({ year, fen }))
        .sort((a, b) => a.year - b.year),
    };
  });
}

/**
 * The summed `net` of the unions' INCOME lines per `<union>|<YYYY-MM>`, added up here: FerretDB's
 * `$group` computes one accumulator and compares each line with every group held so far, which a
 * full resync's thousands of unions make quadratic.
 */
function incomeNetOf(
  postings: readonly Pick<PostingDoc, 'lines'>[],
  unionIds: readonly string[],
): { _id: string; v: number }[] {
  const unions = new Set(unionIds);
  const net = new Map<string, number>();
  for (const { lines } of postings)
    for (const l of lines)
      if (l.book === 'INCOME' && unions.has(l.organizationId))
        net.set(l.orgPeriod, (net.get(l.orgPeriod) ?? 0) + l.net);
  return [...net].map(([_id, v]) => ({ _id, v }));
}

/** Every posting publishes the accounts it moved, each naming its union. */
function accountUnions(events: readonly ChangeEvent[]): string[] {
  const ids = events
    .filter((e) => e.type === 'FundAccount')
    .flatMap((e) => (e.affects ?? []).filter((r) => r.type === 'Organization').map((r) => r.id));
  return [...new Set(ids)];
}

/** What funds tells organizations for the six haves (R5): organizations keeps it, never reads here. */
export const sixHavesEvidence: OrgSnapshotSource<Models> = {
  type: 'SixHavesEvidence',
  changedBy: async (events) => accountUnions(events),
  snapshots: async (models, unionIds) => {
    const [accounts, postings] = await Promise.all([
      findByKeys(models.FundAccount, 'organizationId', unionIds),
      // An opening balance carries money over from before the ledger: no receipt of its year.
      findByKeys(models.Posting, 'orgIds', unionIds, {
        filter: { sourceKind: { $ne: 'OPENING_BALANCE' } },
        projection: { orgIds: 1, lines: 1 },
      }),
    ]);
    return fundsEvidence(accounts, incomeNetOf(postings, unionIds), unionIds);
  },
  connection: (models) => models.FundAccount.db,
};
