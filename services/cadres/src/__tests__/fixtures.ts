import { addDays, type Caller, today } from '@union-graph/subgraph-kit';
import {
  type DirectoryEntry,
  orgTree,
  publishOrgs,
  startTestSubgraph,
  type TestSubgraph,
  testCallers,
} from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { cadresSubgraph } from '../subgraph';

// Spelled out: orgTree would infer the keys from the `parent` values alone.
type OrgKey = 'national' | 'guangdong' | 'tianhe' | 'g1' | 'g2' | 'g3' | 'beijing' | 'g4';

/**
 * A small tree: the national federation; Guangdong with Tianhe county (two grassroots unions) and
 * one grassroots union directly under the province; Beijing with one grassroots union.
 */
export const ORGS = orgTree<OrgKey>({
  national: { _id: 'n', name: '全总', type: 'NATIONAL_FEDERATION', divisionCode: '100000' },
  guangdong: {
    _id: 'gd',
    name: '广东省总工会',
    type: 'LOCAL_FEDERATION',
    parent: 'national',
    divisionCode: '440000',
  },
  tianhe: {
    _id: 'th',
    name: '天河区总工会',
    type: 'LOCAL_FEDERATION',
    parent: 'guangdong',
    divisionCode: '440106',
  },
  g1: { _id: 'g1', name: '甲公司工会', type: 'GRASSROOTS', parent: 'tianhe', divisionCode: '440106' },
  g2: { _id: 'g2', name: '乙公司工会', type: 'GRASSROOTS', parent: 'tianhe', divisionCode: '440106' },
  g3: { _id: 'g3', name: '丙公司工会', type: 'GRASSROOTS', parent: 'guangdong', divisionCode: '440305' },
  beijing: {
    _id: 'bj',
    name: '北京市总工会',
    type: 'LOCAL_FEDERATION',
    parent: 'national',
    divisionCode: '110000',
  },
  g4: { _id: 'g4', name: '丁公司工会', type: 'GRASSROOTS', parent: 'beijing', divisionCode: '110101' },
});

export const national: Caller = testCallers.national();

export async function startCadres(): Promise<TestSubgraph<Models>> {
  const sg = await startTestSubgraph(cadresSubgraph);
  await publishOrgs(sg.server, Object.values(ORGS));
  return sg as TestSubgraph<Models>;
}

/** A calendar date `days` from today (China time), as the Date scalar writes it. */
export function day(days: number, from = today()): string {
  return addDays(from, days).toISOString().slice(0, 10);
}

export type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;

export function codeOf(errors: Errors): unknown {
  return errors?.[0]?.extensions?.code;
}

export function fieldOf(errors: Errors): unknown {
  return errors?.[0]?.extensions?.field;
}

export const APPOINT = `mutation($input: AppointCadreInput!) { appointCadre(input: $input) { id status } }`;
export const END_TERM = `mutation($input: EndCadreTermInput!) { endCadreTerm(input: $input) { id status termEnd } }`;

/** Appoints member `m-<key>` as the national administrator; the position's id. */
export async function appointAs(
  sg: TestSubgraph<Models>,
  key: string,
  organizationId: string,
  position: string,
  termStart: string,
  fullTime = false,
): Promise<string> {
  const res = await sg.request<{ appointCadre: { id: string } }>(APPOINT, {
    caller: national,
    variables: { input: { organizationId, memberId: `m-${key}`, position, termStart, fullTime } },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.appointCadre.id;
}

/** A mutation of `input` by the national administrator, which must succeed. */
export async function asNational(sg: TestSubgraph<Models>, query: string, input: Record<string, unknown>) {
  expect((await sg.request(query, { caller: national, variables: { input } })).errors).toBeUndefined();
}

/**
 * R3 / R4 unions beside the tree: below Tianhe two street federations and a sectoral federation;
 * under Guangdong a development-zone union; under Beijing a street federation.
 */
export const FEDERATIONS: DirectoryEntry[] = [
  {
    _id: 'st1',
    name: '石牌街道总工会',
    type: 'TOWNSHIP_FEDERATION',
    divisionCode: '440106',
    path: ['n', 'gd', 'th', 'st1'],
  },
  {
    _id: 'st2',
    name: '五山街道总工会',
    type: 'TOWNSHIP_FEDERATION',
    divisionCode: '440106',
    path: ['n', 'gd', 'th', 'st2'],
  },
  {
    _id: 'sf',
    name: '天河区快递行业工会联合会',
    type: 'SECTORAL_FEDERATION',
    divisionCode: '440106',
    path: ['n', 'gd', 'th', 'sf'],
  },
  {
    _id: 'dz',
    name: '广州开发区总工会',
    type: 'DEV_ZONE_UNION',
    divisionCode: '440112',
    path: ['n', 'gd', 'dz'],
  },
  {
    _id: 'bst',
    name: '东华门街道总工会',
    type: 'TOWNSHIP_FEDERATION',
    divisionCode: '110101',
    path: ['n', 'bj', 'bst'],
  },
];

/** A `StatisticsTable` as the breakdown tests select it. */
export interface BreakdownTable {
  rows: {
    values: { code: string; label: string }[];
    count: number | null;
    suppressed: boolean;
    measures: BreakdownMeasure[];
  }[];
  total: number | null;
  measures: BreakdownMeasure[];
  suppressedCells: number;
  minimumCount: number | null;
  asOf: string;
}
interface BreakdownMeasure {
  measure: string;
  value: number | null;
  rate: { numerator: number; denominator: number } | null;
  suppressed: boolean;
}
