import { setClock } from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { contactOverdue } from '../domain/assemblies';
import { visitOverdue } from '../domain/liaison';
import type { LiaisonPointDoc, StandingDelegateDoc } from '../models';
import { loadStructureRules } from '../rules';
import { type BaseTree, baseTree, type Orgs, startOrgs } from './fixtures';

let orgs: Orgs;
let tree: BaseTree;

beforeAll(async () => {
  orgs = await startOrgs();
  tree = await baseTree(orgs);
});
afterAll(() => orgs?.sg.stop());
afterEach(() => setClock(null));

/** Midday in Beijing: today is 2026-06-30 on China's calendar. */
const TODAY = '2026-06-30T04:00:00Z';

const tianheAdmin = () => testCallers.orgAdmin(tree.tianhe);
const henanAdmin = () => testCallers.orgAdmin(tree.henan);

const CONVERT = `mutation($input: ConvertWorkCommitteeInput!) { convertWorkCommittee(input: $input) {
  id fromType toType fromName toName convertedOn decisionNumber approvedBy { id }
  organization { id type name version conversions { id fromType } } } }`;
const UNCONVERTED = `query($sub: ID) { unconvertedWorkCommittees(by: COUNTY, subtreeOf: $sub) {
  divisionCode unions found rate organizations { name } } }`;

function workCommittee(name: string, parentId = tree.tianhe) {
  return orgs.create({
    name,
    type: 'TOWNSHIP_WORK_COMMITTEE',
    divisionCode: '440106',
    parentId,
    establishedAt: '2010-03-01',
  });
}

function grassroots(name: string, parentId = tree.township) {
  return orgs.create({ name, type: 'GRASSROOTS', divisionCode: '440106', parentId });
}

