import { allOf, asDate, BadUserInputError } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import { isMemberOnly } from './access';
import type { TransferStatus } from './transfers';

type Filter = Record<string, unknown>;

export interface TransferFilterInput {
  subtree?: boolean | null;
  status?: TransferStatus[] | null;
  openedFrom?: Date | string | null;
  openedTo?: Date | string | null;
}

export interface TransferListArgs {
  organizationId?: string | null;
  direction?: 'INCOMING' | 'OUTGOING' | 'BOTH' | null;
  open?: boolean | null;
  filter?: TransferFilterInput | null;
}

/** Each status as stored: the decision copied onto the transfer, and whether it is closed. */
const STATUS_CONDITIONS: Record<TransferStatus, Filter> = {
  OPEN: { decision: null },
  ACCEPTED: { decision: 'ACCEPTED', closedAt: null },
  COMPLETED: { decision: 'ACCEPTED', closedAt: { $ne: null } },
  REJECTED: { decision: 'REJECTED' },
  CANCELLED: { decision: 'CANCELLED' },
};

/** China's calendar day starts at 00:00 Beijing time, 16:00 UTC the day before. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const chinaDayStart = (d: Date | string) => new Date(asDate(d).getTime() - CHINA_OFFSET_MS);

function dateConditions(filter: TransferFilterInput | null | undefined): Filter {
  const { openedFrom, openedTo } = filter ?? {};
  if (openedFrom && openedTo && asDate(openedFrom) > asDate(openedTo)) {
    throw new BadUserInputError(text('openedRange'), 'filter.openedFrom');
  }
  if (!openedFrom && !openedTo) return {};
  return {
    openedAt: {
      ...(openedFrom ? { $gte: chinaDayStart(openedFrom) } : {}),
      // openedTo counts its whole day in China.
      ...(openedTo ? { $lt: new Date(chinaDayStart(openedTo).getTime() + DAY_MS) } : {}),
    },
  };
}

/**
 * The unions whose transfers are listed: one union, its subtree (`filter.subtree`), or with no
 * union the caller's whole scope. Null means no restriction (a nationwide caller's scope).
 */
async function unionsOf(ctx: Context, args: TransferListArgs): Promise<string[] | null> {
  if (args.organizationId) {
    if (args.filter?.subtree) return ctx.scope.subtreeIds(args.organizationId);
    await ctx.scope.requireOrg(args.organizationId);
    return [args.organizationId];
  }
  const scoped = (await ctx.scope.orgFilter('id')) as { id?: { $in: string[] } };
  return scoped.id?.$in ?? null;
}

/**
 * 会籍接转列表 (R12): transfers into or out of a union, its subtree or the caller's scope, by
 * direction, status, openness and the China day they were opened. A transfer is listed when its
 * receiving or leaving union (as the direction says) is among those unions, so a subtree sees both
 * sides of a transfer crossing it; a MEMBER caller sees only their own.
 */
export async function transferListFilter(ctx: Context, args: TransferListArgs): Promise<Filter> {
  const unions = await unionsOf(ctx, args);
  const within = unions === null ? { $exists: true } : { $in: unions };
  const sides = {
    INCOMING: [{ toOrganizationId: within }],
    OUTGOING: [{ fromOrganizationId: within }],
    BOTH: [{ toOrganizationId: within }, { fromOrganizationId: within }],
  }[args.direction ?? 'BOTH'];
  const statuses = args.filter?.status ?? [];
  const parts: Filter[] = [
    { $or: sides },
    args.open == null ? {} : { closedAt: args.open ? null : { $ne: null } },
    statuses.length ? { $or: statuses.map((s) => STATUS_CONDITIONS[s]) } : {},
    dateConditions(args.filter),
    isMemberOnly(ctx) ? { memberId: ctx.caller.memberId ?? '\u0000none' } : {},
  ];
  return allOf(...parts);
}
