import { regionCodesOf, townshipOf } from '@union-graph/domain';
import {
  type Dimension,
  dayNumber,
  type FactTable,
  type Language,
  type Measure,
  regionDimension,
  renderMessage,
  type StatisticsDeclaration,
} from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import { termEnd } from './domain/committees';
import { checkedThrough, type SixHavesCheck } from './domain/six-haves-checks';
import { GRASSROOTS_UNION_TYPES } from './domain/tree';
import {
  type AnnualReviewDoc,
  type CommitteeTermDoc,
  type CoverageDoc,
  type Models,
  type OrganizationDoc,
  type RegistryCountDoc,
  SIX_HAVES,
  type SixHavesAssessmentDoc,
} from './models';
import { sixHavesEvidenceRules } from './rules';

/**
 * Organizations' statistics, declared once (issue #19): active unions counted by region, type and
 * the state of their six haves, coverage, committee and annual review (docs/statistics.md). A
 * union is public registry data, so the count is never withheld; the members it sums are persons.
 */
export const ORGANIZATION_DIMENSIONS = [
  'PROVINCE',
  'CITY',
  'COUNTY',
  'TOWNSHIP',
  'ORGANIZATION_TYPE',
  'ASSESSMENT_YEAR',
  ...SIX_HAVES,
  'SIX_HAVES_COMPLIANCE',
  'SIX_HAVES_CHECK',
  'COVERAGE',
  'COMMITTEE_STATE',
  'REVIEW_STATE',
] as const;
export type OrganizationDimension = (typeof ORGANIZATION_DIMENSIONS)[number];
/** Per criterion: the share of the assessments whose mark on it the records contradict (R5). */
type CriterionDisagreement = `${(typeof SIX_HAVES)[number]}_DISAGREEMENT_RATE`;
export type OrganizationMeasure =
  | 'MEMBERS_SUM'
  | 'SIX_HAVES_RATE'
  | 'DISAGREEMENT_RATE'
  | CriterionDisagreement;

/** ASSESSMENT_YEAR's code for each union's latest assessment, whatever its year. */
export const LATEST_ASSESSMENT = 'LATEST';
/** The first year an assessment may be of (recordSixHavesAssessment refuses earlier ones). */
export const FIRST_ASSESSMENT_YEAR = 2000;

/** Six-haves criteria as DuckDB columns of an assessment and of its check. */
const column = (criterion: string) => criterion.toLowerCase();

/** Where a union's division lies, per level; a 9-digit code names its township or street itself. */
function regionsOf(o: Pick<OrganizationDoc, 'divisionCode' | 'level' | 'name'>) {
  const code = o.divisionCode;
  // A township federation registered under its county's code names its township (石牌街道总工会).
  return { ...regionCodesOf(code), township: code.length === 9 ? code : townshipOf(o) };
}

const label = (code: string, language: Language | undefined) =>
  renderMessage(`organizations.statistics.${code}`, {}, language ?? 'zh');

const states = (sql: string): Dimension => ({ sql, label });

/** Each latest-assessment criterion: MET, NOT_MET, or NOT_ASSESSED for a union never assessed. */
const criterion = (c: string): Dimension =>
  states(`CASE WHEN a.id IS NULL THEN 'NOT_ASSESSED' WHEN a.${column(c)} THEN 'MET' ELSE 'NOT_MET' END`);

const GRASSROOTS = GRASSROOTS_UNION_TYPES.map((t) => `'${t}'`).join(', ');

/**
 * R5's check of an assessment against the records (`sixHavesDisagreements`) changes with the
 * records, not only with the assessment: each collection whose changes change a union's evidence
 * has a table of its union's checks, re-read when its event names a document. Of a union's year
 * the newest check counts (`sequence`). Organization events are left out: of the union's own
 * fields the evidence reads only `reportedFemaleMembers`, and only while the registry has no count.
 */
const CHECK_COLUMNS = {
  organization_id: 'text',
  year: 'int',
  sequence: 'bigint',
  disagreeing: 'bool',
  ...Object.fromEntries(SIX_HAVES.map((c) => [column(c), 'bool' as const])),
} as const;

function checkTable<D extends { _id: string; organizationId?: string }>(
  name: string,
  eventType: string,
  // biome-ignore lint/suspicious/noExplicitAny: any of the subgraph's collections
  model: (models: Models) => Model<any>,
  unionOf: (doc: D) => string,
  atBuild = false,
): FactTable<Models> {
  return {
    name,
    eventType,
    source: (models) => checkedThrough(models, model(models), unionOf, atBuild),
    projection: { organizationId: 1 },
    columns: CHECK_COLUMNS,
    rows: (doc: { checks: SixHavesCheck[] }) =>
      doc.checks.map((c) => ({
        organization_id: c.organizationId,
        year: c.year,
        sequence: c.sequence,
        disagreeing: c.disagreeOn.length > 0,
        ...Object.fromEntries(SIX_HAVES.map((k) => [column(k), c.disagreeOn.includes(k)])),
      })),
  };
}

