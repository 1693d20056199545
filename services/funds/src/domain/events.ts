import { type ChangeEvent, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { FundAccountDoc } from '../models';

/** An account's fields (balance, closedThrough, keptBy…) also show in its union's `fundAccount`. */
export function accountEvent(account: FundAccountDoc, version: number): ChangeEvent {
  return {
    type: 'FundAccount',
    id: account._id,
    op: 'upsert',
    version,
    affects: [orgRef(account.organizationId)],
  };
}

/** The union and, once opened, its account: for records whose changes show on both. */
export async function accountRefs(ctx: Context, organizationId: string) {
  const account = await ctx.loaders.accountByOrganization.load(organizationId);
  return [orgRef(organizationId), ...(account ? [{ type: 'FundAccount', id: account._id }] : [])];
}
