import { makeCreditCode, makeResidentId } from '@union-graph/domain';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { type Data, startTestGraph, type TestGraph } from '../support/graph';

/**
 * Worker services through the gateway: a union's Workers' Home earns a model title with eligibility
 * computed from real member counts (members subgraph) and employee counts (organizations subgraph),
 * an alert escalates to a dispute reported to the upper union, and a county's R20 report lists the
 * contracts due for renewal.
 */
let graph: TestGraph;

function isoDay(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

let county: { _id: string; divisionCode: string };
let township: { _id: string };
let unionId: string;
let countyAdmin: ReturnType<typeof testCallers.orgAdmin>;
let unionAdmin: ReturnType<typeof testCallers.orgAdmin>;
const memberIds: string[] = [];

async function registerMember(i: number): Promise<string> {
  const { registerMember } = await graph.ok(
    `mutation($input: MemberInput!) { registerMember(input: $input) { id } }`,
    {
      input: {
        organizationId: unionId,
        name: `职工${i}`,
        residentId: makeResidentId(county.divisionCode, `1990-01-${String(i + 1).padStart(2, '0')}`, 999),
      },
    },
  );
  memberIds.push(registerMember.id);
  return registerMember.id;
}

const ELIGIBILITY = `query($id: ID!) { organization(id: $id) { memberCount hostUnits { employeeCount }
  modelHomeEligibility(level: COUNTY) { eligible reasons certificate figures { memberCount employeeCount joiningRate satisfactionRate } } } }`;

beforeAll(async () => {
  graph = await startTestGraph();
  const c = graph.plan.organizations.find((o) => o.level === 'COUNTY')!;
  county = c;
  township = graph.plan.organizations.find((o) => o.parentId === c._id && o.type === 'TOWNSHIP_FEDERATION')!;
  countyAdmin = testCallers.orgAdmin(county._id);
  // A unit of 10 employees and its new union, through the organizations subgraph.
  const { registerHostUnit } = await graph.ok(
    `mutation($input: HostUnitInput!) { registerHostUnit(input: $input) { id } }`,
    {
      input: {
        name: '中原精密机械有限公司',
        creditCode: makeCreditCode('91', county.divisionCode, 90_001),
        kind: 'NON_PUBLIC_ENTERPRISE',
        divisionCode: county.divisionCode,
        employeeCount: 10,
        femaleEmployeeCount: 4,
        responsibleOrgId: township._id,
      },
    },
  );
  const { createOrganization } = await graph.ok(
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    {
      input: {
        name: '中原精密机械有限公司工会委员会',
        type: 'GRASSROOTS',
        parentId: township._id,
        divisionCode: county.divisionCode,
        hostUnitId: registerHostUnit.id,
      },
    },
  );
  unionId = createOrganization.id;
  unionAdmin = testCallers.orgAdmin(unionId);
  await graph.subgraphs['worker-services']!.server.directory!.caughtUp();
  await graph.subgraphs.members!.server.directory?.caughtUp();
  for (let i = 0; i < 8; i++) await registerMember(i);
});
afterAll(() => graph?.stop());

describe('the model-title cycle through the gateway', () => {
  let homeId: string;
  let titleId: string;

  it('computes R19 eligibility from the members and employees the other subgraphs hold', async () => {
    ({
      createWorkersHome: { id: homeId },
    } = await graph.ok(
      `mutation($o: ID!) { createWorkersHome(input: { organizationId: $o, name: "精密机械职工之家", kind: STANDARD, establishedAt: "2020-05-01" }) { id } }`,
      { o: unionId },
    ));
    const { createSatisfactionSurvey: survey } = await graph.ok(
      `mutation($o: ID!) { createSatisfactionSurvey(input: { organizationId: $o, year: 2026, title: "会员评家" }) { id } }`,
      { o: unionId },
    );
    for (const [i, memberId] of memberIds.entries()) {
      await graph.ok(
        `mutation($s: ID!, $m: ID!, $r: SatisfactionRating!) { rateUnion(surveyId: $s, memberId: $m, rating: $r) { id } }`,
        { s: survey.id, m: memberId, r: i === 0 ? 'DISSATISFIED' : 'SATISFIED' },
        unionAdmin,
      );
    }
    const before = (await graph.ok(ELIGIBILITY, { id: unionId }, unionAdmin)).organization;
    expect(before.memberCount).toBe(8);
    expect(before.modelHomeEligibility).toMatchObject({
      eligible: false,
      certificate: null,
      figures: { memberCount: 8, employeeCount: 10, joiningRate: 0.8 },
    });

    // The ninth member joins (and answers the survey): 9 of 10 employees, 8 of 9 satisfied → still short.
    const ninth = await registerMember(8);
    await graph.ok(
      `mutation($s: ID!, $m: ID!) { rateUnion(surveyId: $s, memberId: $m, rating: BASICALLY_SATISFIED) { id } }`,
      { s: survey.id, m: ninth },
      unionAdmin,
    );
    const nine = (await graph.ok(ELIGIBILITY, { id: unionId }, unionAdmin)).organization.modelHomeEligibility;
    expect(nine.figures).toEqual({
      memberCount: 9,
      employeeCount: 10,
      joiningRate: 0.9,
      satisfactionRate: 8 / 9,
    });
    expect(nine.reasons).toEqual(['会员满意率 88.9% 低于 90%']);

    // A second, later survey where 9 of 10 answers are satisfied.
    const { createSatisfactionSurvey: second } = await graph.ok(
      `mutation($o: ID!) { createSatisfactionSurvey(input: { organizationId: $o, year: 2027, title: "会员评家（复评）" }) { id } }`,
      { o: unionId },
    );
    for (const [i, memberId] of memberIds.entries()) {
      await graph.ok(
        `mutation($s: ID!, $m: ID!, $r: SatisfactionRating!) { rateUnion(surveyId: $s, memberId: $m, rating: $r) { id } }`,
        { s: second.id, m: memberId, r: 'SATISFIED' },
        unionAdmin,
      );
      if (i === 0) {
        await graph.ok(
          `mutation($s: ID!) { rateUnion(surveyId: $s, memberId: "former-member", rating: DISSATISFIED) { id } }`,
          { s: second.id },
          unionAdmin,
        );
      }
    }
    const ready = (await graph.ok(ELIGIBILITY, { id: unionId }, unionAdmin)).organization
      .modelHomeEligibility;
    expect(ready).toMatchObject({
      eligible: true,
      reasons: [],
      figures: { joiningRate: 0.9, satisfactionRate: 0.9 },
    });
    expect(ready.certificate).toEqual(expect.any(String));
  });

  it('creates, applies, is assessed and commended by the county, and rechecked', async () => {
    ({
      startModelTitle: { id: titleId },
    } = await graph.ok(
      `mutation($h: ID!) { startModelTitle(homeId: $h, level: COUNTY) { id conferrer { id } } }`,
      { h: homeId },
      unionAdmin,
    ));
    const { certificate } = (await graph.ok(ELIGIBILITY, { id: unionId }, unionAdmin)).organization
      .modelHomeEligibility;
    const applied = await graph.ok(
      `mutation($id: ID!, $c: String!) { applyForModelTitle(id: $id, certificate: $c) { status appliedFigures { memberCount employeeCount } } }`,
      { id: titleId, c: certificate },
      unionAdmin,
    );
    expect(applied.applyForModelTitle).toEqual({
      status: 'APPLIED',
      appliedFigures: { memberCount: 9, employeeCount: 10 },
    });
    const self = await graph.query<Data>(
      `mutation($id: ID!) { assessModelTitle(id: $id, passed: true) { status } }`,
      {
        caller: unionAdmin,
        variables: { id: titleId },
      },
    );
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await graph.ok(
      `mutation($id: ID!) { assessModelTitle(id: $id, passed: true, note: "考核合格") { status } }`,
      { id: titleId },
      countyAdmin,
    );
    await graph.ok(
      `mutation($id: ID!) { commendModelTitle(id: $id) { status } }`,
      { id: titleId },
      countyAdmin,
    );
    await graph.ok(
      `mutation($id: ID!) { recheckModelTitle(id: $id, passed: true) { status } }`,
      { id: titleId },
      countyAdmin,
    );
    const { organization } = await graph.ok(
      `query($id: ID!) { organization(id: $id) { name workersHome { name modelTitles { level status held conferrer { name } steps { step } } } } }`,
      { id: unionId },
      countyAdmin,
    );
    expect(organization.workersHome.modelTitles).toEqual([
      {
        level: 'COUNTY',
        status: 'COMMENDED',
        held: true,
        conferrer: { name: graph.plan.organizations.find((o) => o._id === county._id)!.name },
        steps: [{ step: 'APPLY' }, { step: 'ASSESS' }, { step: 'COMMEND' }, { step: 'RECHECK' }],
      },
    ]);
  });

  it('lets the unit be nominated for the district May Day award, not the municipal one (R11)', async () => {
    const NOMINATE = `mutation($input: AwardNominationInput!) { nominateForAward(input: $input) { level nominee { name } } }`;
    const input = (level: string) => ({
      input: {
        kind: 'MAY_DAY_AWARD',
        level,
        year: 2026,
        nomineeOrganizationId: unionId,
        name: '中原精密机械有限公司',
      },
    });
    expect((await graph.ok(NOMINATE, input('COUNTY'), unionAdmin)).nominateForAward.nominee.name).toBe(
      '中原精密机械有限公司工会委员会',
    );
    // Tiny is Beijing, whose districts sit right under the municipal (provincial-level) federation.
    const municipal = await graph.query<Data>(NOMINATE, { caller: unionAdmin, variables: input('PROVINCE') });
    expect(municipal.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'nomineeOrganizationId',
      rule: 'R11',
    });
  });
});

