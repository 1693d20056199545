/** An Organization as this subgraph receives it: a key, plus the figures `@requires` brings along. */
export interface OrgRepresentation {
  id: string;
  memberCount?: number | null;
  employeeCount?: number | null;
}

export interface MemberRef {
  id: string;
}
