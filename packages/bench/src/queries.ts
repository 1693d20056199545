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
  chair: ['chair { id termStart }', 'chair { id }'],
  fundBalance: ['fundAccount { balance }'],
  workersHome: ['workersHome { name modelTitles { level } }', 'workersHome { id }'],
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

/**
 * Ad-hoc aggregate questions an analyst asks, nationwide (`$root` is the national federation);
 * those the graph cannot answer yet are skipped.
 */
export const ANALYST_QUERIES: Record<string, string> = {
  'unions by type': '{ organizationCounts(by: TYPE) { key count } }',
  'members by gender': '{ memberStatistics(by: GENDER) { total groups { key count } } }',
  'coverage by province (R1, R2)':
    '{ coverageByRegion(by: PROVINCE) { name units coveredUnits unitRate unitsNeedingOwnUnion smallUnitsUncovered } }',
  'chair training by province (R6)':
    'query($root: ID!) { chairTrainingByRegion(organizationId: $root, level: PROVINCE) { name chairs overdue overdueRate } }',
  'expired committee terms (R15)':
    '{ committeeChecks(problem: TERM_EXPIRED, first: 20) { totalCount nodes { organization { name } problems } } }',
  'members of 200 unions':
    '{ organizations(first: 200, filter: { type: GRASSROOTS }) { nodes { name memberCount } } }',
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