describe('§5 work committees become township federations', () => {
  it('checks the decision and the date, refuses the committee itself and other roles, writing nothing', async () => {
    const committee = await workCommittee('天河区棠下街道工会工作委员会');
    const input = (change: Record<string, unknown> = {}) => ({
      organizationId: committee.id,
      convertedOn: '2016-12-31',
      decisionNumber: '天工发〔2016〕12号',
      ...change,
    });
    for (const [change, field] of [
      [{ decisionNumber: '天工发2016年12号' }, 'input.decisionNumber'],
      [{ decisionNumber: '天工发〔2017〕1号' }, 'input.decisionNumber'], // dated after the conversion
      [{ convertedOn: '2010-02-28' }, 'input.convertedOn'], // before the committee was founded
      [{ name: '天河区棠下街道工会工作委员会' }, 'input.name'],
    ] as const) {
      const error = await orgs.fails(CONVERT, { input: input(change) });
      expect([JSON.stringify(change), error.code, error.field]).toEqual([
        JSON.stringify(change),
        'BAD_USER_INPUT',
        field,
      ]);
    }
    expect((await orgs.fails(CONVERT, { input: input() }, testCallers.orgAdmin(committee.id))).code).toBe(
      'FORBIDDEN',
    );
    expect((await orgs.fails(CONVERT, { input: input() }, testCallers.analyst())).code).toBe('FORBIDDEN');
    expect((await orgs.fails(CONVERT, { input: input() }, henanAdmin())).code).toBe('FORBIDDEN');
    expect(await orgs.sg.server.models.OrgConversion.countDocuments({ organizationId: committee.id })).toBe(
      0,
    );
    const still = await orgs.ok(`query($id: ID!) { organization(id: $id) { type version } }`, {
      id: committee.id,
    });
    expect(still.organization).toEqual({ type: 'TOWNSHIP_WORK_COMMITTEE', version: 1 });
  });

  it('converts the same organization, keeps its earlier type, and answers a keyed repeat once', async () => {
    const committee = await workCommittee('天河区沙河街道工会工作委员会');
    const child = await grassroots('某电子厂工会委员会', committee.id);
    const before = (await publishedEvents(orgs.sg.server)).length;
    const input = {
      organizationId: committee.id,
      // The decision's year may equal the conversion's.
      convertedOn: '2016-01-01',
      decisionNumber: '天工发〔2016〕3号',
      decisionTitle: '关于同意成立沙河街道总工会的批复',
      idempotencyKey: 'shahe-2016',
    };
    const { convertWorkCommittee: done } = await orgs.ok(CONVERT, { input }, tianheAdmin());
    expect(done).toMatchObject({
      fromType: 'TOWNSHIP_WORK_COMMITTEE',
      toType: 'TOWNSHIP_FEDERATION',
      fromName: '天河区沙河街道工会工作委员会',
      toName: '天河区沙河街道总工会',
      convertedOn: '2016-01-01',
      approvedBy: { id: tree.tianhe },
      organization: {
        id: committee.id,
        type: 'TOWNSHIP_FEDERATION',
        name: '天河区沙河街道总工会',
        version: 2,
        conversions: [{ id: done.id, fromType: 'TOWNSHIP_WORK_COMMITTEE' }],
      },
    });
    const events = (await publishedEvents(orgs.sg.server)).slice(before);
    expect(events.filter((e) => e.type === 'Organization').map((e) => e.id)).toEqual([committee.id]);

    const again = await orgs.ok(CONVERT, { input }, tianheAdmin());
    expect(again.convertWorkCommittee.id).toBe(done.id);
    expect(again.convertWorkCommittee.organization.version).toBe(2);
    const other = await orgs.fails(
      CONVERT,
      { input: { ...input, decisionNumber: '天工发〔2016〕4号' } },
      tianheAdmin(),
    );
    expect([other.code, other.field]).toEqual(['CONFLICT', 'idempotencyKey']);
    const twice = await orgs.fails(CONVERT, { input: { ...input, idempotencyKey: null } }, tianheAdmin());
    expect([twice.code, twice.field]).toEqual(['BAD_USER_INPUT', 'input.organizationId']);
    expect(await orgs.sg.server.models.OrgConversion.countDocuments({ organizationId: committee.id })).toBe(
      1,
    );
    const kept = await orgs.ok(`query($id: ID!) { organization(id: $id) { parent { id type } } }`, {
      id: child.id,
    });
    expect(kept.organization.parent).toEqual({ id: committee.id, type: 'TOWNSHIP_FEDERATION' });
  });

  it('finishes a conversion whose record was written but whose type was not', async () => {
    const committee = await workCommittee('天河区员村街道工会工作委员会');
    await orgs.sg.server.models.OrgConversion.create({
      organizationId: committee.id,
      fromType: 'TOWNSHIP_WORK_COMMITTEE',
      toType: 'TOWNSHIP_FEDERATION',
      fromName: '天河区员村街道工会工作委员会',
      toName: '天河区员村街道总工会',
      convertedOn: new Date('2018-05-01'),
      decisionNumber: '天工发〔2018〕7号',
      approvedById: tree.tianhe,
      recordedBy: 'national-admin',
    });
    const { convertWorkCommittee } = await orgs.ok(CONVERT, {
      input: { organizationId: committee.id, convertedOn: '2018-05-01', decisionNumber: '天工发〔2018〕7号' },
    });
    expect(convertWorkCommittee.organization).toMatchObject({ type: 'TOWNSHIP_FEDERATION', version: 2 });
  });

  it('reports unconverted committees by region, against committees and converted ones, scoped', async () => {
    const county = await orgs.create({
      name: '海珠区总工会',
      type: 'LOCAL_FEDERATION',
      divisionCode: '440105',
      parentId: tree.guangzhou,
    });
    const waiting = await orgs.create({
      name: '海珠区南洲街道工会工作委员会',
      type: 'TOWNSHIP_WORK_COMMITTEE',
      divisionCode: '440105',
      parentId: county.id,
    });
    const converted = await orgs.create({
      name: '海珠区琶洲街道工会工作委员会',
      type: 'TOWNSHIP_WORK_COMMITTEE',
      divisionCode: '440105',
      parentId: county.id,
      establishedAt: '2012-01-01',
    });
    await orgs.create({
      name: '海珠区江海街道总工会',
      type: 'TOWNSHIP_FEDERATION',
      divisionCode: '440105',
      parentId: county.id,
    });
    await orgs.ok(CONVERT, {
      input: { organizationId: converted.id, convertedOn: '2020-06-01', decisionNumber: '海工发〔2020〕9号' },
    });
    const rows = (await orgs.ok(UNCONVERTED, { sub: county.id })).unconvertedWorkCommittees;
    // The federation founded as one is not a conversion: two unions looked at, one found.
    expect(rows).toEqual([
      {
        divisionCode: '440105',
        unions: 2,
        found: 1,
        rate: 0.5,
        organizations: [{ name: '海珠区南洲街道工会工作委员会' }],
      },
    ]);
    const mine = await orgs.ok(UNCONVERTED, {}, testCallers.orgAdmin(county.id));
    expect(mine.unconvertedWorkCommittees.map((r: { found: number }) => r.found)).toEqual([1]);
    expect((await orgs.ok(UNCONVERTED, {}, henanAdmin())).unconvertedWorkCommittees).toEqual([]);
    expect(waiting.level).toBe('TOWNSHIP');
  });
});

