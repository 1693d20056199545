import { addDays, addYears, orgSnapshotEvents, publishChanges, today } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { SIX_HAVES_EVIDENCE_EVENT } from '../domain/evidence-read-model';
import { type EvidenceSource, SIX_HAVES } from '../models';
import { type BaseTree, baseTree, type Orgs, startOrgs } from './fixtures';

let orgs: Orgs;
let tree: BaseTree;

beforeAll(async () => {
  orgs = await startOrgs();
  tree = await baseTree(orgs);
});
afterAll(() => orgs?.sg.stop());

const YEAR = today().getUTCFullYear();
const day = (d: Date) => d.toISOString().slice(0, 10);
const TODAY = day(today());

let clock = Date.now() * 1000;
/** A snapshot version as the publishers stamp them (microseconds), newer on every call. */
const stamp = () => {
  clock += 1_000_000;
  return clock;
};

/** Publishes a source's snapshot on its stream, as the publisher does, and waits until applied. */
async function snapshot(source: EvidenceSource, unionId: string, facts: object, version = stamp()) {
  const events = orgSnapshotEvents(SIX_HAVES_EVIDENCE_EVENT, [unionId], [facts], version);
  await publishChanges(orgs.sg.server.redis, orgs.sg.server.keyspace, source, events);
  await orgs.sg.server.subscriptions[source]!.caughtUp();
}

const noChair = { electedChairs: [] };
const chairFrom = (from: string) => ({
  electedChairs: [{ positionId: 'pos-1', electionId: 'el-1', from, until: null }],
});
const services = (o: Partial<{ carriers: object[]; congresses: object[]; surveys: object[] }> = {}) => ({
  carriers: [],
  congresses: [],
  surveys: [],
  ...o,
});
const funds = (receipts: { year: number; fen: number }[]) => ({
  account: { accountId: 'acct-1', openedOn: '2020-01-01' },
  receipts,
});

const TERM = `mutation($input: CommitteeTermInput!) { recordCommitteeTerm(input: $input) { id } }`;
const EVIDENCE = `query($id: ID!, $year: Int) { organization(id: $id) { sixHavesEvidence(year: $year) {
  year judgedOn compliant items { criterion status asOf records { kind id on figure } }
} } }`;
const ASSESS = `mutation($input: SixHavesAssessmentInput!) { recordSixHavesAssessment(input: $input) {
  compliant disagreements { criterion marked evidence } evidence { compliant }
} }`;

const CRITERIA = SIX_HAVES;

let unionNo = 0;
async function union(parentId = tree.township, divisionCode = '440106') {
  unionNo += 1;
  const { id } = await orgs.create({
    name: `六有测试公司${unionNo}工会委员会`,
    type: 'GRASSROOTS',
    divisionCode,
    parentId,
    reportedMembers: 50,
    reportedFemaleMembers: 0,
  });
  return id;
}

/** The union committee and funds audit committee elected on `termStart` for 3 years. */
async function committees(organizationId: string, termStart: string) {
  const term = { organizationId, termStart, termYears: 3 };
  await orgs.ok(TERM, { input: { ...term, type: 'UNION_COMMITTEE', seats: 5 } });
  await orgs.ok(TERM, { input: { ...term, type: 'FUNDS_AUDIT_COMMITTEE', seats: 3 } });
}

type Item = {
  criterion: string;
  status: string;
  asOf: string | null;
  records: { kind: string; id: string }[];
};
async function evidence(id: string, year = YEAR) {
  return (await orgs.ok(EVIDENCE, { id, year })).organization.sixHavesEvidence as {
    year: number;
    judgedOn: string;
    compliant: boolean | null;
    items: Item[];
  };
}
const statusOf = async (id: string, criterion: string, year = YEAR) =>
  (await evidence(id, year)).items.find((i) => i.criterion === criterion)!.status;

