import { join } from 'node:path';
import { readOwnSdl } from '@union-graph/subgraph-kit';
import { composeSupergraph, REPO_ROOT, readSubgraphList } from '@union-graph/supergraph';
import { checkProvincialSchema } from '../check';
import { provincialInfo } from '../registry';

// The tools speak the terminal's language; these tests read their English (see messages.test.ts).
const lang = process.env.LANG;
beforeAll(() => {
  process.env.LANG = 'en_US.UTF-8';
});
afterAll(() => {
  if (lang === undefined) delete process.env.LANG;
  else process.env.LANG = lang;
});

const coreSupergraphSdl = composeSupergraph(readSubgraphList().filter((e) => !provincialInfo(e.package)));
const check = (sdl: string) =>
  checkProvincialSchema(sdl, { namespace: 'Gd', coreSupergraphSdl }).map((v) => v.coordinate);
const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])';

describe('checkProvincialSchema', () => {
  it('accepts the Guangdong example', () => {
    expect(check(readOwnSdl(join(REPO_ROOT, 'services/guangdong')))).toEqual([]);
  });

  it('names every own type and root field that lacks the namespace', () => {
    const sdl = `${LINK}
      type Honor { id: ID! }
      enum GdKind { A }
      type Query { honors: [Honor!]! gdKinds: [GdKind!]! gdx: Int }
      type Mutation { conferHonor: Honor }`;
    const violations = checkProvincialSchema(sdl, { namespace: 'Gd', coreSupergraphSdl });
    expect(violations.map((v) => v.coordinate)).toEqual([
      'Honor',
      'Query.honors',
      'Query.gdx',
      'Mutation.conferHonor',
    ]);
    expect(violations[0]!.message).toBe(
      'type Honor must start with "Gd" (e.g. GdHonor) so provinces cannot collide',
    );
  });

  it('lets core entities be extended only by key, with new nullable namespaced fields', () => {
    const sdl = `${LINK}
      type Organization @key(fields: "id") {
        id: ID!
        name: String
        honors: [String!]
        gdCount: Int!
        gdOk: Int
        gdTaken: String @override(from: "organizations")
      }
      type Member { id: ID! gdCard: String }
      type Cadre @key(fields: "id") { id: ID! gdNote: String }
      enum OrgType { GRASSROOTS }
      type Query { gdPing: Int }`;
    const violations = checkProvincialSchema(sdl, { namespace: 'Gd', coreSupergraphSdl });
    expect(Object.fromEntries(violations.map((v) => [v.coordinate, v.message]))).toEqual({
      'Organization.name':
        'Organization.name is a core field: a provincial subgraph may add fields to Organization, never redefine one',
      'Organization.honors':
        'Organization.honors must start with "gd" (e.g. gdHonors) so provinces cannot collide',
      'Organization.gdCount':
        'Organization.gdCount must be nullable (Int, not Int!): when this subgraph is down the field becomes null instead of the whole Organization',
      'Organization.gdTaken':
        'Organization.gdTaken uses @override: a provincial subgraph owns only its own fields',
      Member: 'Member is a core entity: declare it with @key(fields: "id")',
      Cadre: 'Cadre is a core type: a provincial subgraph may extend only Organization and Member, by key',
      OrgType:
        'OrgType is a core type: a provincial subgraph may extend only Organization and Member, by key',
    });
  });

  it('refuses a key the core does not have and a redefinition of the kit’s shared types', () => {
    const sdl = `${LINK}
      type Organization @key(fields: "divisionCode") { divisionCode: String! gdX: Int }
      type PageInfo { hasNextPage: Boolean! }`;
    expect(check(sdl)).toEqual(['Organization', 'PageInfo']);
  });

  it('refuses a person-holding type with a field that declares no personal-data kind', () => {
    const sdl = `${LINK}
      type Member @key(fields: "id") { id: ID! gdPhone: String gdNote: String @personal(kind: NONE) }
      type GdVisit @key(fields: "id") {
        id: ID!
        memberId: ID! @personal(kind: NONE)
        address: String
        name: String! @personal(kind: NAME)
      }
      type GdStat { count: Int! }
      type Query { gdVisits: [GdVisit!]! }`;
    const violations = checkProvincialSchema(sdl, { namespace: 'Gd', coreSupergraphSdl });
    expect(Object.fromEntries(violations.map((v) => [v.coordinate, v.message]))).toEqual({
      'Member.gdPhone':
        'Member.gdPhone is a field of a person-holding type: declare what it holds with @personal(kind: …), NONE if nothing personal',
      'GdVisit.address':
        'GdVisit.address is a field of a person-holding type: declare what it holds with @personal(kind: …), NONE if nothing personal',
      'GdVisit.name':
        'GdVisit.name holds personal data (NAME) and must be nullable: the kit nulls it for callers who may not see it',
    });
  });

  it('reports a schema that does not parse', () => {
    expect(check('type {')).toEqual(['schema.graphql']);
  });
});
