/** Who a caller is in the union system. Scope comes from `orgId`, not from the role alone. */
export const ROLES = ['NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST', 'MEMBER', 'SERVICE_CLIENT'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Roles that see every kind of personal data within their scope. What the others see, kind by kind,
 * is the subgraph kit's `mayReveal` (docs/personal-data.md): a member their own record, analysts
 * coarse categories only, a service client the kinds it is registered for.
 */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['NATIONAL_ADMIN', 'ORG_ADMIN'];