describe('an alert escalates to a dispute reported up (R8)', () => {
  it('goes warn → assess → report → emergency, then a dispute reported to and taken over by the upper union', async () => {
    const { raiseLaborAlert: alert } = await graph.ok(
      `mutation($o: ID!) { raiseLaborAlert(input: { organizationId: $o, category: WAGE_ARREARS, description: "拖欠工资", workersAffected: 9 }) { id } }`,
      { o: unionId },
      unionAdmin,
    );
    await graph.ok(
      `mutation($id: ID!) { assessLaborAlert(id: $id, risk: HIGH) { id } }`,
      { id: alert.id },
      unionAdmin,
    );
    await graph.ok(`mutation($id: ID!) { reportLaborAlert(id: $id) { id } }`, { id: alert.id }, unionAdmin);
    await graph.ok(
      `mutation($id: ID!) { declareAlertEmergency(id: $id, note: "启动应急预案") { id } }`,
      { id: alert.id },
      unionAdmin,
    );
    const { openCollectiveDispute: dispute } = await graph.ok(
      `mutation($input: CollectiveDisputeInput!) { openCollectiveDispute(input: $input) { id status } }`,
      {
        input: {
          organizationId: unionId,
          alertId: alert.id,
          description: '职工集体停工讨薪',
          workersInvolved: 9,
          occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        },
      },
      unionAdmin,
    );
    expect(dispute.status).toBe('OPEN');
    await graph.ok(
      `mutation($id: ID!) { reportCollectiveDispute(id: $id) { id } }`,
      { id: dispute.id },
      unionAdmin,
    );
    await graph.ok(
      `mutation($id: ID!) { takeOverCollectiveDispute(id: $id, note: "上代下") { id } }`,
      { id: dispute.id },
      testCallers.orgAdmin(township._id),
    );
    const { organization } = await graph.ok(
      `query($id: ID!) { organization(id: $id) { openAlerts { stage risk reportedTo { name }
        dispute { status reportedAt reportedLate upperUnion { name } takenOverBy { name } } } } }`,
      { id: unionId },
      countyAdmin,
    );
    const townshipName = graph.plan.organizations.find((o) => o._id === township._id)!.name;
    expect(organization.openAlerts).toEqual([
      {
        stage: 'EMERGENCY',
        risk: 'HIGH',
        reportedTo: { name: townshipName },
        dispute: {
          status: 'TAKEN_OVER',
          reportedAt: expect.any(String),
          reportedLate: false,
          upperUnion: { name: townshipName },
          takenOverBy: { name: townshipName },
        },
      },
    ]);
  });
});

