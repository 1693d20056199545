/** Who a caller is in the union system. Scope comes from `orgId`, not from the role alone. */
export const ROLES = ['NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST', 'MEMBER', 'SERVICE_CLIENT'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that may see personal data (full ID and phone numbers) within their scope. */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['NATIONAL_ADMIN', 'ORG_ADMIN'];
