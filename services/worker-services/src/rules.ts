import { loadRules, z } from '@union-graph/subgraph-kit';

/**
 * Local practice (domain.md R8, R19, R20, congress rules, §12 sectoral bargaining and §13 centers), overridable per deployment with
 * `UNION_GRAPH_RULES_<NAME>` JSON. Read once at start-up, so a bad override fails fast.
 */

/** R19 (Henan practice): model Workers' Home eligibility. */
export const modelHomeRules = loadRules(
  'model_home',
  z.object({
    minJoiningRate: z.number().min(0).max(1),
    minSatisfactionRate: z.number().min(0).max(1),
    requireLowerTitle: z.boolean(),
    /** How long an eligibility certificate stays valid: figures change, applications must be fresh. */
    certificateTtlMinutes: z.number().int().positive(),
  }),
  { minJoiningRate: 0.9, minSatisfactionRate: 0.9, requireLowerTitle: true, certificateTtlMinutes: 30 },
);

/** R20: renewal window before expiry and the filing deadline after signing. */
export const contractRules = loadRules(
  'collective_contract',
  z.object({
    renewalWindowDays: z.number().int().min(1).max(365),
    fileWithinDays: z.number().int().min(1).max(365),
  }),
  { renewalWindowDays: 60, fileWithinDays: 7 },
);

/** R8: "at once" made measurable — a report later than this after the dispute occurred is flagged. */
export const disputeRules = loadRules(
  'collective_dispute',
  z.object({ lateAfterHours: z.number().positive() }),
  { lateAfterHours: 24 },
);

/** Workers' congress: delegate minimum, front-line share and quorum. */
export const congressRules = loadRules(
  'workers_congress',
  z.object({
    minDelegates: z.number().int().min(1),
    minFrontLineShare: z.number().min(0).max(1),
    quorumShare: z.number().min(0).max(1),
  }),
  { minDelegates: 30, minFrontLineShare: 0.5, quorumShare: 2 / 3 },
);

/**
 * §13: which unions run assistance service centers — federations, county level and above typically,
 * and the township or park general unions that act as local unions (§5). Grassroots unions refer
 * their members' cases to these centers instead of running one.
 */
export const assistanceCenterRules = loadRules(
  'assistance_center',
  z.object({ unionTypes: z.array(z.string()).min(1) }),
  {
    unionTypes: [
      'NATIONAL_FEDERATION',
      'LOCAL_FEDERATION',
      'INDUSTRIAL_UNION',
      'TOWNSHIP_FEDERATION',
      'DEV_ZONE_UNION',
    ],
  },
);

/**
 * §12: which unions negotiate sectoral (行业性) and regional (区域性) collective contracts for the
 * units of their area — the township/street and development-zone federations (§5), the regional and
 * sectoral federations below county level (§6) and industrial unions. A grassroots union bargains
 * for its own unit only.
 */
export const sectoralBargainingRules = loadRules(
  'sectoral_bargaining',
  z.object({ unionTypes: z.array(z.string()).min(1) }),
  {
    unionTypes: [
      'TOWNSHIP_FEDERATION',
      'DEV_ZONE_UNION',
      'REGIONAL_FEDERATION',
      'SECTORAL_FEDERATION',
      'INDUSTRIAL_UNION',
    ],
  },
);