describe('a county’s collective-contract report (R20)', () => {
  it('lists the contracts due for renewal within 60 days of expiry', async () => {
    const create = async (kind: string, expiresOn: string) => {
      const { createCollectiveContract: c } = await graph.ok(
        `mutation($input: CollectiveContractInput!) { createCollectiveContract(input: $input) { id } }`,
        {
          input: {
            organizationId: unionId,
            kind,
            title: `${kind}集体合同`,
            startsOn: isoDay(-600),
            expiresOn,
          },
        },
        unionAdmin,
      );
      await graph.ok(`mutation($id: ID!) { recordNegotiation(id: $id) { id } }`, { id: c.id }, unionAdmin);
      await graph.ok(
        `mutation($id: ID!, $on: Date!) { signCollectiveContract(id: $id, signedOn: $on) { id } }`,
        { id: c.id, on: isoDay(-590) },
        unionAdmin,
      );
      return c.id as string;
    };
    const due = await create('WAGE', isoDay(30));
    const later = await create('GENERAL', isoDay(200));
    // The demo data's own contracts in the county are the seed's; these two are the test's.
    const ours = <T extends { id: string }>(list: T[]) => list.filter((c) => c.id === due || c.id === later);
    const { collectiveContractReport } = await graph.ok(
      `query($o: ID!) { collectiveContractReport(organizationId: $o) { renewalWindowDays
        dueForRenewal { id status renewalDue expiresOn organization { name county } } filingOverdue { id } } }`,
      { o: county._id },
      countyAdmin,
    );
    expect(collectiveContractReport.renewalWindowDays).toBe(60);
    expect(ours(collectiveContractReport.dueForRenewal)).toEqual([
      expect.objectContaining({ id: due, status: 'SIGNED', renewalDue: true, expiresOn: isoDay(30) }),
    ]);
    expect(ours(collectiveContractReport.dueForRenewal)[0].organization.name).toBe(
      '中原精密机械有限公司工会委员会',
    );
    // Both were signed 590 days ago and never filed: overdue past the 7-day filing deadline.
    expect(ours(collectiveContractReport.filingOverdue)).toHaveLength(2);
  });
});
