/** An Organization as this subgraph receives it: a key, plus the figures `@requires` brings along. */
export interface OrgRepresentation {
  id: string;
  memberCount?: number | null;
  /** The host units the union covers (one, or up to 50 for a joint union), from the organizations subgraph. */
  hostUnits?: { employeeCount: number }[] | null;
}

export interface MemberRef {
  id: string;
}
