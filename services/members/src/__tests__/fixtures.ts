import { makeResidentId } from '@union-graph/domain';
import type { Caller } from '@union-graph/subgraph-kit';
import {
  orgTree,
  publishOrgs,
  startTestSubgraph,
  type TestSubgraph,
  testCallers,
} from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { membersSubgraph } from '../subgraph';

/** A small tree over two provinces: Beijing (two unions, one dissolved) and Guangdong (two unions). */
type OrgKey =
  | 'national'
  | 'beijing'
  | 'bjUnion'
  | 'bjUnion2'
  | 'bjDissolved'
  | 'guangdong'
  | 'gdUnion'
  | 'gdJoint';

export const ORGS = orgTree<OrgKey>({
  national: {
    _id: 'org-n',
    name: '中华全国总工会',
    type: 'NATIONAL_FEDERATION',
    divisionCode: '100000',
  },
  beijing: {
    _id: 'org-bj',
    name: '北京市总工会',
    type: 'LOCAL_FEDERATION',
    level: 'PROVINCE',
    divisionCode: '110000',
    parent: 'national',
  },
  bjUnion: {
    _id: 'org-bj-1',
    name: '朝阳某公司工会',
    type: 'GRASSROOTS',
    divisionCode: '110105',
    parent: 'beijing',
  },
  bjUnion2: {
    _id: 'org-bj-2',
    name: '海淀某公司工会',
    type: 'GRASSROOTS',
    divisionCode: '110108',
    parent: 'beijing',
  },
  bjDissolved: {
    _id: 'org-bj-x',
    name: '已撤销工会',
    type: 'GRASSROOTS',
    status: 'DISSOLVED',
    divisionCode: '110105',
    parent: 'beijing',
  },
  guangdong: {
    _id: 'org-gd',
    name: '广东省总工会',
    type: 'LOCAL_FEDERATION',
    level: 'PROVINCE',
    divisionCode: '440000',
    parent: 'national',
  },
  gdUnion: {
    _id: 'org-gd-1',
    name: '天河某公司工会',
    type: 'GRASSROOTS',
    divisionCode: '440106',
    parent: 'guangdong',
  },
  gdJoint: {
    _id: 'org-gd-2',
    name: '南山联合基层工会',
    type: 'JOINT_GRASSROOTS',
    divisionCode: '440305',
    parent: 'guangdong',
  },
});

export const callers = {
  national: testCallers.national(),
  analyst: testCallers.analyst(),
  beijing: testCallers.orgAdmin(ORGS.beijing._id),
  bjUnion: testCallers.orgAdmin(ORGS.bjUnion._id),
  guangdong: testCallers.orgAdmin(ORGS.guangdong._id),
  gdUnion: testCallers.orgAdmin(ORGS.gdUnion._id),
  gdJointAdmin: () => testCallers.orgAdmin(ORGS.gdJoint._id),
  portal: { id: 'joining-portal', roles: ['SERVICE_CLIENT'], orgId: null } as Caller,
};

let sequence = 0;
/** A fresh valid resident ID number (odd sequence = male, even = female). */
export function residentId(
  gender: 'MALE' | 'FEMALE' = 'MALE',
  birthDate = '1990-03-07',
  division = '110105',
): string {
  sequence += 1;
  return makeResidentId(division, birthDate, ((sequence * 2) % 998) + (gender === 'MALE' ? 1 : 0));
}

export interface Fixture {
  sg: TestSubgraph<Models>;
  models: Models;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response trees loosely
  gql<T = Record<string, any>>(
    query: string,
    caller: Caller,
    variables?: Record<string, unknown>,
    // biome-ignore lint/suspicious/noExplicitAny: tests read error extensions loosely
  ): Promise<{ data?: T | null; errors?: { message: string; extensions?: Record<string, any> }[] }>;
  /** Registers a member as the national admin and returns its id. */
  register(input?: Record<string, unknown>): Promise<string>;
}

export const REGISTER = `mutation($input: MemberInput!) { registerMember(input: $input) { id } }`;

export async function startFixture(): Promise<Fixture> {
  const sg = (await startTestSubgraph(membersSubgraph)) as TestSubgraph<Models>;
  await publishOrgs(sg.server, Object.values(ORGS));
  const gql: Fixture['gql'] = (query, caller, variables) => sg.request(query, { caller, variables }) as never;
  return {
    sg,
    models: sg.server.models,
    gql,
    async register(input = {}) {
      const res = await gql<{ registerMember: { id: string } }>(REGISTER, callers.national, {
        input: {
          organizationId: ORGS.bjUnion._id,
          name: '张三',
          residentId: residentId(),
          joinedAt: '2020-01-01',
          ...input,
        },
      });
      if (!res.data?.registerMember) throw new Error(JSON.stringify(res.errors));
      return res.data.registerMember.id;
    },
  };
}
