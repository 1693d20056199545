import { division } from './divisions';

/**
 * 工会组织类型: the kinds of organization in the union tree (organizations' `OrganizationType`),
 * named in Chinese and English, for the statistics every subgraph groups by (issue #19).
 */
export const UNION_TYPE_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  NATIONAL_FEDERATION: { zh: '中华全国总工会', en: 'All-China Federation of Trade Unions' },
  LOCAL_FEDERATION: { zh: '地方总工会', en: 'Local federation of trade unions' },
  INDUSTRIAL_UNION: { zh: '产业工会', en: 'Industrial union' },
  TOWNSHIP_FEDERATION: { zh: '乡镇（街道）总工会', en: 'Township (street) federation' },
  TOWNSHIP_WORK_COMMITTEE: { zh: '工会工作委员会', en: 'Union work committee' },
  DEV_ZONE_UNION: { zh: '开发区（工业园区）工会', en: 'Development zone (industrial park) union' },
  REGIONAL_FEDERATION: { zh: '区域基层工会联合会', en: 'Regional federation of basic-level unions' },
  SECTORAL_FEDERATION: { zh: '行业基层工会联合会', en: 'Sectoral federation of basic-level unions' },
  GRASSROOTS: { zh: '基层工会', en: 'Basic-level union' },
  JOINT_GRASSROOTS: { zh: '联合基层工会', en: 'Joint basic-level union' },
  VILLAGE_COMMUNITY: { zh: '村（社区）工会', en: 'Village (community) union' },
  BRANCH: { zh: '工会分会', en: 'Union branch' },
  GROUP: { zh: '工会小组', en: 'Union group' },
};

/** A union type's name in `language` (Chinese by default); null for a code not in the table. */
export function unionTypeName(code: string, language: 'zh' | 'en' = 'zh'): string | null {
  return UNION_TYPE_NAMES[code]?.[language] ?? null;
}

/**
 * The province, city and county a union's division code falls in, as statistics group regions: a
 * 9-digit township code counts in its county; a code above county level has no county.
 */
export function regionCodesOf(divisionCode: string): {
  province: string | null;
  city: string | null;
  county: string | null;
} {
  const d = division(divisionCode) ?? division(divisionCode.slice(0, 6));
  if (!d) return { province: null, city: null, county: null };
  return {
    province: d.provinceCode || null,
    city: d.cityCode ?? null,
    county: d.level === 'COUNTY' ? d.code : null,
  };
}
