import { placeNames } from '@union-graph/domain';
import type { RegionLevel } from '../__generated__/resolvers-types';

/** The division a union's code falls in at `level`, e.g. its county or its province. */
export function regionCode(code: string, level: RegionLevel): string {
  if (level === 'PROVINCE') return `${code.slice(0, 2)}0000`;
  if (level === 'CITY') return `${code.slice(0, 4)}00`;
  return code;
}

/** The place name of a division at `level`, from `@union-graph/domain`'s tables. */
export function regionName(code: string, level: RegionLevel): string | null {
  const names = placeNames(code);
  return level === 'PROVINCE' ? names.province : level === 'CITY' ? names.city : names.county;
}
