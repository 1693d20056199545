import { checkSubgraph } from '../check';
import { composeFixture, ORGS_SDL } from './fixtures/harness';

// The fixture graph stands in for the real one: the check composes `orgs` against `people`.
jest.mock('../subgraphs', () => {
  const { PEOPLE_SDL } = jest.requireActual('./fixtures/harness');
  return {
    ...jest.requireActual('../subgraphs'),
    readSubgraphList: () => [
      { name: 'orgs', url: 'http://orgs/graphql', package: 'orgs' },
      { name: 'people', url: 'http://people/graphql', package: 'people' },
    ],
    subgraphSdl: (e: { name: string }) => (e.name === 'people' ? PEOPLE_SDL : ''),
  };
});

const current = composeFixture({ orgs: 'http://orgs/graphql', people: 'http://people/graphql' });

describe('npm run check', () => {
  it('passes an additive change', () => {
    const r = checkSubgraph(
      'orgs',
      ORGS_SDL.replace('province: String!', 'province: String!\n  code: String'),
      current,
    );
    expect(r).toEqual({ compositionErrors: [], uncacheable: [], breaking: [], dangerous: [] });
  });

  it('reports types and root fields that would make every query touching them uncacheable', () => {
    const candidate = ORGS_SDL.replace(' @cacheControl(maxAge: 60, scope: PRIVATE) {', ' {').replace(
      'motto: String @cacheControl(maxAge: 60, scope: PUBLIC)',
      'motto: String',
    );
    expect(checkSubgraph('orgs', candidate, current).uncacheable).toEqual([
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
    const types = checkSubgraph('orgs', candidate, current)
      .breaking.map((c) => c.type)
      .sort();
    expect(types).toEqual(['FIELD_CHANGED_KIND', 'FIELD_REMOVED', 'REQUIRED_ARG_ADDED']);
  });

  it('reports composition errors', () => {
    const r = checkSubgraph(
      'orgs',
      ORGS_SDL.replace('type Organization @key(fields: "id")', 'type Organization'),
      current,
    );
    expect(r.compositionErrors.length).toBeGreaterThan(0);
  });
});
