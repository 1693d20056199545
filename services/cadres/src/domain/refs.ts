/** Entity references other subgraphs own; this subgraph adds fields to them by id. */
export interface OrgKey {
  id: string;
}

export interface MemberKey {
  id: string;
}

/** Every record here is scoped by the union it belongs to (Scope.visible and requireVisible). */
export const orgIdOf = (doc: { organizationId: string }): string => doc.organizationId;
