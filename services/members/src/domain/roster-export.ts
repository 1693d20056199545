import {
  createDownload,
  disclosedCount,
  mayReveal,
  minimumCountFor,
  type PersonalKind,
  today,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { MemberDoc } from '../models';
import type { ListScope } from './disclosure';
import { EDUCATION_LABELS, EXPORT_EXTRA_HEADERS, rosterWorkbook } from './roster';
import { treeWithholds } from './tree-disclosure';

const STATUS_LABELS: Record<string, string> = {
  ACTIVE: '正常',
  RETIRED_RETAINED: '退休保留会籍',
  TRANSFERRING: '接转中',
  WITHDRAWN: '已退会',
  AUTO_WITHDRAWN: '自动退会',
};

/** The path prefix the gateway serves this subgraph's downloads under (`/downloads/members/<id>`). */
const SUBGRAPH = 'members';

/**
 * A union's roster as xlsx, in the template's columns (so it imports again) plus status and card
 * number. Two queries whatever the size: the members, then their cards. Each column is a kind of
 * the personal-data policy, as on `Member`: a cell the caller may not see is empty (no masks).
 * The file is kept as a download for this caller only (`roster_downloads`, the kit's downloads.ts);
 * the answer says where to fetch it and until when, and carries no bytes. An analyst's roster is
 * withheld as the member list it exports is (issue #19): no lines and `rows` null.
 */
export async function exportRoster(
  ctx: Context,
  scope: ListScope & { orgId: string },
  filter: Record<string, unknown>,
) {
  const [statusHeader, cardHeader] = EXPORT_EXTRA_HEADERS as [string, string];
  const found = await ctx.models.Member.find(filter).sort({ joinedAt: 1, _id: 1 }).lean<MemberDoc[]>();
  const withheld = await rosterWithheld(ctx, scope, found.length);
  const members = withheld ? [] : found;
  const cards = await ctx.models.MemberCard.find({ memberId: { $in: members.map((m) => m._id) } }).lean();
  const cardOf = new Map(cards.map((c) => [c.memberId, c._id]));
  const rows = members.map((m) => {
    const shown = <T>(kind: PersonalKind, value: T): T | null =>
      mayReveal(ctx.caller, kind, m._id) ? value : null;
    return {
      name: shown('NAME', m.name),
      residentId: shown('RESIDENT_ID', m.residentId),
      gender: shown('GENDER', m.gender === 'MALE' ? '男' : '女'),
      ethnicity: shown('ETHNICITY', m.ethnicity ?? null),
      mobile: shown('PHONE', m.mobile ?? null),
      education: shown('EDUCATION', m.education ? EDUCATION_LABELS[m.education] : null),
      employerCreditCode: shown('EMPLOYER', m.employerCreditCode ?? null),
      migrantWorker: m.migrantWorker ? '是' : '否',
      joinedAt: m.joinedAt.toISOString().slice(0, 10),
      [statusHeader]: STATUS_LABELS[m.status] ?? m.status,
      [cardHeader]: shown('CARD_NUMBER', cardOf.get(m._id) ?? null),
    };
  });
  const file = {
    filename: `member-roster-${scope.orgId}-${today().toISOString().slice(0, 10)}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(await rosterWorkbook(rows, EXPORT_EXTRA_HEADERS), 'base64'),
  };
  const download = await createDownload(ctx.models.RosterDownload, SUBGRAPH, ctx.caller, file);
  return {
    filename: file.filename,
    contentType: file.contentType,
    rows: withheld ? null : rows.length,
    ...download,
  };
}

/** Its lines count its members: held to k as the list's `totalCount` is, tree included. */
async function rosterWithheld(ctx: Context, scope: ListScope, count: number): Promise<boolean> {
  const k = minimumCountFor(ctx.caller);
  if (k === null) return false;
  return disclosedCount(count, k) === null || treeWithholds(ctx, scope.orgId, scope.subtree);
}
