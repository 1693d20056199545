import { division } from '@union-graph/domain';
import {
  type Dimension,
  type Language,
  type OrgRef,
  orgDirectoryModel,
  type StatisticsDeclaration,
} from '@union-graph/subgraph-kit';
import { LABELS, labelOf, ORG_TYPE_LABELS } from './domain/statistics';
import type { MemberDoc, Models } from './models';

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
] as const;
export type MemberDimension = (typeof MEMBER_DIMENSIONS)[number];

/** A date as the integer yyyymmdd of its UTC day (birth dates are stored at UTC midnight). */
function ymd(d: Date | null | undefined): number | null {
  return d ? d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate() : null;
}

/** The region codes of a union's division; a 9-digit township code falls in its county. */
export function regionsOf(divisionCode: string): {
  province: string | null;
  city: string | null;
  county: string | null;
} {
  const d = division(divisionCode) ?? division(divisionCode.slice(0, 6));
  return {
    province: d?.provinceCode || null,
    city: d?.cityCode ?? null,
    county: d?.level === 'COUNTY' ? d.code : null,
  };
}

const region = (column: string): Dimension => ({
  sql: `o.${column}`,
  label: (code, language) => division(code)?.name ?? labelOf(LABELS, 'unknown', language),
});

const labelled = (sql: string, labels: typeof LABELS): Dimension => ({
  sql,
  label: (code, language: Language | undefined) => labelOf(labels, code, language),
});

/** The code itself (a year, a month): the same in every language. */
const asIs = (sql: string): Dimension => ({ sql, label: (code) => code });

export const memberStatistics: StatisticsDeclaration<Models, MemberDimension> = {
  tables: [
    {
      name: 'members',
      eventType: 'Member',
      source: (models) => models.Member,
      projection: { gender: 1, birthDate: 1, migrantWorker: 1, status: 1, organizationId: 1, joinedAt: 1 },
      columns: {
        organization_id: 'text',
        gender: 'text',
        birth: 'int',
        migrant_worker: 'bool',
        status: 'text',
        joined: 'int',
      },
      row: (m: MemberDoc) => ({
        organization_id: m.organizationId,
        gender: m.gender,
        birth: ymd(m.birthDate),
        migrant_worker: m.migrantWorker ?? false,
        status: m.status,
        joined: ymd(m.joinedAt),
      }),
    },
    {
      name: 'orgs',
      eventType: 'Organization',
      source: (models) => orgDirectoryModel(models.Member.db),
      projection: { type: 1, path: 1, divisionCode: 1 },
      columns: { type: 'text', path: 'text', province: 'text', city: 'text', county: 'text' },
      row: (o: OrgRef) => ({ type: o.type, path: `/${o.path.join('/')}/`, ...regionsOf(o.divisionCode) }),
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
  },
};
