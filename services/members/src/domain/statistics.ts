import { division } from '@union-graph/domain';
import { type OrgRef, orgDirectoryModel } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { ORG_TYPE_LABELS } from './organizations';

export type BreakdownKey = 'PROVINCE' | 'CITY' | 'ORGANIZATION_TYPE' | 'STATUS' | 'GENDER' | 'MIGRANT_WORKER';

const LABELS: Record<string, string> = {
  ACTIVE: '正常',
  RETIRED_RETAINED: '退休保留会籍',
  TRANSFERRING: '接转中',
  WITHDRAWN: '已退会',
  AUTO_WITHDRAWN: '自动退会',
  MALE: '男',
  FEMALE: '女',
  true: '农民工',
  false: '非农民工',
  unknown: '未知',
};

const MEMBER_FIELD: Partial<Record<BreakdownKey, string>> = {
  STATUS: 'status',
  GENDER: 'gender',
  MIGRANT_WORKER: 'migrantWorker',
};

export interface CountGroup {
  key: string;
  label: string;
  count: number;
}

/** Which group an organization's members fall in, from its directory entry. */
function orgGroup(by: BreakdownKey, org: OrgRef | undefined): { key: string; label: string } {
  if (!org) return { key: 'unknown', label: LABELS.unknown! };
  if (by === 'ORGANIZATION_TYPE') return { key: org.type, label: ORG_TYPE_LABELS[org.type] ?? org.type };
  const d = division(org.divisionCode);
  const code = by === 'PROVINCE' ? d?.provinceCode : d?.cityCode;
  const name = code ? division(code)?.name : undefined;
  return code && name ? { key: code, label: name } : { key: 'unknown', label: LABELS.unknown! };
}

/**
 * Counts members matching `match`, grouped. One `$group` (FerretDB computes a single accumulator);
 * region and type groups count per organization first, then fold by the directory entries.
 */
export async function breakdown(
  ctx: Context,
  match: Record<string, unknown>,
  by: BreakdownKey,
): Promise<CountGroup[]> {
  const field = MEMBER_FIELD[by] ?? 'organizationId';
  const rows = await ctx.models.Member.aggregate<{ _id: unknown; n: number }>([
    { $match: match },
    { $group: { _id: `$${field}`, n: { $sum: 1 } } },
  ]);
  const groups = new Map<string, CountGroup>();
  const add = (key: string, label: string, n: number) => {
    const g = groups.get(key) ?? { key, label, count: 0 };
    g.count += n;
    groups.set(key, g);
  };
  if (field !== 'organizationId') {
    for (const r of rows) {
      const key = String(r._id ?? (by === 'MIGRANT_WORKER' ? false : 'unknown'));
      add(key, LABELS[key] ?? key, r.n);
    }
  } else {
    const orgs = await orgDirectoryModel(ctx.models.Member.db)
      .find({ _id: { $in: rows.map((r) => String(r._id)) } })
      .lean<OrgRef[]>();
    const byId = new Map(orgs.map((o) => [String(o._id), o]));
    for (const r of rows) {
      const { key, label } = orgGroup(by, byId.get(String(r._id)));
      add(key, label, r.n);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
