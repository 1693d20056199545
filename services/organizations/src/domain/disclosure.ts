import { addMonths, appendOnce, asDate, orgRef, today } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { UnionDisclosureDoc } from '../models';
import { type StructureRules, structureRules } from '../rules';
import { publishRecord } from './org-events';
import { listOrganizations } from './org-filter';
import { requireOpen, writableOrganization } from './organizations';
import { type Keyed, requirePast, requireText } from './records';
import type { DivisionLevel } from './regions';
import { type Region, regionFindings } from './reports/findings';
import { GRASSROOTS_UNION_TYPES } from './tree';

export interface UnionDisclosureInput {
  organizationId: string;
  subject: UnionDisclosureDoc['subject'];
  channel: UnionDisclosureDoc['channel'];
  title: string;
  disclosedOn: Date | string;
}

/** §18 会务公开: what the union told its members, when and how; recorded by its administrators. */
export async function recordDisclosure(
  ctx: Context,
  { idempotencyKey, ...input }: UnionDisclosureInput & Keyed,
): Promise<UnionDisclosureDoc> {
  const org = await writableOrganization(ctx, input.organizationId, 'input.organizationId');
  requireOpen(org, 'input.organizationId');
  const disclosedOn = asDate(input.disclosedOn);
  requirePast(disclosedOn, 'input.disclosedOn');
  const { doc, created } = await appendOnce<UnionDisclosureDoc>(
    ctx.models.UnionDisclosure,
    {
      organizationId: org._id,
      subject: input.subject,
      channel: input.channel,
      title: requireText(input.title, 'input.title'),
      disclosedOn,
      recordedBy: ctx.caller.id,
    },
    { callerId: ctx.caller.id, mutation: 'recordDisclosure', key: idempotencyKey, input },
  );
  if (created) await publishRecord(ctx, 'UnionDisclosure', doc, [orgRef(org._id)]);
  return doc;
}

/** The first day a disclosure still counts: the window (a year unless configured) before today. */
export function disclosureWindowStart(on = today(), rules: StructureRules = structureRules): Date {
  return addMonths(on, -rules.disclosureMonths);
}

/**
 * §18: active grassroots-level unions with no disclosure since `since` (on that day counts), by
 * region. Two commands.
 */
export async function undisclosedUnions(
  ctx: Context,
  by: DivisionLevel,
  since: Date | string | null | undefined,
  region: Region,
) {
  const unions = await listOrganizations(ctx, region, {
    status: 'ACTIVE',
    type: { $in: GRASSROOTS_UNION_TYPES },
  });
  const disclosed = new Set(
    await ctx.models.UnionDisclosure.distinct('organizationId', {
      disclosedOn: { $gte: since ? asDate(since) : disclosureWindowStart() },
      organizationId: { $in: unions.map((u) => u._id) },
    }),
  );
  return regionFindings(unions, (u) => !disclosed.has(u._id), by);
}