const MEETING = `mutation($input: MembersMeetingInput!) { recordMembersMeeting(input: $input) { id quorate heldOn resolutions } }`;
const DELEGATE = `mutation($input: StandingDelegateInput!) { recordStandingDelegate(input: $input) {
  id termStart termEnd current member { id } electedAt { id } contactDueOn contactOverdue } }`;
const CONTACT = `mutation($input: DelegateContactInput!) { recordDelegateContact(input: $input) { id delegate { id lastContactOn contactOverdue } } }`;

describe('§18 assemblies and standing delegates, §17 their contact with members', () => {
  let union: string;
  beforeAll(async () => {
    union = (await grassroots('广州某机械有限公司工会委员会')).id;
  });
  const meeting = (change: Record<string, unknown> = {}) => ({
    organizationId: union,
    kind: 'MEMBERS_CONGRESS',
    session: '第二届第一次',
    heldOn: '2026-03-30',
    eligible: 30,
    present: 20,
    resolutions: '选举产生第二届会员代表\n审议工会工作报告\n',
    ...change,
  });

  it('records sessions with attendance, quorate from two thirds present', async () => {
    setClock(TODAY);
    for (const [change, field] of [
      [{ eligible: 0, present: 0 }, 'input.eligible'],
      [{ present: 31 }, 'input.present'],
      [{ heldOn: '2026-07-01' }, 'input.heldOn'],
    ] as const) {
      const error = await orgs.fails(MEETING, { input: meeting(change) });
      expect([JSON.stringify(change), error.code, error.field]).toEqual([
        JSON.stringify(change),
        'BAD_USER_INPUT',
        field,
      ]);
    }
    expect((await orgs.fails(MEETING, { input: meeting() }, testCallers.analyst())).code).toBe('FORBIDDEN');
    expect((await orgs.fails(MEETING, { input: meeting() }, henanAdmin())).code).toBe('FORBIDDEN');
    expect(await orgs.sg.server.models.MembersMeeting.countDocuments({ organizationId: union })).toBe(0);
    const quorate = await orgs.ok(MEETING, { input: meeting() }, testCallers.orgAdmin(union));
    expect(quorate.recordMembersMeeting).toMatchObject({
      quorate: true,
      heldOn: '2026-03-30',
      resolutions: ['选举产生第二届会员代表', '审议工会工作报告'],
    });
    const short = await orgs.ok(MEETING, {
      input: meeting({ kind: 'MEMBERS_ASSEMBLY', heldOn: '2026-03-29', eligible: 30, present: 19 }),
    });
    expect(short.recordMembersMeeting.quorate).toBe(false);
    const twice = await orgs.fails(MEETING, { input: meeting() });
    expect([twice.code, twice.field]).toEqual(['CONFLICT', 'input.heldOn']);
  });

  it('elects delegates at a quorate session for 3 or 5 years, once per member and term, and flags overdue contact', async () => {
    setClock(TODAY);
    const sessions = (
      await orgs.ok(`query($id: ID!) { organization(id: $id) { membersMeetings { id heldOn quorate } } }`, {
        id: union,
      })
    ).organization.membersMeetings as { id: string; heldOn: string; quorate: boolean }[];
    expect(sessions.map((s) => [s.heldOn, s.quorate])).toEqual([
      ['2026-03-30', true],
      ['2026-03-29', false],
    ]);
    const [quorate, short] = sessions as [(typeof sessions)[0], (typeof sessions)[0]];
    const elect = (change: Record<string, unknown>) => ({
      meetingId: quorate.id,
      memberId: 'member-wang',
      termYears: 5,
      ...change,
    });
    const noQuorum = await orgs.fails(DELEGATE, { input: elect({ meetingId: short.id }) });
    expect([noQuorum.code, noQuorum.field]).toEqual(['BAD_USER_INPUT', 'input.meetingId']);
    const four = await orgs.fails(DELEGATE, { input: elect({ termYears: 4 }) });
    expect([four.code, four.field]).toEqual(['BAD_USER_INPUT', 'input.termYears']);
    expect((await orgs.fails(DELEGATE, { input: elect({}) }, henanAdmin())).code).toBe('NOT_FOUND');
    expect((await orgs.fails(DELEGATE, { input: elect({}) }, testCallers.analyst())).code).toBe('FORBIDDEN');

    const { recordStandingDelegate: wang } = await orgs.ok(DELEGATE, {
      input: elect({ idempotencyKey: 'wang-2026' }),
    });
    // Elected 2026-03-30, a quarter to contact members: due 2026-06-30, which is today.
    expect(wang).toMatchObject({
      termStart: '2026-03-30',
      termEnd: '2031-03-30',
      current: true,
      member: { id: 'member-wang' },
      electedAt: { id: quorate.id },
      contactDueOn: '2026-06-30',
      contactOverdue: false,
    });
    const repeat = await orgs.ok(DELEGATE, { input: elect({ idempotencyKey: 'wang-2026' }) });
    expect(repeat.recordStandingDelegate.id).toBe(wang.id);
    const twice = await orgs.fails(DELEGATE, { input: elect({}) });
    expect([twice.code, twice.field]).toEqual(['CONFLICT', 'input.memberId']);

    setClock('2026-07-01T04:00:00Z');
    const late = await orgs.ok(
      `query($id: ID!) { standingDelegates(organizationId: $id, contactOverdue: true) { totalCount nodes { id } } }`,
      { id: union },
    );
    expect(late.standingDelegates).toEqual({ totalCount: 1, nodes: [{ id: wang.id }] });

    const contact = (change: Record<string, unknown>) => ({
      delegateId: wang.id,
      contactedOn: '2026-07-01',
      method: 'FORUM',
      membersReached: 12,
      summary: '车间座谈，了解夜班补贴落实情况',
      ...change,
    });
    const early = await orgs.fails(CONTACT, { input: contact({ contactedOn: '2026-03-29' }) });
    expect([early.code, early.field]).toEqual(['BAD_USER_INPUT', 'input.contactedOn']);
    const none = await orgs.fails(CONTACT, { input: contact({ membersReached: 0 }) });
    expect([none.code, none.field]).toEqual(['BAD_USER_INPUT', 'input.membersReached']);
    const done = await orgs.ok(CONTACT, { input: contact({}) }, testCallers.orgAdmin(union));
    expect(done.recordDelegateContact.delegate).toEqual({
      id: wang.id,
      lastContactOn: '2026-07-01',
      contactOverdue: false,
    });
    const outside = await orgs.ok(`{ standingDelegates { totalCount } }`, {}, henanAdmin());
    expect(outside.standingDelegates.totalCount).toBe(0);
    const events = await publishedEvents(orgs.sg.server);
    expect(events.filter((e) => e.type === 'StandingDelegate' && e.id === wang.id)).toHaveLength(1);
  });

  it('counts the contact interval from the last contact, in months from the rules', () => {
    const d = {
      _id: 'd',
      termStart: new Date('2025-01-15'),
      termYears: 3,
    } as StandingDelegateDoc;
    const contacts = [{ contactedOn: new Date('2026-02-28') }] as never[];
    expect(contactOverdue(d, contacts, new Date('2026-05-28'))).toBe(false);
    expect(contactOverdue(d, contacts, new Date('2026-05-29'))).toBe(true);
    // A delegate whose term is over has no duty left.
    expect(contactOverdue(d, contacts, new Date('2028-01-15'))).toBe(false);
    const monthly = loadStructureRules({
      UNION_GRAPH_RULES_UNION_STRUCTURE: JSON.stringify({ delegateContactMonths: 1 }),
    });
    expect(contactOverdue(d, contacts, new Date('2026-03-29'), monthly)).toBe(true);
    expect(() =>
      loadStructureRules({ UNION_GRAPH_RULES_UNION_STRUCTURE: '{"disclosureMonths": 0}' }),
    ).toThrow();
  });
});

