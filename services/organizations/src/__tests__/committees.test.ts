import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { seatsFit } from '../domain/committees';
import { SIX_HAVES } from '../models';
import { loadCommitteeRules } from '../rules';
import { type BaseTree, baseTree, type Orgs, startOrgs } from './fixtures';

let orgs: Orgs;
let tree: BaseTree;

beforeAll(async () => {
  orgs = await startOrgs();
  tree = await baseTree(orgs);
});
afterAll(() => orgs?.sg.stop());

const TERM = `mutation($input: CommitteeTermInput!) { recordCommitteeTerm(input: $input) { id termEnd expired seats } }`;
const PROBLEMS = `query($id: ID!) { organization(id: $id) { committeeProblems committees { type } } }`;
const ASSESS = `mutation($input: SixHavesAssessmentInput!) { recordSixHavesAssessment(input: $input) { id compliant items { criterion met } } }`;
const CRITERIA = SIX_HAVES;

async function grassroots(
  name: string,
  reportedMembers: number,
  reportedFemaleMembers = 0,
  parentId?: string,
) {
  return orgs.create({
    name,
    type: 'GRASSROOTS',
    divisionCode: '440106',
    parentId: parentId ?? tree.township,
    reportedMembers,
    reportedFemaleMembers,
  });
}

function term(organizationId: string, change: Record<string, unknown> = {}) {
  return {
    organizationId,
    type: 'UNION_COMMITTEE',
    termStart: '2024-01-01',
    termYears: 5,
    seats: 5,
    ...change,
  };
}

describe('committees and terms (R14, R15, R18)', () => {
  it('accepts 3- and 5-year terms only, and sizes from the table, writing nothing otherwise', async () => {
    const union = await grassroots('百人工会', 100);
    for (const [change, field] of [
      [{ termYears: 4 }, 'termYears'],
      [{ termYears: 6 }, 'termYears'],
      [{ seats: 4 }, 'seats'], // 26–100 members: 3–5, odd
      [{ seats: 7 }, 'seats'],
    ] as const) {
      const error = await orgs.fails(TERM, { input: term(union.id, change) });
      expect([JSON.stringify(change), error.code, error.field]).toEqual([
        JSON.stringify(change),
        'BAD_USER_INPUT',
        field,
      ]);
    }
    const audit = await orgs.fails(TERM, {
      input: term(union.id, { type: 'FUNDS_AUDIT_COMMITTEE', seats: 3 }),
    });
    expect([audit.code, audit.field]).toEqual(['BAD_USER_INPUT', 'termStart']);
    expect(await orgs.sg.server.models.CommitteeTerm.countDocuments({ organizationId: union.id })).toBe(0);

    const three = await orgs.ok(TERM, {
      input: term(union.id, { termYears: 3, termStart: '2025-01-01', seats: 3 }),
    });
    expect(three.recordCommitteeTerm).toMatchObject({ termEnd: '2028-01-01', expired: false });
    const problems = await orgs.ok(PROBLEMS, { id: union.id });
    expect(problems.organization.committeeProblems).toEqual(['FUNDS_AUDIT_COMMITTEE_MISSING']);
    await orgs.ok(TERM, {
      input: term(union.id, {
        type: 'FUNDS_AUDIT_COMMITTEE',
        termYears: 3,
        termStart: '2025-01-01',
        seats: 3,
      }),
    });
    expect((await orgs.ok(PROBLEMS, { id: union.id })).organization.committeeProblems).toEqual([]);
    const twice = await orgs.fails(TERM, {
      input: term(union.id, { termYears: 3, termStart: '2025-01-01', seats: 3 }),
    });
    expect(twice.code).toBe('CONFLICT');
  });

  it('applies the size table at its boundaries, and it is configurable', () => {
    expect([seatsFit(10, 1), seatsFit(11, 1), seatsFit(11, 3), seatsFit(25, 3), seatsFit(26, 5)]).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
    expect([
      seatsFit(100, 5),
      seatsFit(101, 5),
      seatsFit(101, 7),
      seatsFit(50001, 45),
      seatsFit(50001, 47),
    ]).toEqual([true, true, true, true, false]);
    const local = loadCommitteeRules({
      UNION_GRAPH_RULES_COMMITTEE_SIZE: JSON.stringify({
        oddOnly: false,
        sizes: [{ upTo: null, min: 2, max: 4 }],
      }),
    });
    expect([seatsFit(500, 4, local), seatsFit(500, 5, local)]).toEqual([true, false]);
    expect(() => loadCommitteeRules({ UNION_GRAPH_RULES_COMMITTEE_SIZE: '{"sizes": []}' })).toThrow(/sizes/);
  });

  it('flags expired terms, sizes that no longer fit, and a missing women workers’ committee from 10 female members', async () => {
    const expired = await grassroots('换届工会', 20);
    await orgs.ok(TERM, { input: term(expired.id, { termStart: '2018-01-01', termYears: 5, seats: 3 }) });
    await orgs.ok(TERM, {
      input: term(expired.id, {
        type: 'FUNDS_AUDIT_COMMITTEE',
        termStart: '2018-01-01',
        termYears: 5,
        seats: 3,
      }),
    });
    expect((await orgs.ok(PROBLEMS, { id: expired.id })).organization.committeeProblems).toEqual([
      'TERM_EXPIRED',
    ]);

    const nine = await grassroots('九女工会', 50, 9);
    const ten = await grassroots('十女工会', 50, 10);
    for (const u of [nine, ten]) {
      // Below 10 female members, R14 asks for a women-workers member on the union committee.
      await orgs.ok(TERM, { input: term(u.id, { seats: 5, womenWorkersMember: true }) });
      await orgs.ok(TERM, { input: term(u.id, { type: 'FUNDS_AUDIT_COMMITTEE', seats: 3 }) });
    }
    expect((await orgs.ok(PROBLEMS, { id: nine.id })).organization.committeeProblems).toEqual([]);
    expect((await orgs.ok(PROBLEMS, { id: ten.id })).organization.committeeProblems).toEqual([
      'WOMEN_WORKERS_COMMITTEE_MISSING',
    ]);
    await orgs.ok(TERM, { input: term(ten.id, { type: 'WOMEN_WORKERS_COMMITTEE', seats: 3 }) });
    expect((await orgs.ok(PROBLEMS, { id: ten.id })).organization.committeeProblems).toEqual([]);

    // Membership grew past the committee's row of the table.
    await orgs.ok(
      'mutation($id: ID!) { updateOrganization(id: $id, input: { reportedMembers: 201 }) { id } }',
      {
        id: nine.id,
      },
    );
    expect((await orgs.ok(PROBLEMS, { id: nine.id })).organization.committeeProblems).toEqual([
      'SIZE_OUT_OF_RANGE',
    ]);

    const report = await orgs.ok(
      `query($id: ID!) { committeeChecks(filter: { subtreeOf: $id }, problem: TERM_EXPIRED) { totalCount nodes { organization { id } problems } } }`,
      { id: tree.township },
      testCallers.analyst(),
    );
    expect(report.committeeChecks.nodes).toEqual([
      { organization: { id: expired.id }, problems: ['TERM_EXPIRED'] },
    ]);
  });
});