const byUnion = (d: { organizationId?: string }) => d.organizationId!;
const itself = (d: { _id: string }) => d._id;
const CHECK_TABLES = [
  // Built from every assessment at start; the others hold the checks made since.
  checkTable('checks', 'SixHavesAssessment', (m) => m.SixHavesAssessment, byUnion, true),
  checkTable('checks_terms', 'CommitteeTerm', (m) => m.CommitteeTerm, byUnion),
  checkTable('checks_reviews', 'AnnualReview', (m) => m.AnnualReview, byUnion),
  checkTable('checks_disclosures', 'UnionDisclosure', (m) => m.UnionDisclosure, byUnion),
  // Named by the union: the registry's counts (R14's women) and the sources' evidence, relayed.
  checkTable('checks_registry', 'RegistryCount', (m) => m.Organization, itself),
  checkTable('checks_evidence', 'SixHavesEvidence', (m) => m.Organization, itself),
];
const NEWEST_CHECKS = `(SELECT * FROM (${CHECK_TABLES.map((t) => `SELECT * FROM ${t.name}`).join(' UNION ALL ')})
      QUALIFY row_number() OVER (PARTITION BY organization_id, year ORDER BY sequence DESC) = 1)`;

/** Of the assessed grassroots unions (R5's denominator in sixHavesDisagreements), those meeting `sql`. */
const disagreementRate = (sql: string, code: OrganizationMeasure): Measure => ({
  kind: 'RATE',
  sql: `coalesce(${sql}, false)`,
  of: `a.id IS NOT NULL AND o.type IN (${GRASSROOTS})`,
  label: (l) => label(code, l),
});

export const organizationStatistics: StatisticsDeclaration<
  Models,
  OrganizationDimension,
  OrganizationMeasure
