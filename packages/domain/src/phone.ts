/** Mainland mobile numbers (11 digits, 1[3-9]…), the form member records keep. */
export function mobileProblem(phone: string): string | null {
  return /^1[3-9]\d{9}$/.test(phone) ? null : 'must be an 11-digit mainland mobile number starting 13–19';
}

/** `138****5678`: the carrier prefix and the last four stay. */
export function maskMobile(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '*'.repeat(phone.length);
}
