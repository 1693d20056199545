/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999): 6-digit division code, 8-digit
 * birth date, 3-digit sequence (odd for men, even for women), and a check character (ISO 7064 MOD 11-2).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type Gender = 'MALE' | 'FEMALE';

export interface ResidentIdInfo {
  divisionCode: string;
  birthDate: string;
  gender: Gender;
}

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Why a resident ID number is invalid, or null when it is valid. */
export function residentIdProblem(id: string, today = new Date()): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'must be 17 digits followed by a digit or X';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return 'contains an impossible birth date';
  }
  if (y < 1900 || birth > today) return 'contains a birth date out of range';
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return 'has a wrong check character';
  return null;
}

export function parseResidentId(id: string): ResidentIdInfo {
  const problem = residentIdProblem(id);
  if (problem) throw new RangeError(`resident ID number ${problem}`);
  return {
    divisionCode: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
  };
}

/** Builds a valid number (seed data, tests). `sequence` is 0–999; its parity sets the gender. */
export function makeResidentId(divisionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${divisionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}
