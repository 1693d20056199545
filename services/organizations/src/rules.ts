import { loadRules, z } from '@union-graph/subgraph-kit';

/** R3's "about 100 enterprises / about 5,000 workers": approximate marks, so local practice sets them. */
export const generalUnionRules = loadRules(
  'general-union',
  z.object({ enterprises: z.number().int().positive(), employees: z.number().int().positive() }),
  { enterprises: 100, employees: 5000 },
);

/** R5: the share of grassroots unions meeting all six haves the opinion aims for. */
export const sixHavesRules = loadRules('six-haves', z.object({ goal: z.number().min(0).max(1) }), {
  goal: 0.8,
});

/**
 * R5 from evidence: how satisfied a year's surveyed members must be (会员满意, the sixth have; 90 %
 * as R19's model-home mark unless configured) and which annual review outcomes count as passed (the
 * fourth have), `UNION_GRAPH_RULES_SIX_HAVES_EVIDENCE`.
 */
export const sixHavesEvidenceRules = loadRules(
  'six-haves-evidence',
  z.object({
    minSatisfactionRate: z.number().min(0).max(1),
    passingReviewOutcomes: z.array(z.string().min(1)).min(1),
  }),
  { minSatisfactionRate: 0.9, passingReviewOutcomes: ['优秀', '良好', '合格', '基本合格'] },
);

const sizeRow = z.object({
  /** The row holds memberships up to this many members; null: no upper bound. */
  upTo: z.number().int().positive().nullable(),
  min: z.number().int().positive(),
  max: z.number().int().positive(),
});

const committeeRulesSchema = z.object({ sizes: z.array(sizeRow).min(1), oddOnly: z.boolean() });
export type CommitteeRules = z.infer<typeof committeeRulesSchema>;

/** R18, Shenzhen's table: local practice, so `UNION_GRAPH_RULES_COMMITTEE_SIZE` may replace it. */
const SHENZHEN_SIZES: CommitteeRules = {
  oddOnly: true,
  sizes: [
    { upTo: 10, min: 1, max: 1 },
    { upTo: 25, min: 3, max: 3 },
    { upTo: 100, min: 3, max: 5 },
    { upTo: 200, min: 5, max: 7 },
    { upTo: 500, min: 7, max: 9 },
    { upTo: 1000, min: 9, max: 15 },
    { upTo: 5000, min: 15, max: 21 },
    { upTo: 10000, min: 21, max: 29 },
    { upTo: 50000, min: 29, max: 37 },
    { upTo: null, min: 37, max: 45 },
  ],
};

export function loadCommitteeRules(env: NodeJS.ProcessEnv = process.env): CommitteeRules {
  return loadRules('committee-size', committeeRulesSchema, SHENZHEN_SIZES, env);
}

export const committeeRules = loadCommitteeRules();

const structureRulesSchema = z.object({
  /** §17: a standing delegate contacts the members they represent at least this often. */
  delegateContactMonths: z.number().int().positive(),
  /** §17: an upper union's staff visit each liaison point at least this often. */
  liaisonVisitMonths: z.number().int().positive(),
  /** §18: a union that disclosed nothing within this many months is reported. */
  disclosureMonths: z.number().int().positive(),
});
export type StructureRules = z.infer<typeof structureRulesSchema>;

/** Intervals of the duties §17 and §18 name: local practice (a quarter, a year), `UNION_GRAPH_RULES_UNION_STRUCTURE`. */
export function loadStructureRules(env: NodeJS.ProcessEnv = process.env): StructureRules {
  return loadRules(
    'union-structure',
    structureRulesSchema,
    { delegateContactMonths: 3, liaisonVisitMonths: 3, disclosureMonths: 12 },
    env,
  );
}

export const structureRules = loadStructureRules();
