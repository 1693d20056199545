import {
  applySnapshots,
  type BackgroundHost,
  BadUserInputError,
  type ChangeEvent,
  type DirectoryUpdate,
  type Message,
  ORGANIZATIONS_SUBGRAPH,
  type OrgRef,
  requestResync,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { MemberDoc, Models, UnitRefDoc } from '../models';
import { requireJoinableOrg } from './organizations';

/** What organizations publishes when a host unit or its coverage changes. */
export interface HostUnitEventData {
  creditCode: string;
  name: string;
  coveredBy: string | null;
}

function unitFromEvent(e: ChangeEvent): UnitRefDoc | null {
  const d = e.data as Partial<HostUnitEventData> | undefined;
  // Events from before units carried their snapshot: the entity is asked for again instead.
  if (typeof d?.creditCode !== 'string' || typeof d.name !== 'string') return null;
  return {
    _id: e.id,
    creditCode: d.creditCode,
    name: d.name,
    coveredBy: d.coveredBy ?? null,
    version: e.version,
  };
}

/**
 * Keeps the unit directory from organizations' `HostUnit` events (newest snapshot wins, replays and
 * out-of-order deliveries harmless, contradictions asked for again through the kit's resync).
 */
export function applyUnitEvents(events: ChangeEvent[], models: Models): Promise<DirectoryUpdate> {
  return applySnapshots(models.UnitDirectory, events, { type: 'HostUnit', fromEvent: unitFromEvent });
}

/**
 * An empty unit directory (a first start after the units began to be published, or a directory
 * dropped to be rebuilt) asks organizations for every unit; until they arrive the check lets workers
 * in (see employersElsewhere). The kit's periodic reconciliation asks again for everything.
 */
export async function bootstrapUnits(host: BackgroundHost<Models>): Promise<void> {
  try {
    if ((await host.models.UnitDirectory.estimatedDocumentCount()) > 0) return;
    await requestResync(host.redis, host.keyspace, ORGANIZATIONS_SUBGRAPH, 'members', 'all');
  } catch (err) {
    host.log.warn({ err }, 'could not ask for host units; the next reconciliation will');
  }
}

/**
 * 源头入会 (§8, R12): a member joins, or transfers to, the union of their employer: the union covering
 * the employer's host unit must be the receiving union or, for a branch or group, the union above it.
 * Returns the employer codes among `codes` the check refuses at `union`, each with its unit when the
 * directory knows it (one batch of reads for a whole roster).
 *
 * When the unit directory knows no unit of the receiving union or of any union above it (a union
 * registered moments ago, a village or community union, which covers none, or units organizations has
 * not yet re-published), the check cannot tell a right employer from a wrong one. It then allows and
 * logs: refusing a worker at their own union would turn people away from the union, the harm §8 is
 * written against, while a wrongly placed member shows in the log and is moved by transfer. A unit
 * recorded as covered by a union no longer active (merged, dissolved) is stale in the same way.
 */
export async function employersElsewhere(
  ctx: Context,
  union: OrgRef,
  codes: readonly string[],
): Promise<Map<string, UnitRefDoc | null>> {
  const refused = new Map<string, UnitRefDoc | null>();
  if (codes.length === 0) return refused;
  const { UnitDirectory } = ctx.models;
  const [units, known] = await Promise.all([
    UnitDirectory.find({ creditCode: { $in: [...codes] } }).lean<UnitRefDoc[]>(),
    UnitDirectory.exists({ coveredBy: { $in: union.path } }),
  ]);
  const unitOf = new Map(units.map((u) => [u.creditCode, u]));
  const coverers = await ctx.scope.orgs.loadMany([...new Set(units.flatMap((u) => u.coveredBy ?? []))]);
  const active = new Set(
    coverers.flatMap((o) => (o && !(o instanceof Error) && o.status === 'ACTIVE' ? o._id : [])),
  );
  for (const code of codes) {
    const unit = unitOf.get(code);
    if (unit?.coveredBy && union.path.includes(unit.coveredBy)) continue;
    const stale = Boolean(unit?.coveredBy && !active.has(unit.coveredBy));
    if (known && !stale) refused.set(code, unit ?? null);
    else
      ctx.log.warn(
        { organizationId: union._id, employerCreditCode: code, unitId: unit?._id ?? null, stale },
        'join at source not checked: the unit directory does not know the units of this union',
      );
  }
  return refused;
}

/** The employer as join at source names it: the unit's name and code, or the code alone. */
function employerOf(code: string, unit: UnitRefDoc | null): string {
  return unit ? `${unit.name}（${code}）` : code;
}

/** What join at source says of one employer at a union (a roster row's problem). */
export function employerMessage(union: OrgRef, code: string, unit: UnitRefDoc | null): Message {
  return text('employerElsewhere', { employer: employerOf(code, unit), union: union.name });
}

/** As employersElsewhere for one employer: BAD_USER_INPUT on `field` naming the employer and the union. */
export async function requireEmployerAtUnion(
  ctx: Context,
  union: OrgRef,
  employerCreditCode: string | null | undefined,
  field: string,
): Promise<void> {
  if (!employerCreditCode) return;
  const refused = await employersElsewhere(ctx, union, [employerCreditCode]);
  if (!refused.has(employerCreditCode)) return;
  const unit = refused.get(employerCreditCode) ?? null;
  const covering = unit?.coveredBy ? await ctx.scope.orgs.load(unit.coveredBy) : null;
  const employer = employerOf(employerCreditCode, unit);
  throw new BadUserInputError(text('fieldEmployerElsewhere', { field, employer, union: union.name }), field, {
    rule: 'R12',
    employerCreditCode,
    employerName: unit?.name ?? null,
    organizationId: union._id,
    organizationName: union.name,
    // The union that does cover the employer, when the caller may see it.
    coveredBy: covering && ctx.scope.contains(covering) ? covering._id : null,
  });
}

/**
 * The union a worker joins or transfers to: one that takes members (a §6 federation too for a
 * flexible worker) and, for a worker with an employer, the employer's union (§8, R12). `fields` name
 * the arguments an error points at: the union, and where the employer came from.
 */
export async function requireReceivingUnion(
  ctx: Context,
  orgId: string,
  worker: Pick<MemberDoc, 'employerCreditCode' | 'flexibleWork'>,
  fields: { union: string; employer: string },
): Promise<OrgRef> {
  const union = await requireJoinableOrg(ctx.scope, orgId, fields.union, Boolean(worker.flexibleWork));
  // §6: a flexible worker has no one employer whose union they would join.
  if (!worker.flexibleWork)
    await requireEmployerAtUnion(ctx, union, worker.employerCreditCode, fields.employer);
  return union;
}
