import {
  orgTree,
  publishOrgs,
  startTestSubgraph,
  type TestSubgraph,
  testCallers,
} from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { guangdongSubgraph } from '../subgraph';

/** Guangdong with Guangzhou (two grassroots unions) and Shenzhen (one); Beijing with one union. */
type OrgKey = 'national' | 'guangdong' | 'guangzhou' | 'g1' | 'g2' | 'shenzhen' | 'g3' | 'beijing' | 'g4';

export const ORGS = orgTree<OrgKey>({
  national: { _id: 'n', name: '全总', type: 'NATIONAL_FEDERATION', divisionCode: '100000' },
  guangdong: {
    _id: 'gd',
    name: '广东省总工会',
    type: 'LOCAL_FEDERATION',
    divisionCode: '440000',
    parent: 'national',
  },
  guangzhou: {
    _id: 'gz',
    name: '广州市总工会',
    type: 'LOCAL_FEDERATION',
    divisionCode: '440100',
    parent: 'guangdong',
  },
  g1: { _id: 'g1', name: '甲公司工会', type: 'GRASSROOTS', divisionCode: '440106', parent: 'guangzhou' },
  g2: { _id: 'g2', name: '乙公司工会', type: 'GRASSROOTS', divisionCode: '440106', parent: 'guangzhou' },
  shenzhen: {
    _id: 'sz',
    name: '深圳市总工会',
    type: 'LOCAL_FEDERATION',
    divisionCode: '440300',
    parent: 'guangdong',
  },
  g3: { _id: 'g3', name: '丙公司工会', type: 'GRASSROOTS', divisionCode: '440305', parent: 'shenzhen' },
  beijing: {
    _id: 'bj',
    name: '北京市总工会',
    type: 'LOCAL_FEDERATION',
    divisionCode: '110000',
    parent: 'national',
  },
  g4: { _id: 'g4', name: '丁公司工会', type: 'GRASSROOTS', divisionCode: '110101', parent: 'beijing' },
});

export const callers = {
  national: testCallers.national(),
  analyst: testCallers.analyst(),
  guangdong: testCallers.orgAdmin('gd'),
  shenzhen: testCallers.orgAdmin('sz'),
  beijing: testCallers.orgAdmin('bj'),
};

export async function startGuangdong(): Promise<TestSubgraph<Models>> {
  const sg = (await startTestSubgraph(guangdongSubgraph)) as TestSubgraph<Models>;
  await publishOrgs(sg.server, Object.values(ORGS));
  return sg;
}

export type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
export const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;
export const fieldOf = (errors: Errors) => errors?.[0]?.extensions?.field;

export const ISSUE = `mutation($input: GdIssueBenefitCardInput!) {
  gdIssueBenefitCard(input: $input) { id cardNumber status issuedOn member { id } organization { id } }
}`;
export const CANCEL = `mutation($id: ID!) { gdCancelBenefitCard(id: $id) { id status } }`;
export const CONFER = `mutation($input: GdConferHonorInput!) { gdConferHonor(input: $input) { id kind year member { id } } }`;
export const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Organization { id gdActiveCardCount gdHonors { kind year } }
  ... on Member { id gdBenefitCard { cardNumber } gdHonors { kind year } }
} }`;
