import { loadRules, z } from '@union-graph/subgraph-kit';

const LEVELS = ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'GRASSROOTS'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Local practice for union funds, overridable with `UNION_GRAPH_RULES_FUNDS` (JSON). Rates are in
 * basis points (1% = 100). `allocationShares` are the weights by which a payroll-allocation
 * receipt is split between levels (the receiving union keeps its own level's weight and those of
 * the levels below it; a missing level's weight goes to the nearest level above that exists).
 */
const fundRulesSchema = z.object({
  payrollRateBp: z.number().int().positive(),
  duesRateBp: z.number().int().positive(),
  allocationShares: z.partialRecord(z.enum(LEVELS), z.number().int().nonnegative()),
  nationalEarmarkMinBp: z.number().int().min(0).max(10_000),
  auditTermYears: z.number().int().min(1).max(10),
});

export type FundRules = z.infer<typeof fundRulesSchema>;

export const DEFAULT_FUND_RULES: FundRules = {
  payrollRateBp: 200,
  duesRateBp: 50,
  // A common split: 60% stays with the grassroots union, 40% goes up (5% of it to the ACFTU).
  allocationShares: { GRASSROOTS: 60, TOWNSHIP: 0, COUNTY: 20, CITY: 10, PROVINCE: 5, NATIONAL: 5 },
  nationalEarmarkMinBp: 1000,
  auditTermYears: 5,
};

export function fundRules(env: NodeJS.ProcessEnv = process.env): FundRules {
  return loadRules('funds', fundRulesSchema, DEFAULT_FUND_RULES, env);
}

let current: FundRules | undefined;

/** The deployment's rules, read from the environment once. */
export function rules(): FundRules {
  current ??= fundRules();
  return current;
}

export { LEVELS };
