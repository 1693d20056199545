import {
  industryDivision,
  industrySection,
  regionCodesOf,
  townshipLabel,
  townshipOf,
} from '@union-graph/domain';
import {
  type Dimension,
  type Language,
  type OrgRef,
  orgDirectoryModel,
  regionDimension,
  type StatisticsDeclaration,
} from '@union-graph/subgraph-kit';
import { R16_INACTIVE_MONTHS } from './domain/dues';
import {
  DUES_LABELS,
  EDUCATION_LABELS,
  LABELS,
  labelOf,
  ORG_TYPE_LABELS,
  OWNERSHIP_LABELS,
  SIZE_LABELS,
} from './domain/statistics';
import type { DuesPaymentDoc, MemberDoc, Models } from './models';

/**
 * Members' statistics, declared once (issue #19): the kit copies members and the org directory
 * into the subgraph's DuckDB and answers `memberBreakdown` from it (docs/statistics.md).
 */
export const MEMBER_DIMENSIONS = [
  'PROVINCE',
  'CITY',
  'COUNTY',
  'ORGANIZATION_TYPE',
  'GENDER',
  'AGE_BAND',
  'MIGRANT_WORKER',
  'STATUS',
  'JOIN_YEAR',
  'JOIN_MONTH',
  'TOWNSHIP',
  'INDUSTRY_SECTION',
  'INDUSTRY_DIVISION',
  'OWNERSHIP',
  'UNIT_SIZE',
  'DUES_STATUS',
  'EDUCATION',
] as const;
export type MemberDimension = (typeof MEMBER_DIMENSIONS)[number];

/**
 * No dimension of the schema: the path of the member's union, which disclosure control over the
 * union tree groups by (domain/tree-disclosure.ts). An id says nothing to an analyst, who never
 * reads a table grouped by it.
 */
export const UNION_PATH = 'UNION_PATH';

/** A date as the integer yyyymmdd of its UTC day (birth dates are stored at UTC midnight). */
function ymd(d: Date | null | undefined): number | null {
  return d ? d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate() : null;
}

const unknown = (language: Language | undefined) => labelOf(LABELS, 'unknown', language);

const region = (column: string) => regionDimension(`o.${column}`);

const labelled = (sql: string, labels: typeof LABELS): Dimension => ({
  sql,
  label: (code, language: Language | undefined) => labelOf(labels, code, language),
});

/** The code itself (a year, a month): the same in every language. */
const asIs = (sql: string): Dimension => ({ sql, label: (code) => code });

