import { addMonths, type Caller, today } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();

/** One request as `caller`: its data and the first error's code. */
async function send(query: string, variables: Record<string, unknown>, caller: Caller) {
  const { data, errors } = await graph.query(query, { caller, variables });
  return { errors, code: errors?.[0]?.extensions?.code, data };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response shapes they just asked for
async function ok(query: string, variables: Record<string, unknown> = {}, caller = national): Promise<any> {
  const { data, errors } = await send(query, variables, caller);
  expect(errors).toBeUndefined();
  return data;
}

const refused = async (query: string, variables: Record<string, unknown>, caller: Caller) =>
  (await send(query, variables, caller)).code;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const byId = () => new Map(graph.plan.organizations.map((o) => [o._id, o]));

describe('the union structure of the opinion through the gateway (§5, §17, §18)', () => {
  it('§5: reports the unconverted work committee by county and converts it as the county federation', async () => {
    const committee = graph.plan.organizations.find((o) => o.type === 'TOWNSHIP_WORK_COMMITTEE')!;
    const county = byId().get(committee.parentId!)!;
    const converted = graph.plan.orgConversions[0]!;
    const REPORT = `{ unconvertedWorkCommittees(by: COUNTY) { divisionCode unions found organizations { id name } } }`;
    expect((await ok(REPORT)).unconvertedWorkCommittees).toEqual([
      {
        divisionCode: county.divisionCode,
        unions: 2,
        found: 1,
        organizations: [{ id: committee._id, name: committee.name }],
      },
    ]);
    const earlier = await ok(
      `query($id: ID!) { organization(id: $id) { type conversions { fromType fromName decisionNumber approvedBy { id } } } }`,
      { id: converted.organizationId },
    );
    expect(earlier.organization).toEqual({
      type: 'TOWNSHIP_FEDERATION',
      conversions: [
        {
          fromType: 'TOWNSHIP_WORK_COMMITTEE',
          fromName: converted.fromName,
          decisionNumber: converted.decisionNumber,
          approvedBy: { id: county._id },
        },
      ],
    });

    const CONVERT = `mutation($input: ConvertWorkCommitteeInput!) { convertWorkCommittee(input: $input) {
      toType toName organization { id type name } } }`;
    const input = {
      organizationId: committee._id,
      convertedOn: '2019-09-01',
      decisionNumber: '东城工发〔2019〕21号',
    };
    const union = graph.plan.organizations.find((o) => o.type === 'GRASSROOTS')!;
    // The committee's own staff, an analyst, and a union outside the committee's subtree are refused.
    expect(await refused(CONVERT, { input }, testCallers.orgAdmin(committee._id))).toBe('FORBIDDEN');
    expect(await refused(CONVERT, { input }, testCallers.analyst())).toBe('FORBIDDEN');
    expect(await refused(CONVERT, { input }, testCallers.orgAdmin(union._id))).toBe('FORBIDDEN');
    const done = await ok(CONVERT, { input }, testCallers.orgAdmin(county._id));
    expect(done.convertWorkCommittee).toEqual({
      toType: 'TOWNSHIP_FEDERATION',
      toName: committee.name.replace('工会工作委员会', '总工会'),
      organization: {
        id: committee._id,
        type: 'TOWNSHIP_FEDERATION',
        name: committee.name.replace('工会工作委员会', '总工会'),
      },
    });
    // The cached report was dropped with the organization's change event.
    expect((await ok(REPORT)).unconvertedWorkCommittees).toEqual([
      { divisionCode: county.divisionCode, unions: 2, found: 0, organizations: [] },
    ]);
  });

  it('§18, §17: shows assemblies and standing delegates with their members and contact duty, and records more', async () => {
    const delegate = graph.plan.standingDelegates[0]!;
    const member = graph.plan.members.find((m) => m._id === delegate.memberId)!;
    const admin = testCallers.orgAdmin(delegate.organizationId);
    const contacts = graph.plan.delegateContacts
      .filter((c) => c.delegateId === delegate._id)
      .sort((a, b) => b.contactedOn.getTime() - a.contactedOn.getTime());
    const due = addMonths(contacts[0]!.contactedOn, 3);
    const ORG = `query($id: ID!) { organization(id: $id) {
      membersMeetings { id kind quorate present eligible }
      standingDelegates(current: true) { totalCount nodes { id member { id name } lastContactOn contactDueOn contactOverdue } } } }`;
    const { organization } = await ok(ORG, { id: delegate.organizationId }, admin);
    const meeting = graph.plan.membersMeetings.find((m) => m._id === delegate.electedAtId)!;
    expect(organization.membersMeetings).toEqual([
      {
        id: meeting._id,
        kind: 'MEMBERS_ASSEMBLY',
        quorate: true,
        present: meeting.present,
        eligible: meeting.eligible,
      },
    ]);
    expect(organization.standingDelegates.nodes).toContainEqual({
      id: delegate._id,
      member: { id: member._id, name: member.name },
      lastContactOn: iso(contacts[0]!.contactedOn),
      contactDueOn: iso(due),
      contactOverdue: due < today(),
    });

    const MEETING = `mutation($input: MembersMeetingInput!) { recordMembersMeeting(input: $input) { id quorate } }`;
    const session = {
      organizationId: delegate.organizationId,
      kind: 'MEMBERS_ASSEMBLY',
      session: '第三届第二次',
      heldOn: iso(today()),
      eligible: 9,
      present: 6,
      resolutions: '补选会员代表一名',
      idempotencyKey: 'e2e-assembly',
    };
    expect(await refused(MEETING, { input: session }, testCallers.analyst())).toBe('FORBIDDEN');
    const other = graph.plan.organizations.find(
      (o) => o.type === 'GRASSROOTS' && o._id !== delegate.organizationId,
    )!;
    expect(await refused(MEETING, { input: session }, testCallers.orgAdmin(other._id))).toBe('FORBIDDEN');
    const { recordMembersMeeting } = await ok(MEETING, { input: session }, admin);
    expect(recordMembersMeeting.quorate).toBe(true);
    const newcomer = graph.plan.members.find(
      (m) => m.organizationId === delegate.organizationId && m._id !== delegate.memberId,
    )!;
    const { recordStandingDelegate } = await ok(
      `mutation($input: StandingDelegateInput!) { recordStandingDelegate(input: $input) { id contactOverdue member { name } } }`,
      { input: { meetingId: recordMembersMeeting.id, memberId: newcomer._id, termYears: 5 } },
      admin,
    );
    expect(recordStandingDelegate).toMatchObject({ contactOverdue: false, member: { name: newcomer.name } });
    const outside = await ok(`{ standingDelegates { totalCount } }`, {}, testCallers.orgAdmin(other._id));
    expect(outside.standingDelegates.totalCount).toBe(
      graph.plan.standingDelegates.filter((d) => d.organizationId === other._id).length,
    );
  });

  it('§18: lists unions with nothing disclosed in the past year, and one drops off once it discloses', async () => {
    const from = addMonths(today(), -12);
    const grassroots = graph.plan.organizations.filter((o) =>
      ['GRASSROOTS', 'JOINT_GRASSROOTS', 'VILLAGE_COMMUNITY'].includes(o.type),
    );
    const disclosed = new Set(
      graph.plan.unionDisclosures.filter((d) => d.disclosedOn >= from).map((d) => d.organizationId),
    );
    const REPORT = `{ undisclosedUnions(by: COUNTY) { found organizations { id } } }`;
    const [row] = (await ok(REPORT)).undisclosedUnions;
    const silent = grassroots.filter((o) => !disclosed.has(o._id)).map((o) => o._id);
    expect(row.organizations.map((o: { id: string }) => o.id).sort()).toEqual([...silent].sort());
    expect(silent.length).toBeGreaterThan(0);

    const DISCLOSE = `mutation($input: UnionDisclosureInput!) { recordUnionDisclosure(input: $input) { id } }`;
    const input = {
      organizationId: silent[0],
      subject: 'FINANCES',
      channel: 'NOTICE_BOARD',
      title: `${today().getUTCFullYear()}年上半年工会经费收支情况`,
      disclosedOn: iso(today()),
    };
    expect(await refused(DISCLOSE, { input }, testCallers.analyst())).toBe('FORBIDDEN');
    await ok(DISCLOSE, { input }, testCallers.orgAdmin(silent[0]!));
    const after = (await ok(REPORT)).undisclosedUnions;
    expect(after[0].found).toBe(silent.length - 1);
  });

  it('§17: lists liaison points by upper union and by grassroots union, flags overdue visits, records one', async () => {
    const point = graph.plan.liaisonPoints[0]!;
    const last = new Date(
      Math.max(
        point.since.getTime(),
        ...graph.plan.liaisonVisits.filter((v) => v.pointId === point._id).map((v) => v.visitedOn.getTime()),
      ),
    );
    const POINTS = `query($up: ID, $org: ID, $overdue: Boolean) { liaisonPoints(upperUnionId: $up, organizationId: $org, visitOverdue: $overdue) {
      totalCount nodes { id upperUnion { id } organization { id } staffName lastVisitOn visitOverdue } } }`;
    const upper = await ok(POINTS, { up: point.upperOrgId }, testCallers.orgAdmin(point.upperOrgId));
    expect(upper.liaisonPoints.totalCount).toBe(
      graph.plan.liaisonPoints.filter((p) => p.upperOrgId === point.upperOrgId).length,
    );
    expect(upper.liaisonPoints.nodes).toContainEqual({
      id: point._id,
      upperUnion: { id: point.upperOrgId },
      organization: { id: point.organizationId },
      staffName: point.staffName,
      lastVisitOn: iso(last),
      visitOverdue: addMonths(last, 3) < today(),
    });
    const union = testCallers.orgAdmin(point.organizationId);
    const own = await ok(POINTS, { org: point.organizationId }, union);
    expect(
      own.liaisonPoints.nodes.map((n: { id: string; upperUnion: unknown }) => [n.id, n.upperUnion]),
    ).toEqual([[point._id, null]]);
    // Analysts read the points but not the staff member's name.
    const analyst = await ok(POINTS, { org: point.organizationId }, testCallers.analyst());
    expect(analyst.liaisonPoints.nodes[0].staffName).toBeNull();

    const VISIT = `mutation($input: LiaisonVisitInput!) { recordLiaisonVisit(input: $input) { liaisonPoint { lastVisitOn visitOverdue } } }`;
    const input = { liaisonPointId: point._id, visitedOn: iso(today()), purpose: '了解会员代表联系会员情况' };
    expect(await refused(VISIT, { input }, union)).toBe('FORBIDDEN');
    const visited = await ok(VISIT, { input }, testCallers.orgAdmin(point.upperOrgId));
    expect(visited.recordLiaisonVisit.liaisonPoint).toEqual({
      lastVisitOn: iso(today()),
      visitOverdue: false,
    });
    const overdue = await ok(POINTS, { up: point.upperOrgId, overdue: true });
    expect(overdue.liaisonPoints.nodes.map((n: { id: string }) => n.id)).not.toContain(point._id);
  });
});
