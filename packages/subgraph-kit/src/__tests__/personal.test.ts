import type { Caller } from '@union-graph/auth';
import { buildSchema, graphql } from 'graphql';
import { applyPersonalPolicy, mayReveal, personalPolicy, unmarkedPersonalFields } from '../personal';
import { COMMON_TYPE_DEFS } from '../server';
import { testCallers } from '../testing';

const policy = { serviceClients: { portal: ['NAME' as const] } };
const client = (name: string): Caller => ({ id: name, roles: ['SERVICE_CLIENT'], orgId: 'o1', client: name });

describe('the personal-data policy table', () => {
  it('gives administrators everything, a member their own record, analysts categories, clients what they are registered for', () => {
    const self = testCallers.member('m1', 'o1');
    expect(mayReveal(testCallers.national(), 'RESIDENT_ID', 'm1', policy)).toBe(true);
    expect(mayReveal(testCallers.orgAdmin('o1'), 'PHONE', 'm1', policy)).toBe(true);
    expect(mayReveal(self, 'RESIDENT_ID', 'm1', policy)).toBe(true);
    expect(mayReveal(self, 'NAME', 'm2', policy)).toBe(false);
    expect(mayReveal(self, 'NAME', null, policy)).toBe(false);
    expect(mayReveal(testCallers.analyst(), 'GENDER', 'm1', policy)).toBe(true);
    for (const kind of ['NAME', 'RESIDENT_ID', 'PHONE', 'BIRTH_DATE', 'ADDRESS'] as const)
      expect(mayReveal(testCallers.analyst(), kind, 'm1', policy)).toBe(false);
    expect(mayReveal(client('portal'), 'NAME', 'm1', policy)).toBe(true);
    expect(mayReveal(client('portal'), 'RESIDENT_ID', 'm1', policy)).toBe(false);
    expect(mayReveal(client('other'), 'NAME', 'm1', policy)).toBe(false);
    expect(mayReveal(client('other'), 'NONE', 'm1', policy)).toBe(true);
  });

  it('registers no client by default and reads registrations from UNION_GRAPH_RULES_PERSONAL_DATA', () => {
    expect(personalPolicy({})).toEqual({ serviceClients: {} });
    const env = { UNION_GRAPH_RULES_PERSONAL_DATA: '{"serviceClients":{"portal":["NAME","GENDER"]}}' };
    expect(personalPolicy(env).serviceClients.portal).toEqual(['NAME', 'GENDER']);
    expect(() =>
      personalPolicy({ UNION_GRAPH_RULES_PERSONAL_DATA: '{"serviceClients":{"p":["SSN"]}}' }),
    ).toThrow(/UNION_GRAPH_RULES_PERSONAL_DATA/);
  });
});

describe('applyPersonalPolicy', () => {
  const sdl = `${COMMON_TYPE_DEFS}
    directive @shareable on OBJECT | FIELD_DEFINITION
    type Member { id: ID! name: String @personal(kind: NAME) joinedAt: String @personal(kind: NONE) }
    type Query { member: Member }`;
  const run = (caller: Caller) =>
    graphql({
      schema: applyPersonalPolicy(buildSchema(sdl)),
      source: '{ member { id name joinedAt } }',
      rootValue: { member: { _id: 'm1', id: 'm1', name: '张三', joinedAt: '2020-01-01' } },
      contextValue: { caller },
    });

  it('nulls what the caller may not see, whole (no partial masks)', async () => {
    expect((await run(testCallers.member('m1', 'o1'))).data).toEqual({
      member: { id: 'm1', name: '张三', joinedAt: '2020-01-01' },
    });
    expect((await run(testCallers.member('m2', 'o1'))).data).toEqual({
      member: { id: 'm1', name: null, joinedAt: '2020-01-01' },
    });
    expect((await run(testCallers.analyst())).data?.member).toMatchObject({ name: null });
  });

  it('refuses a non-null personal field, and lists fields of person-holding types left unmarked', () => {
    const strict = sdl.replace('name: String @personal', 'name: String! @personal');
    expect(() => applyPersonalPolicy(buildSchema(strict))).toThrow(/Member.name .* must be nullable/);
    expect(
      unmarkedPersonalFields(`
        type Member { id: ID! phone: String }
        type Visit { id: ID! memberId: ID! @personal(kind: NONE) note: String }
        type VisitConnection { nodes: [Visit!]! member: Member }
        type Unit { id: ID! members: [Member!]! }`),
    ).toEqual(['Member.phone', 'Visit.note']);
  });
});
