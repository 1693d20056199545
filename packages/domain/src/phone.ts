/** Mainland mobile numbers (11 digits, 1[3-9]…), the form member records keep. */
export function mobileProblem(phone: string): string | null {
  return /^1[3-9]\d{9}$/.test(phone) ? null : 'must be an 11-digit mainland mobile number starting 13–19';
}
