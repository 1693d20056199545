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
    expect(r).toEqual({ compositionErrors: [], breaking: [], dangerous: [] });
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
