import { z } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { PostingDoc, PostingKind } from '../models';
import { type LineDraft, type PostingDraft, postingIdFor } from './ledger';
import { toDate } from './periods';

/** The subgraph whose records pay out of the cadre rights-protection fund (工会干部权益保障金). */
export const CADRES_SUBGRAPH = 'cadres';

/**
 * What cadres puts in a CadreSubsidy event, and in a RightsProtectionCase event once support is
 * approved: who pays, how much (integer fen) and on which day, so funds never reads cadres' data.
 */
const paymentSchema = z.object({
  fundedByOrganizationId: z.string().min(1),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  cadreId: z.string().min(1),
  /** The subsidy's period (YYYY or YYYY-MM); absent for case support. */
  period: z.string().optional(),
});
export type CadrePayment = z.infer<typeof paymentSchema>;

/** The payment an event carries, or why it carries none the ledger could post. */
export function paymentOf(data: unknown): { payment: CadrePayment } | { problem: string } {
  const parsed = paymentSchema.safeParse(data);
  return parsed.success
    ? { payment: parsed.data }
    : { problem: `malformed payment: ${parsed.error.message}` };
}

interface Source {
  kind: PostingKind;
  /** The posting's fixed key: a redelivered event posts once. */
  key: (id: string) => string;
  memo: (p: CadrePayment) => string;
}

const SOURCES: Record<string, Source> = {
  CadreSubsidy: {
    kind: 'CADRE_SUBSIDY',
    key: (id) => `cadre-subsidy:${id}`,
    memo: (p) => `兼职干部补贴 Part-time cadre subsidy ${p.period ?? ''}`.trim(),
  },
  RightsProtectionCase: {
    kind: 'RIGHTS_CASE_SUPPORT',
    key: (id) => `rights-case:${id}`,
    memo: () => '权益保障金支持 Rights-protection case support',
  },
};

/** The posting a cadres record was paid by, whether or not it exists yet. */
export function postingIdOf(type: CadrePaymentSource, recordId: string): string {
  return postingIdFor(SOURCES[type]!.key(recordId));
}

/** The posting that paid a cadres record, if it is posted and the caller may see the payer's books. */
export async function paymentPosting(
  { loaders }: Pick<Context, 'loaders'>,
  type: CadrePaymentSource,
  recordId: string,
): Promise<PostingDoc | null> {
  const p = await loaders.posting.load(postingIdOf(type, recordId));
  return p && (await loaders.visiblePosting(p)) ? p : null;
}

/** The payment out of the payer's rights-protection fund: its spending on rights protection. */
function paymentLines(payerId: string, amount: number): LineDraft[] {
  return [
    { organizationId: payerId, book: 'EXPENSE', category: 'RIGHTS_PROTECTION', debit: amount },
    { organizationId: payerId, book: 'FUNDS', credit: amount, earmark: 'CADRE_RIGHTS' },
  ];
}

export type CadrePaymentSource = keyof typeof SOURCES;

/**
 * The posting of a cadres record's payment: pure, so the demo seed builds exactly what the
 * consumer posts (same key, memo and lines, hence the same id and content hash).
 */
export function cadrePaymentDraft(type: CadrePaymentSource, recordId: string, p: CadrePayment): PostingDraft {
  const source = SOURCES[type]!;
  return {
    idempotencyKey: source.key(recordId),
    kind: source.kind,
    bookOrgId: p.fundedByOrganizationId,
    postedOn: toDate(p.on),
    memo: source.memo(p),
    lines: paymentLines(p.fundedByOrganizationId, p.amount),
  };
}

/** Whether an event of this type may carry a payment. */
export const isPaymentSource = (type: string): type is CadrePaymentSource => type in SOURCES;
