import { checkSubgraph } from '../check';
import { composeSupergraph } from '../compose';
import type { SubgraphEntry } from '../subgraphs';

// A two-subgraph graph stands in for the real one: the check composes `orgs` against `people`.
const CACHE_CONTROL = `
enum CacheControlScope { PUBLIC PRIVATE }
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`;
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

const ORGS_SDL = `${LINK}
${CACHE_CONTROL}
type Organization @key(fields: "id") @cacheControl(maxAge: 60, scope: PRIVATE) {
  id: ID!
  name: String!
  province: String!
  parent: Organization
}
type Query {
  organization(id: ID!): Organization
  organizations(first: Int): [Organization!]! @cacheControl(maxAge: 60, scope: PRIVATE)
  motto: String @cacheControl(maxAge: 60, scope: PUBLIC)
}`;

const PEOPLE_SDL = `${LINK}
${CACHE_CONTROL}
type Person @key(fields: "id") @cacheControl(maxAge: 30, scope: PRIVATE) {
  id: ID!
  name: String!
  organization: Organization!
}
type Organization @key(fields: "id", resolvable: false) {
  id: ID!
}
type Query {
  person(id: ID!): Person
}`;

const entries: SubgraphEntry[] = [
  { name: 'orgs', url: 'http://orgs/graphql', package: 'orgs' },
  { name: 'people', url: 'http://people/graphql', package: 'people' },
];
const sdlOf = (e: SubgraphEntry) => (e.name === 'people' ? PEOPLE_SDL : ORGS_SDL);
const current = composeSupergraph(entries, sdlOf);
const check = (candidate: string) => checkSubgraph('orgs', candidate, { current, entries, sdlOf });

describe('npm run check', () => {
  it('passes an additive change', () => {
    const r = check(ORGS_SDL.replace('province: String!', 'province: String!\n  code: String'));
    expect(r).toEqual({ compositionErrors: [], uncacheable: [], breaking: [], dangerous: [] });
  });

  it('reports types and root fields that would make every query touching them uncacheable', () => {
    const candidate = ORGS_SDL.replace(' @cacheControl(maxAge: 60, scope: PRIVATE) {', ' {').replace(
      'motto: String @cacheControl(maxAge: 60, scope: PUBLIC)',
      'motto: String',
    );
    expect(check(candidate).uncacheable).toEqual([
      'Organization: no @cacheControl hint (give maxAge, or inheritMaxAge: true)',
      'Organization: an entity (fetched by _entities, a root field) needs its own maxAge',
      'Query.organization: a root field needs a maxAge on itself or on the type it returns',
      'Query.motto: a root field needs a maxAge on itself or on the type it returns',
    ]);
  });

  it('reports removed and retyped fields and new required arguments', () => {
    const candidate = ORGS_SDL.replace('  province: String!\n', '')
      .replace('name: String!', 'name: Int!')
      .replace('organizations(first: Int)', 'organizations(first: Int, level: String!)');
    const types = check(candidate)
      .breaking.map((c) => c.type)
      .sort();
    expect(types).toEqual(['FIELD_CHANGED_KIND', 'FIELD_REMOVED', 'REQUIRED_ARG_ADDED']);
  });

  it('reports composition errors', () => {
    const r = check(ORGS_SDL.replace('type Organization @key(fields: "id")', 'type Organization'));
    expect(r.compositionErrors.length).toBeGreaterThan(0);
  });

  it('adds a subgraph that is not registered yet', () => {
    const candidate = `${LINK}
${CACHE_CONTROL}
type Query { honors: [String!]! @cacheControl(maxAge: 60) }`;
    const r = checkSubgraph('honors', candidate, { current, entries, sdlOf });
    expect(r).toEqual({ compositionErrors: [], uncacheable: [], breaking: [], dangerous: [] });
  });
});
