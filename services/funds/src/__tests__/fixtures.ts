import type { Caller } from '@union-graph/subgraph-kit';
import {
  orgTree,
  publishOrgs,
  startTestSubgraph,
  type TestSubgraph,
  testCallers,
} from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { fundsSubgraph } from '../subgraph';

/** A small union tree: the ACFTU, two provinces, a city, a county, a township and grassroots unions. */
export const ORG = {
  nat: 'org-nat',
  gd: 'org-gd',
  sz: 'org-sz',
  ft: 'org-ft',
  town: 'org-town',
  g1: 'org-g1',
  g2: 'org-g2',
  hn: 'org-hn',
  g3: 'org-g3',
} as const;

const tree = orgTree<keyof typeof ORG>({
  nat: {
    _id: ORG.nat,
    name: '中华全国总工会',
    type: 'NATIONAL_FEDERATION',
    level: 'NATIONAL',
    divisionCode: '100000',
  },
  gd: {
    _id: ORG.gd,
    parent: 'nat',
    name: '广东省总工会',
    type: 'LOCAL_FEDERATION',
    level: 'PROVINCE',
    divisionCode: '440000',
  },
  sz: {
    _id: ORG.sz,
    parent: 'gd',
    name: '深圳市总工会',
    type: 'LOCAL_FEDERATION',
    level: 'CITY',
    divisionCode: '440300',
  },
  ft: {
    _id: ORG.ft,
    parent: 'sz',
    name: '福田区总工会',
    type: 'LOCAL_FEDERATION',
    level: 'COUNTY',
    divisionCode: '440304',
  },
  town: {
    _id: ORG.town,
    parent: 'ft',
    name: '沙头街道总工会',
    type: 'TOWNSHIP_FEDERATION',
    level: 'TOWNSHIP',
    divisionCode: '440304',
  },
  g1: {
    _id: ORG.g1,
    parent: 'town',
    name: '甲公司工会委员会',
    type: 'GRASSROOTS',
    level: 'GRASSROOTS',
    divisionCode: '440304',
  },
  // A grassroots union directly under the county: no township between them.
  g2: {
    _id: ORG.g2,
    parent: 'ft',
    name: '乙公司工会委员会',
    type: 'GRASSROOTS',
    level: 'GRASSROOTS',
    divisionCode: '440304',
  },
  hn: {
    _id: ORG.hn,
    parent: 'nat',
    name: '河南省总工会',
    type: 'LOCAL_FEDERATION',
    level: 'PROVINCE',
    divisionCode: '410000',
  },
  g3: {
    _id: ORG.g3,
    parent: 'hn',
    name: '丙公司工会委员会',
    type: 'GRASSROOTS',
    level: 'GRASSROOTS',
    divisionCode: '410100',
  },
});

/** Response data in tests: shapes are asserted by the tests themselves. */
// biome-ignore lint/suspicious/noExplicitAny: test responses are checked with expect, not types
export type Json = any;

export interface Funds {
  sub: TestSubgraph<Models>;
  /** Runs an operation and fails the test on GraphQL errors. */
  ok<T = Json>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<T>;
  /** Runs an operation expected to fail and returns the first error's code, field and catalog key. */
  fails(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<{ code?: unknown; field?: unknown; messageKey?: unknown; message: string }>;
}

export async function startFunds(): Promise<Funds> {
  const sub = (await startTestSubgraph(fundsSubgraph)) as unknown as TestSubgraph<Models>;
  await publishOrgs(sub.server, Object.values(tree));
  const national = testCallers.national();
  return {
    sub,
    async ok(query, variables, caller = national) {
      const res = await sub.request(query, { variables, caller });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data as never;
    },
    async fails(query, variables, caller = national) {
      const res = await sub.request(query, { variables, caller });
      const e = res.errors?.[0];
      if (!e) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
      const { code, field, messageKey } = e.extensions ?? {};
      return { code, field, messageKey, message: e.message };
    },
  };
}

export const POST = `mutation($input: PostingInput!) {
  postEntry(input: $input) { id total period lines { organization { id } book category debit credit } }
}`;

export const BALANCE = `query($org: ID!) { fundAccountOf(organizationId: $org) { balance reconciliation { balance consistent } } }`;

/** R9 at its boundary: a national plan of 1,000,000 fen earmarking exactly 10 % for the township. */
export function tenPercentPlan(year: number) {
  return {
    funderId: ORG.nat,
    year,
    items: [
      { recipientId: ORG.gd, amount: 900_000 },
      { recipientId: ORG.town, amount: 100_000, earmark: 'TOWNSHIP' },
    ],
  };
}

/** An income entry: money in, booked as income of a category. */
export function incomeLines(org: string, amount: number, category = 'OTHER_INCOME') {
  return [
    { organizationId: org, book: 'FUNDS', debit: amount },
    { organizationId: org, book: 'INCOME', category, credit: amount },
  ];
}

/** A small deterministic PRNG (mulberry32), so property-style tests replay the same cases. */
export function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
