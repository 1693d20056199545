/**
 * The operations the scenarios send. The graph grows while the benchmark stays the same, so a
 * part of a query that the supergraph does not have yet is left out and reported, not guessed.
 */

export const ORG_ONE = `query OrgOne($id: ID!) {
  organization(id: $id) { id name type level status divisionCode province city county }
}`;

/** Per concern, the selections tried in order; the first the graph accepts is used. */
export const ORG_EXTRAS: Record<string, string[]> = {
  memberCount: ['memberCount'],
  chair: ['chair { id name }', 'chair { id }'],
  fundBalance: ['fundAccount { balance }', 'fundBalance'],
  workersHome: ['workersHome { titleStage }', 'workersHome { title }', 'workersHome { id }'],
};

export function orgCard(extras: string[]): string {
  return `query OrgCard($id: ID!) {
  organization(id: $id) { id name province county ${extras.join(' ')} }
}`;
}

export function orgPage(extras: string[]): string {
  return `query OrgPage($first: Int!) {
  organizations(first: $first) { nodes { id name ${extras.join(' ')} } }
}`;
}

/** Ad-hoc aggregate questions an analyst asks; those the graph cannot answer yet are skipped. */
export const ANALYST_QUERIES: Record<string, string> = {
  'grassroots unions per province': `{
  organizations(first: 50, filter: { level: PROVINCE }) { nodes { name } totalCount }
  grassroots: organizations(first: 1, filter: { type: GRASSROOTS }) { totalCount }
}`,
  'members of the largest unions': `{
  organizations(first: 200, filter: { type: GRASSROOTS }) { nodes { name memberCount } }
}`,
  'unions in one province by name': `{
  organizations(first: 100, filter: { divisionCode: "11", nameContains: "公司" }) { totalCount nodes { name county } }
}`,
  'coverage report': `{ coverageReport { hostUnits coveredUnits uncoveredUnits coverageRate } }`,
  'overdue chair training': `{ overdueTraining(first: 100) { totalCount } }`,
  'fund receipts by province': `{ fundReceiptSummary { totalReceived } }`,
  "Workers' Homes by title stage": `{ workersHomeStats { stage count } }`,
};

export function body(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

export interface GraphQLAnswer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function post(
  url: string,
  payload: string,
  headers: Record<string, string>,
): Promise<{ ms: number; answer: GraphQLAnswer }> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  });
  const answer = (await res.json()) as GraphQLAnswer;
  return { ms: performance.now() - started, answer };
}

export function isSchemaMiss(answer: GraphQLAnswer): boolean {
  return !!answer.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
}
