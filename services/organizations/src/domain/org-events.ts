import { orgChangeEvent } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { OrganizationDoc } from '../models';

/** Every change to organizations reaches the other subgraphs' directories (and the gateway cache). */
export function publishOrgs(publish: Context['publish'], orgs: readonly OrganizationDoc[]): Promise<void> {
  return publish(orgs.map((o) => orgChangeEvent(o)));
}

/** Records outside the tree (units, committees, assessments): the gateway drops cached copies. */
export function publishRecord(ctx: Context, type: string, doc: { _id: string; version?: number }) {
  return ctx.publish([{ type, id: doc._id, op: 'upsert', version: doc.version ?? 1 }]);
}