describe('six haves from evidence (R5)', () => {
  it('knows nothing of another subgraph’s haves until its snapshot arrives', async () => {
    const id = await union();
    const seen = await evidence(id);
    expect(seen.judgedOn).toBe(TODAY);
    expect(seen.compliant).toBe(false);
    expect(Object.fromEntries(seen.items.map((i) => [i.criterion, i.status]))).toEqual({
      ELECTED_CHAIR: 'UNKNOWN',
      SOUND_STRUCTURE: 'NOT_MET',
      SERVICE_CARRIERS: 'UNKNOWN',
      SOUND_SYSTEMS: 'NOT_MET',
      SELF_MANAGED_FUNDS: 'UNKNOWN',
      MEMBER_SATISFACTION: 'UNKNOWN',
    });
    expect(seen.items.find((i) => i.criterion === 'ELECTED_CHAIR')!.asOf).toBeNull();
  });

  it('SOUND_STRUCTURE: committees whose term ended yesterday are out, those ending today in', async () => {
    // A 3-year term's end is the first day out of term: started 3 years ago today, it ended yesterday.
    const endedYesterday = await union();
    await committees(endedYesterday, day(addYears(today(), -3)));
    const lastDayToday = await union();
    const start = day(addDays(addYears(today(), -3), 1));
    await committees(lastDayToday, start);
    expect(await statusOf(endedYesterday, 'SOUND_STRUCTURE')).toBe('NOT_MET');
    const structure = (await evidence(lastDayToday)).items.find((i) => i.criterion === 'SOUND_STRUCTURE')!;
    expect(structure.status).toBe('MET');
    expect(structure.records.map((r) => r.kind)).toEqual(['UNION_COMMITTEE', 'FUNDS_AUDIT_COMMITTEE']);
    // Last year was judged on its last day, when both terms ran.
    expect(await statusOf(endedYesterday, 'SOUND_STRUCTURE', YEAR - 1)).toBe('MET');
  });

  it('MEMBER_SATISFACTION: 899 of 1,000 satisfied is below 90 %, 900 of 1,000 meets it', async () => {
    const below = await union();
    const at = await union();
    const survey = (satisfied: number) =>
      services({ surveys: [{ surveyId: `s-${satisfied}`, year: YEAR, responses: 1000, satisfied }] });
    await snapshot('worker-services', below, survey(899));
    await snapshot('worker-services', at, survey(900));
    expect(await statusOf(below, 'MEMBER_SATISFACTION')).toBe('NOT_MET');
    const met = (await evidence(at)).items.find((i) => i.criterion === 'MEMBER_SATISFACTION')!;
    expect(met).toMatchObject({
      status: 'MET',
      records: [{ kind: 'SATISFACTION_SURVEY', id: 's-900', on: null, figure: 0.9 }],
    });
    expect(met.asOf).not.toBeNull();
    // A survey of last year says nothing of this year.
    expect(await statusOf(at, 'MEMBER_SATISFACTION', YEAR - 1)).toBe('NOT_MET');
  });

  it('SELF_MANAGED_FUNDS: receipts count in their own year only', async () => {
    const id = await union();
    await snapshot('funds', id, funds([{ year: YEAR - 1, fen: 1_250_000 }]));
    expect(await statusOf(id, 'SELF_MANAGED_FUNDS')).toBe('NOT_MET');
    const lastYear = (await evidence(id, YEAR - 1)).items.find((i) => i.criterion === 'SELF_MANAGED_FUNDS')!;
    expect(lastYear).toMatchObject({
      status: 'MET',
      records: [{ kind: 'FUND_ACCOUNT', id: 'acct-1', on: '2020-01-01', figure: 1_250_000 }],
    });
    await snapshot('funds', id, { account: null, receipts: [] });
    expect(await statusOf(id, 'SELF_MANAGED_FUNDS', YEAR - 1)).toBe('NOT_MET');
  });

  it('SOUND_SYSTEMS: a passing review, a disclosure and a workers’ congress, all in the year', async () => {
    const id = await union();
    await orgs.ok(`mutation($input: AnnualReviewInput!) { recordAnnualReview(input: $input) { id } }`, {
      input: { organizationId: id, reviewerId: tree.township, heldOn: TODAY, outcome: '合格' },
    });
    await orgs.ok(`mutation($input: UnionDisclosureInput!) { recordUnionDisclosure(input: $input) { id } }`, {
      input: {
        organizationId: id,
        subject: 'FINANCES',
        channel: 'NOTICE_BOARD',
        title: '年度经费收支情况',
        disclosedOn: TODAY,
      },
    });
    // The congress is worker-services’: unknown until its snapshot comes, then a yes or a no.
    expect(await statusOf(id, 'SOUND_SYSTEMS')).toBe('UNKNOWN');
    await snapshot(
      'worker-services',
      id,
      services({ congresses: [{ congressId: 'c-1', heldOn: `${YEAR - 1}-12-31` }] }),
    );
    expect(await statusOf(id, 'SOUND_SYSTEMS')).toBe('NOT_MET');
    await snapshot('worker-services', id, services({ congresses: [{ congressId: 'c-2', heldOn: TODAY }] }));
    const systems = (await evidence(id)).items.find((i) => i.criterion === 'SOUND_SYSTEMS')!;
    expect(systems.status).toBe('MET');
    expect(systems.records.map((r) => r.kind)).toEqual([
      'ANNUAL_REVIEW',
      'UNION_DISCLOSURE',
      'WORKERS_CONGRESS',
    ]);
    // A failed review is no review passed.
    const failed = await union();
    await orgs.ok(`mutation($input: AnnualReviewInput!) { recordAnnualReview(input: $input) { id } }`, {
      input: { organizationId: failed, reviewerId: tree.township, heldOn: TODAY, outcome: '不合格' },
    });
    expect(await statusOf(failed, 'SOUND_SYSTEMS')).toBe('NOT_MET');
  });

  it('flags the marks evidence arriving after the assessment contradicts', async () => {
    const id = await union();
    const items = CRITERIA.map((criterion) => ({ criterion, met: true }));
    const input = { organizationId: id, year: YEAR, items, assessor: '张评估', assessedOn: TODAY };
    const assessed = (await orgs.ok(ASSESS, { input })).recordSixHavesAssessment;
    // Own records contradict at once; other subgraphs' haves are unknown, so no disagreement yet.
    expect(assessed.disagreements).toEqual([
      { criterion: 'SOUND_STRUCTURE', marked: true, evidence: 'NOT_MET' },
      { criterion: 'SOUND_SYSTEMS', marked: true, evidence: 'NOT_MET' },
    ]);
    await snapshot('cadres', id, noChair);
    const later = await orgs.ok(
      `query($id: ID!) { organization(id: $id) { sixHavesAssessments { disagreements { criterion marked evidence } } } }`,
      { id },
    );
    expect(later.organization.sixHavesAssessments[0].disagreements).toEqual([
      { criterion: 'ELECTED_CHAIR', marked: true, evidence: 'NOT_MET' },
      { criterion: 'SOUND_STRUCTURE', marked: true, evidence: 'NOT_MET' },
      { criterion: 'SOUND_SYSTEMS', marked: true, evidence: 'NOT_MET' },
    ]);
  });

  it('ignores a replayed or older snapshot; a newer one wins', async () => {
    const id = await union();
    const first = stamp();
    await snapshot('cadres', id, chairFrom(`${YEAR - 2}-03-01`), first);
    expect(await statusOf(id, 'ELECTED_CHAIR')).toBe('MET');
    // Older (a late delivery) and the same version again (a replay): nothing changes.
    await snapshot('cadres', id, noChair, first - 1);
    await snapshot('cadres', id, noChair, first);
    expect(await statusOf(id, 'ELECTED_CHAIR')).toBe('MET');
    const stored = await orgs.sg.server.models.SixHavesEvidence.find({ organizationId: id }).lean();
    expect(stored.map((d) => [d._id, d.version])).toEqual([[`${id}:cadres`, first]]);
    await snapshot('cadres', id, noChair);
    expect(await statusOf(id, 'ELECTED_CHAIR')).toBe('NOT_MET');
  });

  it('counts R5’s rate by marks or by evidence, and reports disagreements by region in the subtree', async () => {
    const [a, b] = [await union(tree.zhongyuan, '410102'), await union(tree.zhongyuan, '410102')];
    const all = (met: boolean) => CRITERIA.map((criterion) => ({ criterion, met }));
    for (const [id, met] of [
      [a, true],
      [b, false],
    ] as const) {
      await orgs.ok(ASSESS, {
        input: { organizationId: id, year: YEAR, items: all(met), assessor: '李评估', assessedOn: TODAY },
      });
    }
    // b's evidence for the six haves: the chair and carriers are there, the rest missing.
    await snapshot('cadres', b, chairFrom(`${YEAR - 1}-05-01`));
    await snapshot(
      'worker-services',
      b,
      services({ carriers: [{ kind: 'WORKERS_HOME', id: 'h-1', since: '2019-01-01' }] }),
    );
    await snapshot('funds', b, funds([]));
    const compliance = `query($basis: SixHavesBasis) { sixHavesCompliance(year: ${YEAR}, by: COUNTY, subtreeOf: "${tree.zhongyuan}", basis: $basis) {
      basis total { unions assessed compliant } } }`;
    expect((await orgs.ok(compliance, {})).sixHavesCompliance).toEqual({
      basis: 'MARKS',
      total: { unions: 2, assessed: 2, compliant: 1 },
    });
    expect((await orgs.ok(compliance, { basis: 'EVIDENCE' })).sixHavesCompliance).toEqual({
      basis: 'EVIDENCE',
      // Both decided by what is missing; none compliant.
      total: { unions: 2, assessed: 2, compliant: 0 },
    });

    const REPORT = `query($id: ID!) { sixHavesDisagreements(organizationId: $id, year: ${YEAR}, by: COUNTY) {
      year total { assessed disagreeing rate byCriterion { criterion count } organizations { id } }
      byRegion { divisionCode name assessed disagreeing }
    } }`;
    const report = (await orgs.ok(REPORT, { id: tree.henan }, testCallers.analyst())).sixHavesDisagreements;
    expect(report.total).toEqual({
      assessed: 2,
      disagreeing: 2,
      rate: 1,
      byCriterion: [
        { criterion: 'ELECTED_CHAIR', count: 1 },
        { criterion: 'SOUND_STRUCTURE', count: 1 },
        { criterion: 'SERVICE_CARRIERS', count: 1 },
        { criterion: 'SOUND_SYSTEMS', count: 1 },
        { criterion: 'SELF_MANAGED_FUNDS', count: 0 },
        { criterion: 'MEMBER_SATISFACTION', count: 0 },
      ],
      organizations: [{ id: a }, { id: b }],
    });
    expect(report.byRegion).toEqual([
      { divisionCode: '410102', name: '中原区', assessed: 2, disagreeing: 2 },
    ]);

    const member = testCallers.member('m-1', a);
    expect(await orgs.fails(REPORT, { id: tree.henan }, member)).toMatchObject({ code: 'FORBIDDEN' });
    const guangdongStaff = testCallers.orgAdmin(tree.guangdong);
    expect(await orgs.fails(REPORT, { id: tree.henan }, guangdongStaff)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await orgs.fails(REPORT, { id: 'no-such-union' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'organizationId',
    });
  });

  it('refuses a year outside 2000 to this year', async () => {
    const id = await union();
    expect(await orgs.fails(EVIDENCE, { id, year: YEAR + 1 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
    });
  });
});
