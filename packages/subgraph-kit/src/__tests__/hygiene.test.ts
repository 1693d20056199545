import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { setClock } from '../calendar';
import { applyInputHygiene } from '../hygiene';
import { scalarResolvers } from '../scalars';
import { COMMON_TYPE_DEFS } from '../server';

const typeDefs = parse(`${COMMON_TYPE_DEFS}
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
  input UnionInput {
    name: String!
    note: String
    code: String @text(max: 8)
    establishedAt: Date @dateRange(notBefore: "1925-05-01", notAfter: "today")
    tags: [String!]
  }
  type Query { ping: String }
  type Mutation {
    createUnion(input: UnionInput!): String
    rename(name: String!): String
    remark(text: String! @text(max: 5000)): String
  }
`);
const schema = applyInputHygiene(
  buildSubgraphSchema({
    typeDefs,
    resolvers: {
      ...scalarResolvers,
      Mutation: {
        createUnion: (_: unknown, { input }: { input: Record<string, unknown> }) => JSON.stringify(input),
        rename: (_: unknown, { name }: { name: string }) => name,
        remark: (_: unknown, { text }: { text: string }) => String(text.length),
      },
    } as never,
  }),
);

async function run(source: string, variables: Record<string, unknown>) {
  const r = await graphql({ schema, source, variableValues: variables });
  return {
    data: r.data,
    error: r.errors?.[0] && { message: r.errors[0].message, ...r.errors[0].extensions },
  };
}
const CREATE = 'mutation($input: UnionInput!) { createUnion(input: $input) }';
const create = (input: Record<string, unknown>) => run(CREATE, { input: { name: '甲公司工会', ...input } });

afterEach(() => setClock(null));

describe('input hygiene', () => {
  it('normalizes text to NFC before the resolver sees it', async () => {
    const decomposed = 'Cafe\u0301工会';
    const r = await create({ name: decomposed });
    expect(JSON.parse(r.data?.createUnion as string).name).toBe('Café工会');
  });

  it.each([
    ['a NUL', '工会\u0000'],
    ['a bell', '工\u0007会'],
    ['a zero-width space', '工\u200B会'],
    ['a right-to-left override', '工会\u202Egnp.exe'],
    ['a byte-order mark', '\uFEFF工会'],
  ])('refuses %s with BAD_USER_INPUT naming the path', async (_what, name) => {
    const r = await create({ name });
    expect(r.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(r.data?.createUnion ?? null).toBeNull();
  });

  it('allows newlines only where a field is multi-line', async () => {
    expect((await create({ name: '甲\n乙' })).error).toMatchObject({ field: 'input.name' });
    expect((await create({ note: '第一行\n第二行' })).error).toBeUndefined();
  });

  it('bounds lengths: names 100, other text 2000, or what the field declares', async () => {
    expect((await create({ name: '工'.repeat(100) })).error).toBeUndefined();
    expect((await create({ name: '工'.repeat(101) })).error).toMatchObject({ field: 'input.name' });
    expect((await create({ note: 'x'.repeat(2001) })).error).toMatchObject({ field: 'input.note' });
    expect((await create({ code: '123456789' })).error).toMatchObject({ field: 'input.code' });
    expect(
      (await run('mutation($t: String!) { remark(text: $t) }', { t: 'x'.repeat(4000) })).data?.remark,
    ).toBe('4000');
    expect(
      (await run('mutation($n: String!) { rename(name: $n) }', { n: 'x'.repeat(101) })).error,
    ).toMatchObject({
      field: 'name',
    });
  });

  it('checks every item of a list, naming its index', async () => {
    expect((await create({ tags: ['ok', 'bad\u0000'] })).error).toMatchObject({
      field: 'input.tags[1]',
    });
  });

  it('bounds dates by the declared range, with "today" in China’s calendar', async () => {
    setClock('2026-03-01T15:59:59Z'); // still 1 March in Beijing
    expect((await create({ establishedAt: '1925-04-30' })).error).toMatchObject({
      field: 'input.establishedAt',
    });
    expect((await create({ establishedAt: '1925-05-01' })).error).toBeUndefined();
    expect((await create({ establishedAt: '2026-03-01' })).error).toBeUndefined();
    expect((await create({ establishedAt: '2026-03-02' })).error).toMatchObject({
      field: 'input.establishedAt',
    });
    setClock('2026-03-01T16:00:00Z'); // 2 March in Beijing
    expect((await create({ establishedAt: '2026-03-02' })).error).toBeUndefined();
  });

  it('gives every date a plausible range by default', async () => {
    const r = await run('mutation($input: UnionInput!) { createUnion(input: $input) }', {
      input: { name: 'x', establishedAt: '1925-05-01' },
    });
    expect(r.error).toBeUndefined();
  });
});
