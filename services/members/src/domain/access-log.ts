import { applyPersonalAccessEvents, type ChangeEvent, ForbiddenError } from '@union-graph/subgraph-kit';
import type { QueryFilter } from 'mongoose';
import type { Context } from '../context';
import { text } from '../messages';
import type { Models, PersonalAccessDoc } from '../models';

/**
 * The personal-data access log (PIPL art. 45, docs/personal-data.md). The kit writes members' own
 * entries; the other subgraphs publish theirs as `PersonalDataAccess` events, copied here.
 */

/** Subgraphs serving personal data besides members: their entries reach the log through their streams. */
export const ACCESS_LOG_SOURCES = ['cadres', 'funds', 'worker-services', 'guangdong'] as const;

/**
 * Copies other subgraphs' access entries (a replay inserts nothing). Nothing to relay: the log is
 * never cached, so its entries invalidate nothing.
 */
export async function applyAccessLogEvents(events: ChangeEvent[], models: Models): Promise<void> {
  await applyPersonalAccessEvents(models.PersonalAccess, events);
}

export interface AccessLogFilter {
  memberId?: string | null;
  callerId?: string | null;
  since?: Date | string | null;
  until?: Date | string | null;
}

/** The whole log, for a national administrator only. */
export function accessLogFilter(ctx: Context, filter: AccessLogFilter | null | undefined) {
  ctx.scope.requireRole('NATIONAL_ADMIN');
  const q: QueryFilter<PersonalAccessDoc> = {};
  if (filter?.memberId) q.memberIds = filter.memberId;
  if (filter?.callerId) q.callerId = filter.callerId;
  if (filter?.since || filter?.until)
    q.at = {
      ...(filter.since ? { $gte: new Date(filter.since) } : {}),
      ...(filter.until ? { $lt: new Date(filter.until) } : {}),
    };
  return q;
}

/** A member's own: every entry that revealed data of the caller's member record. */
export function ownAccessFilter(ctx: Context): QueryFilter<PersonalAccessDoc> {
  ctx.scope.requireRole('MEMBER');
  const memberId = ctx.caller.memberId;
  if (!memberId) throw new ForbiddenError(text('noMemberRecord'));
  return { memberIds: memberId };
}
