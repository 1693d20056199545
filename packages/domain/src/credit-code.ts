/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet (no I, O, Z, S, V); the last is a check character over the first 17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Registration authority code for trade unions (工会): union credit codes start with "81". */
export const UNION_CREDIT_PREFIX = '81';

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`invalid character ${first17[i]} in credit code`);
    sum += v * WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a credit code is invalid, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return 'must be 18 characters';
  if (![...code].every((c) => CREDIT_CODE_ALPHABET.includes(c))) {
    return 'may only contain digits and the letters A–H, J–N, P–R, T, U, W–Y';
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'has a wrong check character';
  return null;
}

/**
 * Builds a valid code: 2-character registration type (e.g. "91" enterprise, "81" union), a
 * 6-digit division code, and a 9-character organization code from `serial`.
 */
export function makeCreditCode(registrationType: string, divisionCode: string, serial: number): string {
  let body = '';
  let n = serial;
  for (let i = 0; i < 9; i++) {
    body = CREDIT_CODE_ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `${registrationType}${divisionCode}${body}`;
  return first17 + creditCodeCheckChar(first17);
}