export const memberStatistics: StatisticsDeclaration<Models, MemberDimension | typeof UNION_PATH> = {
  tables: [
    {
      name: 'members',
      eventType: 'Member',
      source: (models) => models.Member,
      projection: {
        gender: 1,
        birthDate: 1,
        migrantWorker: 1,
        status: 1,
        organizationId: 1,
        joinedAt: 1,
        lastDuesPaidAt: 1,
        duesExemptionReason: 1,
        education: 1,
      },
      columns: {
        organization_id: 'text',
        gender: 'text',
        birth: 'int',
        migrant_worker: 'bool',
        status: 'text',
        joined: 'int',
        last_dues: 'int',
        dues_exempt: 'bool',
        education: 'text',
      },
      row: (m: MemberDoc) => ({
        organization_id: m.organizationId,
        gender: m.gender,
        birth: ymd(m.birthDate),
        migrant_worker: m.migrantWorker ?? false,
        status: m.status,
        joined: ymd(m.joinedAt),
        last_dues: ymd(m.lastDuesPaidAt),
        dues_exempt: m.duesExemptionReason != null,
        education: m.education ?? null,
      }),
    },
    {
      // Payments funds announced (relayed onto this stream once applied): a payment shows in
      // DUES_STATUS as soon as it is applied, though it does not change the member's record event.
      name: 'dues',
      eventType: 'DuesPayment',
      source: (models) => models.DuesPayment,
      projection: { memberId: 1, paidAt: 1 },
      columns: { member_id: 'text', paid: 'int' },
      row: (d: DuesPaymentDoc) => ({ member_id: d.memberId, paid: ymd(d.paidAt) }),
    },
    {
      name: 'orgs',
      eventType: 'Organization',
      source: (models) => orgDirectoryModel(models.Member.db),
      projection: {
        type: 1,
        path: 1,
        divisionCode: 1,
        name: 1,
        level: 1,
        industry: 1,
        ownership: 1,
        sizeBand: 1,
      },
      columns: {
        type: 'text',
        path: 'text',
        province: 'text',
        city: 'text',
        county: 'text',
        township: 'text',
        industry: 'text',
        section: 'text',
        ownership: 'text',
        size_band: 'text',
      },
      row: (o: OrgRef) => ({
        type: o.type,
        path: `/${o.path.join('/')}/`,
        ...regionCodesOf(o.divisionCode),
        township: townshipOf(o),
        industry: o.industry ?? null,
        section: (o.industry && industryDivision(o.industry)?.section) || null,
        ownership: o.ownership ?? null,
        size_band: o.sizeBand ?? null,
      }),
    },
  ],
  from: 'members m LEFT JOIN orgs o ON o.id = m.organization_id',
  path: 'o.path',
  dimensions: {
    PROVINCE: region('province'),
    CITY: region('city'),
    COUNTY: region('county'),
    ORGANIZATION_TYPE: labelled('o.type', ORG_TYPE_LABELS),
    GENDER: labelled('m.gender', LABELS),
    // Whole years of age on today's date in China.
    AGE_BAND: labelled(
      `CASE WHEN m.birth IS NULL THEN NULL
        WHEN ({today} - m.birth) // 10000 < 25 THEN 'UNDER_25'
        WHEN ({today} - m.birth) // 10000 < 35 THEN 'FROM_25_TO_34'
        WHEN ({today} - m.birth) // 10000 < 45 THEN 'FROM_35_TO_44'
        WHEN ({today} - m.birth) // 10000 < 55 THEN 'FROM_45_TO_54'
        ELSE 'FROM_55' END`,
      LABELS,
    ),
    MIGRANT_WORKER: labelled('m.migrant_worker::VARCHAR', LABELS),
    STATUS: labelled('m.status', LABELS),
    JOIN_YEAR: asIs('(m.joined // 10000)::VARCHAR'),
    JOIN_MONTH: asIs(`format('{:04d}-{:02d}', m.joined // 10000, m.joined // 100 % 100)`),
    // The nearest township-level union above the member's (or theirs itself), by equal ids only.
    TOWNSHIP: {
      sql: `(SELECT max(t.township) FROM orgs t
        WHERE t.township IS NOT NULL AND t.id IN (SELECT unnest(string_split(o.path, '/'))))`,
      label: (code, language) => townshipLabel(code) ?? unknown(language),
    },
    // Issue #19: a member's industry, ownership and unit size are their union's host unit's
    // (a joint union's where all its units share it; docs/statistics.md).
    INDUSTRY_SECTION: {
      sql: 'o.section',
      label: (code, language) => industrySection(code)?.name ?? unknown(language),
    },
    INDUSTRY_DIVISION: {
      sql: 'o.industry',
      label: (code, language) => industryDivision(code)?.name ?? unknown(language),
    },
    OWNERSHIP: labelled('o.ownership', OWNERSHIP_LABELS),
    UNIT_SIZE: labelled('o.size_band', SIZE_LABELS),
    // R16: in arrears when no dues were paid in the last six months by a member who joined before
    // them; retirees keeping membership, and members with a recorded reason, are exempt.
    DUES_STATUS: labelled(
      `CASE WHEN m.status IN ('WITHDRAWN', 'AUTO_WITHDRAWN') THEN 'NOT_APPLICABLE'
        WHEN m.status = 'RETIRED_RETAINED' OR m.dues_exempt THEN 'EXEMPT'
        WHEN greatest(m.joined, coalesce(m.last_dues, 0),
          coalesce((SELECT max(d.paid) FROM dues d WHERE d.member_id = m.id), 0))
          >= strftime(strptime('{today}', '%Y%m%d') - INTERVAL ${R16_INACTIVE_MONTHS} MONTH, '%Y%m%d')::INTEGER
        THEN 'PAID_UP' ELSE 'IN_ARREARS' END`,
      DUES_LABELS,
    ),
    EDUCATION: labelled('m.education', EDUCATION_LABELS),
    [UNION_PATH]: asIs('o.path'),
  },
};
