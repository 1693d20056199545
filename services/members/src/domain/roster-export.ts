import { maskMobile, maskResidentId } from '@union-graph/domain';
import { today } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { MemberDoc } from '../models';
import { EDUCATION_LABELS, EXPORT_EXTRA_HEADERS, rosterWorkbook } from './roster';

const STATUS_LABELS: Record<string, string> = {
  ACTIVE: '正常',
  RETIRED_RETAINED: '退休保留会籍',
  TRANSFERRING: '接转中',
  WITHDRAWN: '已退会',
  AUTO_WITHDRAWN: '自动退会',
};

/**
 * A union's roster as xlsx, in the template's columns (so it imports again) plus status and card
 * number. Two queries whatever the size: the members, then their cards. Personal data is masked
 * for callers who may not see it (analysts).
 */
export async function exportRoster(ctx: Context, organizationId: string, filter: Record<string, unknown>) {
  const [statusHeader, cardHeader] = EXPORT_EXTRA_HEADERS as [string, string];
  const members = await ctx.models.Member.find(filter).sort({ joinedAt: 1, _id: 1 }).lean<MemberDoc[]>();
  const cards = await ctx.models.MemberCard.find({ memberId: { $in: members.map((m) => m._id) } }).lean();
  const cardOf = new Map(cards.map((c) => [c.memberId, c._id]));
  const plain = ctx.scope.canSeePersonalData;
  const rows = members.map((m) => ({
    name: m.name,
    residentId: plain ? m.residentId : maskResidentId(m.residentId),
    gender: m.gender === 'MALE' ? '男' : '女',
    ethnicity: m.ethnicity ?? null,
    mobile: m.mobile ? (plain ? m.mobile : maskMobile(m.mobile)) : null,
    education: m.education ? EDUCATION_LABELS[m.education] : null,
    employerCreditCode: m.employerCreditCode ?? null,
    migrantWorker: m.migrantWorker ? '是' : '否',
    joinedAt: m.joinedAt.toISOString().slice(0, 10),
    [statusHeader]: STATUS_LABELS[m.status] ?? m.status,
    [cardHeader]: cardOf.get(m._id) ?? null,
  }));
  return {
    filename: `member-roster-${organizationId}-${today().toISOString().slice(0, 10)}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    rows: rows.length,
    contentBase64: await rosterWorkbook(rows, EXPORT_EXTRA_HEADERS),
  };
}