const DISCLOSE = `mutation($input: UnionDisclosureInput!) { recordUnionDisclosure(input: $input) { id subject channel disclosedOn } }`;
const UNDISCLOSED = `query($sub: ID, $since: Date) { undisclosedUnions(by: COUNTY, subtreeOf: $sub, since: $since) {
  unions found organizations { name } } }`;

describe('§18 union-affairs disclosure', () => {
  it('reports unions with nothing disclosed in the year before today, that day included', async () => {
    setClock(TODAY);
    const county = await orgs.create({
      name: '越秀区总工会',
      type: 'LOCAL_FEDERATION',
      divisionCode: '440104',
      parentId: tree.guangzhou,
    });
    const street = await orgs.create({
      name: '越秀区北京街道总工会',
      type: 'TOWNSHIP_FEDERATION',
      divisionCode: '440104',
      parentId: county.id,
    });
    const make = (name: string) =>
      orgs.create({ name, type: 'GRASSROOTS', divisionCode: '440104', parentId: street.id });
    const [onTime, late, silent] = await Promise.all([
      make('越秀某酒店工会委员会'),
      make('越秀某书店工会委员会'),
      make('越秀某医院工会委员会'),
    ]);
    const disclose = (organizationId: string, disclosedOn: string, change: Record<string, unknown> = {}) => ({
      organizationId,
      subject: 'FINANCES',
      channel: 'NOTICE_BOARD',
      title: '2024年度工会经费收支情况',
      disclosedOn,
      ...change,
    });
    expect(
      (await orgs.fails(DISCLOSE, { input: disclose(silent.id, '2026-06-01') }, henanAdmin())).code,
    ).toBe('FORBIDDEN');
    expect(
      (await orgs.fails(DISCLOSE, { input: disclose(silent.id, '2026-06-01') }, testCallers.analyst())).code,
    ).toBe('FORBIDDEN');
    const future = await orgs.fails(DISCLOSE, { input: disclose(silent.id, '2026-07-01') });
    expect([future.code, future.field]).toEqual(['BAD_USER_INPUT', 'input.disclosedOn']);
    const blank = await orgs.fails(DISCLOSE, { input: disclose(silent.id, '2026-06-01', { title: '  ' }) });
    expect([blank.code, blank.field, blank.message]).toEqual([
      'BAD_USER_INPUT',
      'input.title',
      'input.title：不能为空',
    ]);
    expect(await orgs.sg.server.models.UnionDisclosure.countDocuments({ organizationId: silent.id })).toBe(0);

    await orgs.ok(DISCLOSE, { input: disclose(onTime.id, '2025-06-30') }, testCallers.orgAdmin(onTime.id));
    const keyed = disclose(late.id, '2025-06-29', { channel: 'ONLINE', idempotencyKey: 'late-1' });
    const first = await orgs.ok(DISCLOSE, { input: keyed });
    expect((await orgs.ok(DISCLOSE, { input: keyed })).recordUnionDisclosure.id).toBe(
      first.recordUnionDisclosure.id,
    );
    const report = (await orgs.ok(UNDISCLOSED, { sub: county.id })).undisclosedUnions;
    expect(report).toEqual([
      {
        unions: 3,
        found: 2,
        organizations: [{ name: '越秀某书店工会委员会' }, { name: '越秀某医院工会委员会' }],
      },
    ]);
    const since = (await orgs.ok(UNDISCLOSED, { sub: county.id, since: '2025-06-29' })).undisclosedUnions;
    expect(since[0].found).toBe(1);
    expect((await orgs.ok(UNDISCLOSED, {}, henanAdmin())).undisclosedUnions).toEqual([]);
    const listed = await orgs.ok(
      `query($id: ID!) { organization(id: $id) { unionDisclosures(first: 5) { totalCount nodes { channel disclosedOn } } } }`,
      { id: late.id },
    );
    expect(listed.organization.unionDisclosures).toEqual({
      totalCount: 1,
      nodes: [{ channel: 'ONLINE', disclosedOn: '2025-06-29' }],
    });
  });
});

