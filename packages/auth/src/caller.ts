import type { Role } from './roles';

/**
 * The verified caller as every subgraph sees it. `orgId` is the root of the subtree the caller acts
 * for; `null` means the whole tree (national staff).
 */
export interface Caller {
  id: string;
  roles: Role[];
  orgId: string | null;
  /** Set for MEMBER callers: the member record they may read. */
  memberId?: string;
  /** The frontend or tool the request came from (JWT `client` claim). */
  client?: string;
  /** The language answers are worded in (from `Accept-Language`); Chinese when absent. */
  language?: Language;
}

/** Users read Simplified Chinese; English on request. */
export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return caller.roles.some((r) => roles.includes(r));
}
