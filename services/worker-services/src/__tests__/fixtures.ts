import { addDays, type Caller, today } from '@union-graph/subgraph-kit';
import {
  type DirectoryEntry,
  orgTree,
  publishOrgs,
  startTestSubgraph,
  type TestSubgraph,
} from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { workerServicesSubgraph } from '../subgraph';

/**
 * A small union tree fed to the subgraph's directory through the real event stream:
 * national → Henan → Zhengzhou → Zhongyuan county → a street federation → unions A and B,
 * and a second province (Guangdong) with one union, for scope boundaries.
 */
export const ids = {
  national: 'org-national',
  province: 'org-henan',
  city: 'org-zhengzhou',
  county: 'org-zhongyuan',
  township: 'org-street',
  unionA: 'org-union-a',
  unionB: 'org-union-b',
  otherProvince: 'org-guangdong',
  otherUnion: 'org-union-gd',
};

const tree = orgTree<keyof typeof ids>({
  national: {
    _id: ids.national,
    name: '中华全国总工会',
    type: 'NATIONAL_FEDERATION',
    level: 'NATIONAL',
    divisionCode: '100000',
  },
  province: {
    _id: ids.province,
    parent: 'national',
    name: '河南省总工会',
    type: 'LOCAL_FEDERATION',
    level: 'PROVINCE',
    divisionCode: '410000',
  },
  city: {
    _id: ids.city,
    parent: 'province',
    name: '郑州市总工会',
    type: 'LOCAL_FEDERATION',
    level: 'CITY',
    divisionCode: '410100',
  },
  county: {
    _id: ids.county,
    parent: 'city',
    name: '中原区总工会',
    type: 'LOCAL_FEDERATION',
    level: 'COUNTY',
    divisionCode: '410102',
  },
  township: {
    _id: ids.township,
    parent: 'county',
    name: '林山寨街道总工会',
    type: 'TOWNSHIP_FEDERATION',
    level: 'TOWNSHIP',
    divisionCode: '410102',
  },
  unionA: {
    _id: ids.unionA,
    parent: 'township',
    name: '甲公司工会委员会',
    type: 'GRASSROOTS',
    level: 'GRASSROOTS',
    divisionCode: '410102',
  },
  unionB: {
    _id: ids.unionB,
    parent: 'township',
    name: '乙公司工会委员会',
    type: 'GRASSROOTS',
    level: 'GRASSROOTS',
    divisionCode: '410102',
  },
  otherProvince: {
    _id: ids.otherProvince,
    parent: 'national',
    name: '广东省总工会',
    type: 'LOCAL_FEDERATION',
    level: 'PROVINCE',
    divisionCode: '440000',
  },
  otherUnion: {
    _id: ids.otherUnion,
    parent: 'otherProvince',
    name: '丙公司工会委员会',
    type: 'GRASSROOTS',
    level: 'GRASSROOTS',
    divisionCode: '440106',
  },
});

export const orgs: DirectoryEntry[] = Object.values(tree);

// biome-ignore lint/suspicious/noExplicitAny: tests read response data by path
export type Data = Record<string, any>;

export interface Harness {
  subgraph: TestSubgraph<Models>;
  /** Runs an operation; returns data, or throws nothing and hands back errors for assertions. */
  gql<T = Data>(
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** As gql, failing the test on any error. */
  ok<T = Data>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const subgraph = (await startTestSubgraph(workerServicesSubgraph)) as TestSubgraph<Models>;
  await publishOrgs(subgraph.server, orgs);
  const gql: Harness['gql'] = async (caller, query, variables) => {
    const res = await subgraph.request(query, { caller, variables });
    return { data: res.data as never, errors: res.errors as never };
  };
  return {
    subgraph,
    gql,
    async ok(caller, query, variables) {
      const res = await gql(caller, query, variables);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data as never;
    },
    stop: () => subgraph.stop(),
  };
}

/** A harness started before and stopped after the calling test file's tests. */
export function useHarness(): Harness {
  let inner: Harness | undefined;
  beforeAll(async () => {
    inner = await startHarness();
  });
  afterAll(() => inner?.stop());
  const get = () => {
    if (!inner) throw new Error('the harness starts in beforeAll');
    return inner;
  };
  return {
    get subgraph() {
      return get().subgraph;
    },
    gql: (caller, query, variables) => get().gql(caller, query, variables),
    ok: (caller, query, variables) => get().ok(caller, query, variables),
    stop: () => get().stop(),
  };
}

/** The code and field of the first error. */
export function failure(res: { errors?: { extensions?: Record<string, unknown> }[] }) {
  const e = res.errors?.[0]?.extensions;
  return { code: e?.code, field: e?.field };
}

/** A day counted from today in China (the kit's calendar, which the subgraph's date rules read). */
export function isoDay(offsetDays = 0): string {
  return addDays(today(), offsetDays).toISOString().slice(0, 10);
}

/** The `_entities` call the gateway makes for `@requires` fields, figures included. */
export const ELIGIBILITY = `query($reps: [_Any!]!, $level: TitleLevel!) {
  _entities(representations: $reps) {
    ... on Organization { modelHomeEligibility(level: $level) {
      eligible lowerTitleHeld reasons certificate figures { memberCount employeeCount joiningRate satisfactionRate }
    } }
  }
}`;

/** An Organization representation as the gateway sends it, employees split over `units` host units. */
export function orgRep(id: string, memberCount: number | null, employeeCount: number | null, units = 1) {
  const hostUnits =
    employeeCount === null
      ? []
      : Array.from({ length: units }, (_, i) => ({
          employeeCount: Math.floor(employeeCount / units) + (i < employeeCount % units ? 1 : 0),
        }));
  return { __typename: 'Organization', id, memberCount, hostUnits };
}