const POINT = `mutation($input: LiaisonPointInput!) { recordLiaisonPoint(input: $input) {
  id upperUnion { id } organization { id } staffName cadre { id } visitDueOn visitOverdue } }`;
const VISIT = `mutation($input: LiaisonVisitInput!) { recordLiaisonVisit(input: $input) {
  id liaisonPoint { id lastVisitOn visitOverdue } } }`;
const POINTS = `query($up: ID, $org: ID, $overdue: Boolean) { liaisonPoints(upperUnionId: $up, organizationId: $org, visitOverdue: $overdue) {
  totalCount nodes { id upperUnion { name } organization { name } staffName visitOverdue } } }`;

describe('§17 liaison points', () => {
  it('links an upper union’s staff to a grassroots union below it, visits recorded, overdue flagged', async () => {
    setClock(TODAY);
    const [union, other] = await Promise.all([
      grassroots('广州某物流公司工会委员会'),
      grassroots('广州某食品公司工会委员会'),
    ]);
    const point = (change: Record<string, unknown> = {}) => ({
      upperUnionId: tree.tianhe,
      organizationId: union.id,
      staffName: '陈志强',
      since: '2026-03-30',
      ...change,
    });
    for (const [change, field] of [
      [{ cadreId: 'cadre-1' }, 'input.cadreId'], // both a cadre and a name
      [{ staffName: null }, 'input.cadreId'], // neither
      [{ upperUnionId: union.id }, 'input.upperUnionId'],
      [{ organizationId: tree.township }, 'input.organizationId'],
    ] as const) {
      const error = await orgs.fails(POINT, { input: point(change) }, tianheAdmin());
      expect([JSON.stringify(change), error.code, error.field]).toEqual([
        JSON.stringify(change),
        'BAD_USER_INPUT',
        field,
      ]);
    }
    expect((await orgs.fails(POINT, { input: point() }, testCallers.orgAdmin(union.id))).code).toBe(
      'FORBIDDEN',
    );
    expect((await orgs.fails(POINT, { input: point() }, henanAdmin())).code).toBe('FORBIDDEN');
    expect(await orgs.sg.server.models.LiaisonPoint.countDocuments({ organizationId: union.id })).toBe(0);

    const { recordLiaisonPoint: kept } = await orgs.ok(POINT, { input: point() }, tianheAdmin());
    // Set up 2026-03-30, a visit a quarter: due today, not yet overdue.
    expect(kept).toMatchObject({
      upperUnion: { id: tree.tianhe },
      organization: { id: union.id },
      staffName: '陈志强',
      cadre: null,
      visitDueOn: '2026-06-30',
      visitOverdue: false,
    });
    const byCadre = await orgs.ok(POINT, {
      input: {
        upperUnionId: tree.guangzhou,
        organizationId: union.id,
        cadreId: 'cadre-7',
        since: '2026-03-29',
      },
    });
    expect(byCadre.recordLiaisonPoint).toMatchObject({ cadre: { id: 'cadre-7' }, visitOverdue: true });
    const twice = await orgs.fails(POINT, { input: point() }, tianheAdmin());
    expect([twice.code, twice.field]).toEqual(['CONFLICT', 'input.organizationId']);

    setClock('2026-07-01T04:00:00Z');
    const overdue = await orgs.ok(POINTS, { up: tree.tianhe, overdue: true });
    expect(overdue.liaisonPoints.nodes.map((n: { id: string }) => n.id)).toEqual([kept.id]);

    const visit = (change: Record<string, unknown>) => ({
      liaisonPointId: kept.id,
      visitedOn: '2026-07-01',
      purpose: '了解企业工资集体协商进展',
      ...change,
    });
    const before = await orgs.fails(VISIT, { input: visit({ visitedOn: '2026-03-29' }) }, tianheAdmin());
    expect([before.code, before.field]).toEqual(['BAD_USER_INPUT', 'input.visitedOn']);
    // The grassroots union's own staff see their point but do not record the upper union's visits.
    expect((await orgs.fails(VISIT, { input: visit({}) }, testCallers.orgAdmin(union.id))).code).toBe(
      'FORBIDDEN',
    );
    const visited = await orgs.ok(VISIT, { input: visit({}) }, tianheAdmin());
    expect(visited.recordLiaisonVisit.liaisonPoint).toEqual({
      id: kept.id,
      lastVisitOn: '2026-07-01',
      visitOverdue: false,
    });

    const byUnion = await orgs.ok(POINTS, { org: union.id }, testCallers.orgAdmin(union.id));
    // Oldest point first; the upper unions are above the union's own view.
    expect(byUnion.liaisonPoints.nodes).toEqual([
      expect.objectContaining({ upperUnion: null, staffName: null, visitOverdue: true }),
      {
        id: kept.id,
        upperUnion: null,
        organization: { name: '广州某物流公司工会委员会' },
        staffName: '陈志强',
        visitOverdue: false,
      },
    ]);
    expect((await orgs.ok(POINTS, { org: other.id })).liaisonPoints.totalCount).toBe(0);
    expect((await orgs.ok(POINTS, {}, henanAdmin())).liaisonPoints.totalCount).toBe(0);
    const nested = await orgs.ok(`query($id: ID!) { organization(id: $id) { liaisonPoints { id } } }`, {
      id: union.id,
    });
    expect(nested.organization.liaisonPoints).toHaveLength(2);
  });

  it('counts the visit interval from the last visit', () => {
    const p = { _id: 'p', since: new Date('2025-11-30') } as LiaisonPointDoc;
    // 30 November + a quarter = 28 February (the month's last day).
    expect(visitOverdue(p, [], new Date('2026-02-28'))).toBe(false);
    expect(visitOverdue(p, [], new Date('2026-03-01'))).toBe(true);
    const visits = [{ visitedOn: new Date('2026-02-01') }] as never[];
    expect(visitOverdue(p, visits, new Date('2026-05-01'))).toBe(false);
    expect(visitOverdue(p, visits, new Date('2026-05-02'))).toBe(true);
  });
});