describe('six haves (R5) and annual reviews (R10)', () => {
  const items = (met: number) =>
    CRITERIA.map((criterion, i) => ({ criterion, met: i < met, evidence: '台账' }));

  it('validates assessments: six criteria once each, grassroots only, from an upper union', async () => {
    const union = await grassroots('评估工会', 30);
    const input = {
      organizationId: union.id,
      year: 2025,
      items: items(6),
      assessor: '张三',
      assessedOn: '2025-12-01',
    };
    const five = await orgs.fails(ASSESS, { input: { ...input, items: items(6).slice(1) } });
    expect([five.code, five.field]).toEqual(['BAD_USER_INPUT', 'items']);
    const repeated = await orgs.fails(ASSESS, { input: { ...input, items: [...items(5), items(6)[0]] } });
    expect([repeated.code, repeated.field]).toEqual(['BAD_USER_INPUT', 'items']);
    const county = await orgs.fails(ASSESS, { input: { ...input, organizationId: tree.tianhe } });
    expect([county.code, county.field]).toEqual(['BAD_USER_INPUT', 'organizationId']);
    const self = await orgs.fails(ASSESS, { input }, testCallers.orgAdmin(union.id));
    expect(self.code).toBe('FORBIDDEN');
    expect(await orgs.sg.server.models.SixHavesAssessment.countDocuments()).toBe(0);
    const first = await orgs.ok(
      ASSESS,
      { input: { ...input, items: items(5) } },
      testCallers.orgAdmin(tree.tianhe),
    );
    expect(first.recordSixHavesAssessment.compliant).toBe(false);
    const second = await orgs.ok(ASSESS, { input });
    expect(second.recordSixHavesAssessment).toMatchObject({
      id: first.recordSixHavesAssessment.id,
      compliant: true,
    });
    const events = (await publishedEvents(orgs.sg.server)).filter((e) => e.type === 'SixHavesAssessment');
    expect(events.at(-1)).toMatchObject({
      id: first.recordSixHavesAssessment.id,
      affects: [{ type: 'Organization', id: union.id }],
    });
  });

  it('reports the compliance rate against the 80% goal by region and subtree', async () => {
    // Zhongyuan (Henan) holds exactly five grassroots unions: 4 compliant → 80%, the goal is met.
    const street = await orgs.create({
      name: '中原街道总工会',
      type: 'TOWNSHIP_FEDERATION',
      divisionCode: '410102',
      parentId: tree.zhongyuan,
    });
    const unions = [];
    for (let i = 0; i < 5; i++) {
      unions.push(
        await orgs.create({
          name: `中原${i}工会`,
          type: 'GRASSROOTS',
          divisionCode: '410102',
          parentId: street.id,
        }),
      );
    }
    for (const [i, u] of unions.entries()) {
      await orgs.ok(ASSESS, {
        input: {
          organizationId: u.id,
          year: 2025,
          items: items(i < 4 ? 6 : 3),
          assessor: '李四',
          assessedOn: '2025-11-01',
        },
      });
    }
    const QUERY = `query($sub: ID) { sixHavesCompliance(year: 2025, by: COUNTY, divisionCode: "41", subtreeOf: $sub) {
      total { unions assessed compliant rate goal meetsGoal }
      byRegion { divisionCode name unions compliant rate meetsGoal } } }`;
    const henan = await orgs.ok(QUERY, {}, testCallers.orgAdmin(tree.henan));
    expect(henan.sixHavesCompliance.total).toEqual({
      unions: 5,
      assessed: 5,
      compliant: 4,
      rate: 0.8,
      goal: 0.8,
      meetsGoal: true,
    });
    expect(henan.sixHavesCompliance.byRegion).toEqual([
      { divisionCode: '410102', name: '中原区', unions: 5, compliant: 4, rate: 0.8, meetsGoal: true },
    ]);
    await orgs.create({ name: '中原5工会', type: 'GRASSROOTS', divisionCode: '410102', parentId: street.id });
    const below = await orgs.ok(QUERY, { sub: street.id }, testCallers.analyst());
    expect(below.sixHavesCompliance.total).toMatchObject({ unions: 6, compliant: 4, meetsGoal: false });
    const outside = await orgs.ok(QUERY, {}, testCallers.orgAdmin(tree.guangdong));
    expect(outside.sixHavesCompliance.total).toMatchObject({ unions: 0, rate: 0, meetsGoal: false });
  });

  it('records review meetings by upper unions and lists unions not reviewed in the past year', async () => {
    const REVIEW = `mutation($input: AnnualReviewInput!) { recordAnnualReview(input: $input) { id reviewer { id } } }`;
    const UNREVIEWED = `query($id: ID!, $since: Date) { unreviewedOrganizations(filter: { subtreeOf: $id }, since: $since, first: 100) {
      totalCount nodes { id } } }`;
    const county = await orgs.create({
      name: '二七区总工会',
      type: 'LOCAL_FEDERATION',
      divisionCode: '410103',
      parentId: tree.zhengzhou,
    });
    const street = await orgs.create({
      name: '二七街道总工会',
      type: 'TOWNSHIP_FEDERATION',
      divisionCode: '410103',
      parentId: county.id,
    });
    const a = await orgs.create({
      name: '二七甲工会',
      type: 'GRASSROOTS',
      divisionCode: '410103',
      parentId: street.id,
    });
    const recent = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);

    const notAncestor = await orgs.fails(REVIEW, {
      input: { organizationId: county.id, reviewerId: street.id, heldOn: recent, outcome: '良好' },
    });
    expect([notAncestor.code, notAncestor.field]).toEqual(['BAD_USER_INPUT', 'reviewerId']);
    const future = await orgs.fails(REVIEW, {
      input: { organizationId: a.id, reviewerId: street.id, heldOn: '2999-01-01', outcome: '良好' },
    });
    expect([future.code, future.field]).toEqual(['BAD_USER_INPUT', 'input.heldOn']);

    const countyAdmin = testCallers.orgAdmin(county.id);
    await orgs.ok(
      REVIEW,
      { input: { organizationId: street.id, reviewerId: county.id, heldOn: recent, outcome: '优秀' } },
      countyAdmin,
    );
    await orgs.ok(
      REVIEW,
      { input: { organizationId: a.id, reviewerId: street.id, heldOn: old, outcome: '合格' } },
      countyAdmin,
    );
    const unreviewed = await orgs.ok(UNREVIEWED, { id: county.id }, countyAdmin);
    expect(unreviewed.unreviewedOrganizations.nodes.map((n: { id: string }) => n.id).sort()).toEqual(
      [county.id, a.id].sort(),
    );
    const sinceOld = await orgs.ok(UNREVIEWED, { id: county.id, since: old }, countyAdmin);
    expect(sinceOld.unreviewedOrganizations.nodes).toEqual([{ id: county.id }]);
  });
});
