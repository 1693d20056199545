import { asDate, today } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { CollectiveContractDoc } from '../models';
import { contractRules } from '../rules';
import { contractView } from './contracts';

export interface ContractReport {
  organizationId: string;
  asOf: Date;
  renewalWindowDays: number;
  dueForRenewal: CollectiveContractDoc[];
  filingOverdue: CollectiveContractDoc[];
  expired: CollectiveContractDoc[];
}

/** R20 for a subtree (e.g. a county): what is due for renewal, filed late or expired unrenewed. */
export async function contractReport(
  ctx: Context,
  organizationId: string,
  asOf: Date | string | null | undefined,
): Promise<ContractReport> {
  const at = asOf ? asDate(asOf) : today();
  const contracts = await ctx.models.CollectiveContract.find(await ctx.scope.subtreeFilter(organizationId))
    .sort({ expiresOn: 1, _id: 1 })
    .lean<CollectiveContractDoc[]>();
  const views = await Promise.all(contracts.map((c) => contractView(ctx, c, at)));
  const pick = (test: (i: number) => boolean) => contracts.filter((_c, i) => test(i));
  return {
    organizationId,
    asOf: at,
    renewalWindowDays: contractRules.renewalWindowDays,
    dueForRenewal: pick((i) => views[i]!.renewalDue),
    filingOverdue: pick((i) => views[i]!.filingOverdue),
    expired: pick((i) => views[i]!.status === 'EXPIRED'),
  };
}
