import { countCommands } from '@union-graph/subgraph-kit';
import { publishOrgs, type TestSubgraph, testCallers } from '@union-graph/subgraph-kit/testing';
import { judgeStaffing } from '../domain/staffing';
import type { CadreDoc, Models } from '../models';
import { staffingRules } from '../rules';
import {
  APPOINT,
  codeOf,
  day,
  END_TERM,
  type Errors,
  FEDERATIONS,
  fieldOf,
  national,
  startCadres,
} from './fixtures';

let sg: TestSubgraph<Models>;

async function appoint(organizationId: string, memberId: string, position: string, fullTime: boolean) {
  const res = await sg.request<{ appointCadre: { id: string } }>(APPOINT, {
    caller: national,
    variables: { input: { organizationId, memberId, position, fullTime, termStart: day(-30) } },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.appointCadre.id;
}

const STAFFING = 'rule applies fullTimeViceChairs fullTimeStaff required shortBy met';
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id staffing { ${STAFFING} } } } }`;
const reps = (...ids: string[]) => ids.map((id) => ({ __typename: 'Organization', id }));

type Staffing = Record<string, unknown> | null;
async function staffing(id: string, caller = national): Promise<Staffing> {
  const res = await sg.request<{ _entities: { staffing: Staffing }[] }>(ENTITIES, {
    caller,
    variables: { reps: reps(id) },
  });
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0]!.staffing;
}

const cadres: Record<string, string> = {};

beforeAll(async () => {
  sg = await startCadres();
  await publishOrgs(sg.server, FEDERATIONS);
  // st1: a part-time vice-chair and a full-time clerk — neither is what R3 counts.
  cadres.st1PartTime = await appoint('st1', 'm1', 'VICE_CHAIR', false);
  cadres.st1Clerk = await appoint('st1', 'm2', 'FULL_TIME_STAFF', true);
  // st2: its full-time vice-chair.
  cadres.st2Vice = await appoint('st2', 'm3', 'VICE_CHAIR', true);
  // The sectoral federation's full-time chair is its full-time staff (R4).
  cadres.sfChair = await appoint('sf', 'm4', 'CHAIR', true);
});
afterAll(() => sg?.stop());

describe('R3 / R4 full-time staffing (§5, §6)', () => {
  it('R3: a street federation with no full-time vice-chair is short by one, with one it is met', async () => {
    expect(await staffing('st1')).toEqual({
      rule: 'R3',
      applies: true,
      fullTimeViceChairs: 0,
      fullTimeStaff: 1,
      required: 1,
      shortBy: 1,
      met: false,
    });
    expect(await staffing('st2')).toMatchObject({ rule: 'R3', fullTimeViceChairs: 1, shortBy: 0, met: true });
    expect(await staffing('dz')).toMatchObject({ rule: 'R3', fullTimeViceChairs: 0, met: false });
  });

  it('R4: a sectoral federation counts any full-time cadre; a county federation falls under neither rule', async () => {
    expect(await staffing('sf')).toMatchObject({ rule: 'R4', fullTimeStaff: 1, required: 1, met: true });
    expect(await staffing('th')).toEqual({
      rule: null,
      applies: false,
      fullTimeViceChairs: 0,
      fullTimeStaff: 0,
      required: 0,
      shortBy: 0,
      met: true,
    });
  });

  it('stops counting a cadre whose term has ended', async () => {
    const vice = await appoint('bst', 'm5', 'VICE_CHAIR', true);
    expect(await staffing('bst')).toMatchObject({ fullTimeViceChairs: 1, met: true });
    const ended = await sg.request(END_TERM, {
      caller: national,
      variables: { input: { cadreId: vice, endedOn: day(0), reason: '调任' } },
    });
    expect(ended.errors).toBeUndefined();
    expect(await staffing('bst')).toMatchObject({ fullTimeViceChairs: 0, shortBy: 1, met: false });
  });

  it('takes its minimum from the rules, so a province that staffs two sets two', () => {
    const org = { _id: 'x', name: '街道总工会', type: 'TOWNSHIP_FEDERATION', divisionCode: '440106' };
    const vice = { status: 'SERVING', fullTime: true, position: 'VICE_CHAIR' } as CadreDoc;
    expect(judgeStaffing(org, [vice]).shortBy).toBe(0);
    expect(judgeStaffing(org, [vice], { ...staffingRules, minFullTimeViceChairs: 2 }).shortBy).toBe(1);
    const noZones = { ...staffingRules, viceChairTypes: ['TOWNSHIP_FEDERATION'] };
    expect(judgeStaffing({ ...org, type: 'DEV_ZONE_UNION' }, [], noZones).rule).toBeNull();
  });

  it('reads another province’s minimum from UNION_GRAPH_RULES_STAFFING and fails fast on a minimum of 0', () => {
    const staffingWith = (json: string): typeof staffingRules => {
      process.env.UNION_GRAPH_RULES_STAFFING = json;
      try {
        let rules: typeof staffingRules | undefined;
        jest.isolateModules(() => {
          rules = (require('../rules') as typeof import('../rules')).staffingRules;
        });
        return rules!;
      } finally {
        delete process.env.UNION_GRAPH_RULES_STAFFING;
      }
    };
    expect(staffingWith('{"minFullTimeStaff":2}')).toMatchObject({
      minFullTimeViceChairs: 1,
      minFullTimeStaff: 2,
    });
    expect(() => staffingWith('{"minFullTimeViceChairs":0}')).toThrow(/UNION_GRAPH_RULES_STAFFING/);
  });

  it('judges any number of unions with the same two commands (directory, serving cadres)', async () => {
    const commands = async (...ids: string[]) => {
      const counter = countCommands(sg.server.conn);
      const res = await sg.request(ENTITIES, { caller: national, variables: { reps: reps(...ids) } });
      counter.stop();
      expect(res.errors).toBeUndefined();
      return counter.count;
    };
    expect(await commands('st1', 'st2', 'sf', 'dz', 'bst', 'th')).toBe(await commands('st1'));
  });

  it('shows no staffing for a union outside the caller’s subtree', async () => {
    expect(await staffing('st1', testCallers.orgAdmin('bj'))).toBeNull();
    expect(await staffing('bst', testCallers.orgAdmin('bj'))).toMatchObject({ rule: 'R3' });
  });
});

const SHORTFALLS = `query($root: ID!, $rule: StaffingRule, $first: Int, $after: String) {
  staffingShortfalls(organizationId: $root, rule: $rule, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { organization { id } divisionCode rule shortBy }
  }
}`;
const BY_REGION = `query($root: ID!, $level: RegionLevel, $rule: StaffingRule) {
  staffingByRegion(organizationId: $root, level: $level, rule: $rule) { divisionCode name federations short fullTimeViceChairs fullTimeStaff }
}`;

type Shortfalls = {
  staffingShortfalls: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    nodes: { organization: { id: string }; rule: string; shortBy: number }[];
  };
};

describe('the staffing report', () => {
  it('lists the unions short of R3 / R4 by region, page by page, for the country or one province', async () => {
    const all = await sg.request<Shortfalls>(SHORTFALLS, { caller: national, variables: { root: 'n' } });
    expect(all.errors).toBeUndefined();
    // By division code: Beijing's street (110101), then Tianhe's st1 (440106), then the zone (440112).
    expect(all.data!.staffingShortfalls.nodes.map((n) => n.organization.id)).toEqual(['bst', 'st1', 'dz']);
    const page = await sg.request<Shortfalls>(SHORTFALLS, {
      caller: national,
      variables: { root: 'n', first: 2 },
    });
    expect(page.data!.staffingShortfalls).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = await sg.request<Shortfalls>(SHORTFALLS, {
      caller: national,
      variables: { root: 'n', first: 2, after: page.data!.staffingShortfalls.pageInfo.endCursor },
    });
    expect(rest.data!.staffingShortfalls.nodes.map((n) => n.organization.id)).toEqual(['dz']);
    const gd = await sg.request<Shortfalls>(SHORTFALLS, {
      caller: testCallers.orgAdmin('gd'),
      variables: { root: 'gd' },
    });
    expect(gd.data!.staffingShortfalls.nodes.map((n) => n.organization.id)).toEqual(['st1', 'dz']);
    const r4 = await sg.request<Shortfalls>(SHORTFALLS, {
      caller: national,
      variables: { root: 'n', rule: 'R4' },
    });
    expect(r4.data!.staffingShortfalls.totalCount).toBe(0);
  });

  it('counts applicable and short unions per county', async () => {
    const res = await sg.request<{ staffingByRegion: unknown[] }>(BY_REGION, {
      caller: testCallers.orgAdmin('gd'),
      variables: { root: 'gd', level: 'COUNTY' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.staffingByRegion).toEqual([
      {
        divisionCode: '440106',
        name: '天河区',
        federations: 3,
        short: 1,
        fullTimeViceChairs: 1,
        fullTimeStaff: 3,
      },
      {
        divisionCode: '440112',
        name: '黄埔区',
        federations: 1,
        short: 1,
        fullTimeViceChairs: 0,
        fullTimeStaff: 0,
      },
    ]);
    // An analyst reads the unions, not 3 full-time cadres (under k; statistics-unions.test has k).
    const analyst = await sg.request<{ staffingByRegion: Record<string, unknown>[] }>(BY_REGION, {
      caller: testCallers.analyst(),
      variables: { root: 'gd', level: 'COUNTY' },
    });
    expect(analyst.data!.staffingByRegion.map((r) => [r.federations, r.short, r.fullTimeStaff])).toEqual([
      [3, 1, null],
      [1, 1, 0],
    ]);
    const provinces = await sg.request<{ staffingByRegion: { divisionCode: string; short: number }[] }>(
      BY_REGION,
      {
        caller: national,
        variables: { root: 'n', level: 'PROVINCE', rule: 'R3' },
      },
    );
    expect(provinces.data!.staffingByRegion.map((r) => [r.divisionCode, r.short])).toEqual([
      ['110000', 1],
      ['440000', 2],
    ]);
  });

  it('refuses a root outside the caller’s subtree', async () => {
    const res = await sg.request(SHORTFALLS, {
      caller: testCallers.orgAdmin('bj'),
      variables: { root: 'gd' },
    });
    expect(codeOf(res.errors as Errors)).toBe('FORBIDDEN');
    const missing = await sg.request(SHORTFALLS, { caller: national, variables: { root: 'nowhere' } });
    expect([codeOf(missing.errors as Errors), fieldOf(missing.errors as Errors)]).toEqual([
      'NOT_FOUND',
      'organizationId',
    ]);
  });
});

describe('contract filings over a subtree (R7)', () => {
  const FILINGS = `query($root: ID!, $filter: ContractFilingFilter) {
    contractFilings(organizationId: $root, filter: $filter) { totalCount nodes { organization { id } } }
  }`;

  it('filters by the filing day, both ends included, and refuses an inverted range', async () => {
    const chair = await appoint('g4', 'm9', 'CHAIR', false);
    const filed = await sg.request(
      'mutation($input: FileContractChangeInput!) { fileContractChange(input: $input) { id } }',
      { caller: national, variables: { input: { cadreId: chair, kind: 'CHANGE', effectiveOn: day(10) } } },
    );
    expect(filed.errors).toBeUndefined();
    const count = async (filter: Record<string, unknown>, root = 'n') => {
      const res = await sg.request<{ contractFilings: { totalCount: number } }>(FILINGS, {
        caller: national,
        variables: { root, filter },
      });
      expect(res.errors).toBeUndefined();
      return res.data!.contractFilings.totalCount;
    };
    expect(await count({ from: day(0), to: day(0) })).toBe(1);
    expect(await count({ from: day(1) })).toBe(0);
    expect(await count({ to: day(-1) })).toBe(0);
    expect(await count({ from: day(0), kind: 'CHANGE', late: false }, 'bj')).toBe(1);
    expect(await count({ from: day(0) }, 'gd')).toBe(0);
    const inverted = await sg.request(FILINGS, {
      caller: national,
      variables: { root: 'n', filter: { from: day(0), to: day(-1) } },
    });
    expect([codeOf(inverted.errors as Errors), fieldOf(inverted.errors as Errors)]).toEqual([
      'BAD_USER_INPUT',
      'filter.to',
    ]);
  });
});