> = {
  tables: [
    {
      name: 'orgs',
      eventType: 'Organization',
      source: (models) => models.Organization,
      projection: { type: 1, level: 1, status: 1, path: 1, divisionCode: 1, name: 1 },
      columns: {
        type: 'text',
        status: 'text',
        path: 'text',
        province: 'text',
        city: 'text',
        county: 'text',
        township: 'text',
      },
      row: (o: OrganizationDoc) => ({
        type: o.type,
        status: o.status,
        path: `/${o.path.join('/')}/`,
        ...regionsOf(o),
      }),
    },
    {
      name: 'assessments',
      eventType: 'SixHavesAssessment',
      source: (models) => models.SixHavesAssessment,
      projection: { organizationId: 1, year: 1, items: 1, compliant: 1 },
      columns: {
        organization_id: 'text',
        year: 'int',
        compliant: 'bool',
        ...Object.fromEntries(SIX_HAVES.map((c) => [column(c), 'bool' as const])),
      },
      row: (a: SixHavesAssessmentDoc) => ({
        organization_id: a.organizationId,
        year: a.year,
        compliant: a.compliant,
        ...Object.fromEntries(
          SIX_HAVES.map((c) => [column(c), a.items.find((i) => i.criterion === c)?.met ?? false]),
        ),
      }),
    },
    {
      name: 'committees',
      eventType: 'CommitteeTerm',
      source: (models) => models.CommitteeTerm,
      projection: { organizationId: 1, type: 1, termStart: 1, termYears: 1 },
      columns: { organization_id: 'text', type: 'text', term_start: 'int', term_end: 'int' },
      row: (t: CommitteeTermDoc) => ({
        organization_id: t.organizationId,
        type: t.type,
        term_start: dayNumber(t.termStart),
        term_end: dayNumber(termEnd(t)),
      }),
    },
    {
      name: 'reviews',
      eventType: 'AnnualReview',
      source: (models) => models.AnnualReview,
      projection: { organizationId: 1, heldOn: 1, outcome: 1 },
      columns: { organization_id: 'text', held: 'int', passed: 'bool' },
      // R10: the outcomes counting as passed are the six haves' fourth (local practice, rules.ts).
      row: (r: AnnualReviewDoc) => ({
        organization_id: r.organizationId,
        held: dayNumber(r.heldOn),
        passed: sixHavesEvidenceRules.passingReviewOutcomes.includes(r.outcome),
      }),
    },
    {
      // A unit's coverage is announced by the unit's own event, so the unit keys its row.
      name: 'coverage',
      eventType: 'HostUnit',
      key: 'unitId',
      source: (models) => models.Coverage,
      projection: { organizationId: 1, own: 1 },
      columns: { organization_id: 'text', own: 'bool' },
      row: (c: CoverageDoc) => ({ organization_id: c.organizationId, own: c.own }),
    },
    ...CHECK_TABLES,
    {
      // R14: members' registry counts, relayed onto this stream once applied.
      name: 'registry',
      eventType: 'RegistryCount',
      source: (models) => models.RegistryCount,
      projection: { members: 1 },
      columns: { members: 'int' },
      row: (r: RegistryCountDoc) => ({ members: r.members }),
    },
  ],
  // Active unions, each with an assessment and its check, its latest review, its current union
  // committee (the latest term's start) and whether it covers its own unit or others jointly.
  // A union is one row per assessment year (y.year), with that year's assessment or none, so a
  // year's figures count every active union as sixHavesCompliance does; y.year null joins its
  // latest assessment instead. The breakdown always filters ASSESSMENT_YEAR (domain/breakdown.ts),
  // so no union counts twice unless years are grouped by.
  from: `(SELECT * FROM orgs WHERE status = 'ACTIVE') o
    CROSS JOIN (SELECT unnest(range(${FIRST_ASSESSMENT_YEAR}, {today} // 10000 + 1)) AS year
      UNION ALL SELECT NULL) y
    LEFT JOIN (SELECT *, row_number() OVER (PARTITION BY organization_id ORDER BY year DESC) = 1 AS latest
      FROM assessments) a ON a.organization_id = o.id AND (a.year = y.year OR (y.year IS NULL AND a.latest))
    LEFT JOIN ${NEWEST_CHECKS} d ON d.organization_id = a.organization_id AND d.year = a.year
    LEFT JOIN (SELECT organization_id, max_by(term_end, term_start) AS term_end FROM committees
      WHERE type = 'UNION_COMMITTEE' GROUP BY organization_id) c ON c.organization_id = o.id
    LEFT JOIN (SELECT organization_id, max_by(passed, held) AS passed FROM reviews
      GROUP BY organization_id) r ON r.organization_id = o.id
    LEFT JOIN (SELECT organization_id, bool_or(own) AS own FROM coverage
      GROUP BY organization_id) v ON v.organization_id = o.id
    LEFT JOIN registry n ON n.id = o.id`,
  path: 'o.path',
  counts: 'records',
  dimensions: {
    PROVINCE: regionDimension('o.province'),
    CITY: regionDimension('o.city'),
    COUNTY: regionDimension('o.county'),
    // Its own township, else the nearest township union above it.
    TOWNSHIP: regionDimension(`coalesce(o.township, (SELECT t.township FROM orgs t
      WHERE t.township IS NOT NULL AND contains(o.path, '/' || t.id || '/')
      ORDER BY length(t.path) DESC LIMIT 1))`),
    ORGANIZATION_TYPE: {
      sql: 'o.type',
      label: (code, language) => renderMessage(`organizations.type.${code}`, {}, language ?? 'zh'),
    },
    ASSESSMENT_YEAR: {
      sql: `coalesce(y.year::VARCHAR, '${LATEST_ASSESSMENT}')`,
      label: (code, language) =>
        code === LATEST_ASSESSMENT
          ? label(code, language)
          : renderMessage('organizations.statistics.year', { year: code }, language ?? 'zh'),
    },
    ...(Object.fromEntries(SIX_HAVES.map((c) => [c, criterion(c)])) as Record<
      (typeof SIX_HAVES)[number],
      Dimension
    >),
    SIX_HAVES_COMPLIANCE: states(
      `CASE WHEN a.id IS NULL THEN 'NOT_ASSESSED' WHEN a.compliant THEN 'COMPLIANT' ELSE 'NOT_COMPLIANT' END`,
    ),
    // R5 as sixHavesDisagreements checks it: the assessment's marks against the records.
    SIX_HAVES_CHECK: states(
      `CASE WHEN a.id IS NULL THEN 'NOT_ASSESSED' WHEN d.disagreeing THEN 'DISAGREES' WHEN NOT d.disagreeing THEN 'AGREES' END`,
    ),
    COVERAGE: states(`CASE WHEN v.own IS NULL THEN 'NO_UNIT' WHEN v.own THEN 'OWN_UNIT' ELSE 'JOINT' END`),
    // R18's terms, as committeeProblems reads them: expired on the day the term ends.
    COMMITTEE_STATE: states(
      `CASE WHEN c.term_end IS NULL THEN 'NO_COMMITTEE' WHEN c.term_end <= {today} THEN 'EXPIRED' ELSE 'IN_TERM' END`,
    ),
    REVIEW_STATE: states(
      `CASE WHEN r.passed IS NULL THEN 'NOT_REVIEWED' WHEN r.passed THEN 'PASSED' ELSE 'FAILED' END`,
    ),
  },
  measures: {
    MEMBERS_SUM: {
      kind: 'SUM',
      sql: 'n.members',
      persons: 'sum(n.members)',
      label: (l) => label('MEMBERS_SUM', l),
    },
    // R5 as sixHavesCompliance counts it: compliant over every active grassroots union.
    SIX_HAVES_RATE: {
      kind: 'RATE',
      sql: 'coalesce(a.compliant, false)',
      of: `o.type IN (${GRASSROOTS})`,
      label: (l) => label('SIX_HAVES_RATE', l),
    },
    // R5 as sixHavesDisagreements counts it: disagreeing over assessed grassroots unions, in all
    // and per criterion (its byCriterion: each rate's numerator).
    DISAGREEMENT_RATE: disagreementRate('d.disagreeing', 'DISAGREEMENT_RATE'),
    ...(Object.fromEntries(
      SIX_HAVES.map((c) => [
        `${c}_DISAGREEMENT_RATE`,
        disagreementRate(`d.${column(c)}`, `${c}_DISAGREEMENT_RATE`),
      ]),
    ) as Record<CriterionDisagreement, Measure>),
  },
};
