/** Entity references other subgraphs own; this subgraph adds fields to them by id. */
export interface OrgKey {
  id: string;
}

export interface MemberKey {
  id: string;
}
