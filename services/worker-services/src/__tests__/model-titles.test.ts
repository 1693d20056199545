import type { Caller } from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { evaluateEligibility, issueCertificate, readCertificate } from '../domain/eligibility';
import { heldTitleSteps } from '../models';
import { ELIGIBILITY, failure, ids, isoDay, orgRep, useHarness } from './fixtures';

const h = useHarness();

const national = testCallers.national();
const adminA = testCallers.orgAdmin(ids.unionA);
const countyAdmin = testCallers.orgAdmin(ids.county);
const cityAdmin = testCallers.orgAdmin(ids.city);

const TITLE = `id status held round level conferrer { id } appliedFigures { memberCount employeeCount joiningRate satisfactionRate }
  steps { step round passed by }`;

async function createHome(organizationId: string, kind = 'STANDARD') {
  const { createWorkersHome } = await h.ok(
    national,
    `mutation($input: CreateWorkersHomeInput!) { createWorkersHome(input: $input) { id kind organization { id } } }`,
    { input: { organizationId, name: `${organizationId} 职工之家`, kind, establishedAt: '2015-05-01' } },
  );
  return createWorkersHome.id as string;
}

/** A survey of `total` answers, `satisfied` of them satisfied or basically satisfied. */
async function survey(organizationId: string, satisfied: number, total: number) {
  const { createSatisfactionSurvey: s } = await h.ok(
    national,
    `mutation($input: SatisfactionSurveyInput!) { createSatisfactionSurvey(input: $input) { id } }`,
    { input: { organizationId, year: 2026, title: '2026年会员评家' } },
  );
  for (let i = 0; i < total; i++) {
    const rating = i < satisfied ? (i % 2 ? 'SATISFIED' : 'BASICALLY_SATISFIED') : 'DISSATISFIED';
    await h.ok(
      testCallers.member(`${organizationId}-m${i}`, organizationId),
      `mutation($s: ID!, $m: ID!, $r: SatisfactionRating!) { rateUnion(surveyId: $s, memberId: $m, rating: $r) { id } }`,
      { s: s.id, m: `${organizationId}-m${i}`, r: rating },
    );
  }
  return s.id as string;
}

async function eligibility(orgId: string, members: number, employees: number | null, level = 'COUNTY') {
  const data = await h.ok(adminOf(orgId), ELIGIBILITY, { reps: [orgRep(orgId, members, employees)], level });
  return data._entities[0].modelHomeEligibility;
}
const adminOf = (orgId: string) => testCallers.orgAdmin(orgId);

const step = (name: string, args: string, fields = TITLE) =>
  `mutation($id: ID!${args ? `, ${args}` : ''}) { ${name}(id: $id${args ? `, ${args.replace(/\$(\w+): [\w!]+/g, '$1: $$$1')}` : ''}) { ${fields} } }`;

let homeA: string;
beforeAll(async () => {
  homeA = await createHome(ids.unionA);
  await survey(ids.unionA, 9, 10);
  await createHome(ids.unionB);
  await survey(ids.unionB, 8, 10);
});

describe('Workers’ Homes', () => {
  it('keeps one own home per union, online homes besides', async () => {
    const again = await h.gql(
      national,
      `mutation($input: CreateWorkersHomeInput!) { createWorkersHome(input: $input) { id } }`,
      { input: { organizationId: ids.unionA, name: '重复', kind: 'JOINT', establishedAt: '2016-01-01' } },
    );
    expect(failure(again)).toEqual({ code: 'CONFLICT', field: 'organizationId' });
    await createHome(ids.unionA, 'ONLINE');
    const { workersHomeOf } = await h.ok(
      adminA,
      `query($o: ID!) { workersHomeOf(organizationId: $o) { id kind } }`,
      { o: ids.unionA },
    );
    expect(workersHomeOf).toEqual({ id: homeA, kind: 'STANDARD' });
  });

  it('refuses a home outside the caller’s scope or established in the future', async () => {
    const outside = await h.gql(
      adminA,
      `mutation($input: CreateWorkersHomeInput!) { createWorkersHome(input: $input) { id } }`,
      { input: { organizationId: ids.unionB, name: 'x', kind: 'STANDARD', establishedAt: '2016-01-01' } },
    );
    expect(failure(outside).code).toBe('FORBIDDEN');
    const future = await h.gql(
      national,
      `mutation($input: CreateWorkersHomeInput!) { createWorkersHome(input: $input) { id } }`,
      { input: { organizationId: ids.otherUnion, name: 'x', kind: 'STANDARD', establishedAt: isoDay(3) } },
    );
    // The schema's @dateRange refuses it before the resolver, naming the argument path.
    expect(failure(future)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.establishedAt' });
  });

  it('gives one of two concurrent creations of a union’s home a CONFLICT', async () => {
    const create = (kind: string) =>
      h.gql(
        national,
        `mutation($input: CreateWorkersHomeInput!) { createWorkersHome(input: $input) { id } }`,
        {
          input: {
            organizationId: ids.otherUnion,
            name: '丙公司职工之家',
            kind,
            establishedAt: '2018-01-01',
          },
        },
      );
    const results = await Promise.all([create('STANDARD'), create('JOINT')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(failure(results.find((r) => r.errors)!)).toEqual({ code: 'CONFLICT', field: 'organizationId' });
  });
});

describe('member satisfaction (会员评家)', () => {
  it('computes the rate from answers and refuses a second answer by the same member', async () => {
    const { satisfactionSurveys } = await h.ok(
      adminA,
      `query($o: ID!) { satisfactionSurveys(organizationId: $o) { id responseCount satisfactionRate } }`,
      { o: ids.unionA },
    );
    expect(satisfactionSurveys).toEqual([
      expect.objectContaining({ responseCount: 10, satisfactionRate: 0.9 }),
    ]);
    const twice = await h.gql(
      testCallers.member(`${ids.unionA}-m0`, ids.unionA),
      `mutation($s: ID!) { rateUnion(surveyId: $s, memberId: "${ids.unionA}-m0", rating: SATISFIED) { id } }`,
      { s: satisfactionSurveys[0].id },
    );
    expect(failure(twice)).toEqual({ code: 'CONFLICT', field: 'memberId' });
  });

  it('lets a member rate only their own union, for themselves', async () => {
    const { satisfactionSurveys } = await h.ok(
      adminA,
      `{ satisfactionSurveys(organizationId: "${ids.unionA}") { id } }`,
    );
    const s = satisfactionSurveys[0].id;
    const other = await h.gql(
      testCallers.member('m-x', ids.unionA),
      `mutation { rateUnion(surveyId: "${s}", memberId: "m-y", rating: SATISFIED) { id } }`,
    );
    expect(failure(other).code).toBe('FORBIDDEN');
    const elsewhere = await h.gql(
      testCallers.member('m-b', ids.unionB),
      `mutation { rateUnion(surveyId: "${s}", memberId: "m-b", rating: SATISFIED) { id } }`,
    );
    expect(failure(elsewhere).code).toBe('NOT_FOUND');
  });
});

describe('R19 eligibility from member and employee counts', () => {
  it('is eligible at exactly 90% joining and 90% satisfaction, with a certificate', async () => {
    const e = await eligibility(ids.unionA, 90, 100);
    expect(e).toMatchObject({ eligible: true, reasons: [], lowerTitleHeld: true });
    expect(e.figures).toEqual({
      memberCount: 90,
      employeeCount: 100,
      joiningRate: 0.9,
      satisfactionRate: 0.9,
    });
    expect(e.certificate).toEqual(expect.any(String));
  });

  it('is not eligible just below either threshold, and without employee figures', async () => {
    const low = await eligibility(ids.unionA, 89, 100);
    expect(low).toMatchObject({ eligible: false, certificate: null });
    expect(low.reasons).toEqual(['入会率 89% 低于 90%']);
    const unhappy = await eligibility(ids.unionB, 95, 100);
    expect(unhappy.reasons).toEqual(['会员满意率 80% 低于 90%']);
    const unknown = await eligibility(ids.unionA, 90, null);
    expect(unknown.reasons).toEqual(['所在单位的职工人数不详，无法计算入会率']);
  });

  it('words the reasons in English for a caller who asks for it', async () => {
    const data = await h.ok({ ...adminA, language: 'en' }, ELIGIBILITY, {
      reps: [orgRep(ids.unionA, 89, 100)],
      level: 'CITY',
    });
    expect(data._entities[0].modelHomeEligibility.reasons).toEqual([
      'joining rate 89% is below 90%',
      'the COUNTY-level model title is not held',
    ]);
  });

  it('counts the employees of every unit a joint union covers', async () => {
    const data = await h.ok(adminA, ELIGIBILITY, { reps: [orgRep(ids.unionA, 90, 100, 3)], level: 'COUNTY' });
    expect(data._entities[0].modelHomeEligibility.figures).toMatchObject({
      employeeCount: 100,
      joiningRate: 0.9,
    });
  });

  it('gives analysts the figures but no certificate to apply with', async () => {
    const data = await h.ok(testCallers.analyst(), ELIGIBILITY, {
      reps: [orgRep(ids.unionA, 95, 100)],
      level: 'COUNTY',
    });
    expect(data._entities[0].modelHomeEligibility).toMatchObject({ eligible: true, certificate: null });
  });

  it('withholds from an analyst a member count under k and the rate that would give it back (issue #19)', async () => {
    const figures = async (caller: Caller, members: number | null) =>
      (await h.ok(caller, ELIGIBILITY, { reps: [orgRep(ids.unionA, members, 5)], level: 'COUNTY' }))
        ._entities[0].modelHomeEligibility.figures;
    const analyst = testCallers.analyst();
    expect(await figures(analyst, 4)).toMatchObject({
      memberCount: null,
      joiningRate: null,
      employeeCount: 5,
    });
    expect(await figures(analyst, 5)).toMatchObject({ memberCount: 5, joiningRate: 1, employeeCount: 5 });
    expect(await figures(adminA, 4)).toMatchObject({ memberCount: 4, joiningRate: 0.8 });
    // Withheld by the members subgraph already (null through `@requires`): never shown as 0 members.
    expect(await figures(analyst, null)).toMatchObject({ memberCount: null, joiningRate: null });
  });

  it('refuses forged, foreign and expired certificates', () => {
    const e = evaluateEligibility('COUNTY', { memberCount: 95, employeeCount: 100 }, 0.95, true);
    const cert = issueCertificate(ids.unionA, e, 1_000)!;
    expect(readCertificate(cert, ids.unionA, 'COUNTY', 2_000).memberCount).toBe(95);
    const [payload, sig] = cert.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), memberCount: 100 })).toString('base64url')}.${sig}`;
    expect(() => readCertificate(forged, ids.unionA, 'COUNTY', 2_000)).toThrow(
      '不是 modelHomeEligibility 签发',
    );
    expect(() => readCertificate(cert, ids.unionB, 'COUNTY', 2_000)).toThrow('其他工会或其他级别');
    expect(() => readCertificate(cert, ids.unionA, 'COUNTY', 1_000 + 30 * 60_000 + 1)).toThrow('已过期');
    expect(readCertificate(cert, ids.unionA, 'COUNTY', 1_000 + 30 * 60_000).issuedAt).toBe(1_000);
  });
});

describe('the model-title cycle 创建→申报→考核→表彰→复查', () => {
  let county: string;
  it('creates a county campaign conferred by the county federation', async () => {
    const { startModelTitle } = await h.ok(
      adminA,
      `mutation($h: ID!) { startModelTitle(homeId: $h, level: COUNTY) { ${TITLE} } }`,
      { h: homeA },
    );
    expect(startModelTitle).toMatchObject({
      status: 'CREATED',
      round: 1,
      held: false,
      conferrer: { id: ids.county },
    });
    county = startModelTitle.id;
    const twice = await h.gql(
      adminA,
      `mutation($h: ID!) { startModelTitle(homeId: $h, level: COUNTY) { id } }`,
      {
        h: homeA,
      },
    );
    expect(failure(twice)).toEqual({ code: 'CONFLICT', field: 'level' });
  });

  it('refuses steps out of order and writes nothing', async () => {
    const early = await h.gql(countyAdmin, step('assessModelTitle', '$passed: Boolean!'), {
      id: county,
      passed: true,
    });
    expect(failure(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    const commend = await h.gql(countyAdmin, step('commendModelTitle', ''), { id: county });
    expect(failure(commend)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await h.subgraph.server.models.Step.countDocuments({ subjectId: county })).toBe(0);
  });

  it('applies with a certificate and records the figures', async () => {
    const bad = await h.gql(adminA, step('applyForModelTitle', '$certificate: String!'), {
      id: county,
      certificate: 'nonsense.sig',
    });
    expect(failure(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'certificate' });
    const { certificate } = await eligibility(ids.unionA, 92, 100);
    const { applyForModelTitle } = await h.ok(adminA, step('applyForModelTitle', '$certificate: String!'), {
      id: county,
      certificate,
    });
    expect(applyForModelTitle).toMatchObject({
      status: 'APPLIED',
      appliedFigures: { memberCount: 92, employeeCount: 100, joiningRate: 0.92, satisfactionRate: 0.9 },
    });
    const again = await h.gql(adminA, step('applyForModelTitle', '$certificate: String!'), {
      id: county,
      certificate,
    });
    expect(failure(again)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('lets only the conferring federation assess, once, even when two assessments race', async () => {
    const self = await h.gql(adminA, step('assessModelTitle', '$passed: Boolean!'), {
      id: county,
      passed: true,
    });
    expect(failure(self).code).toBe('FORBIDDEN');
    const raced = await Promise.all(
      [true, true].map((passed) =>
        h.gql(countyAdmin, step('assessModelTitle', '$passed: Boolean!'), { id: county, passed }),
      ),
    );
    expect(raced.filter((r) => !r.errors)).toHaveLength(1);
    expect(failure(raced.find((r) => r.errors)!).code).toMatch(/CONFLICT|BAD_USER_INPUT/);
    expect(await h.subgraph.server.models.Step.countDocuments({ subjectId: county, step: 'ASSESS' })).toBe(1);
  });

  it('commends, then rechecks until a failed recheck revokes the title', async () => {
    const { commendModelTitle } = await h.ok(countyAdmin, step('commendModelTitle', ''), { id: county });
    expect(commendModelTitle).toMatchObject({ status: 'COMMENDED', held: true });
    const kept = await h.ok(countyAdmin, step('recheckModelTitle', '$passed: Boolean!'), {
      id: county,
      passed: true,
    });
    expect(kept.recheckModelTitle).toMatchObject({ status: 'COMMENDED', held: true });
    expect(
      kept.recheckModelTitle.steps.map((s: { step: string; round: number }) => `${s.step}${s.round}`),
    ).toEqual(['APPLY1', 'ASSESS1', 'COMMEND1', 'RECHECK1']);
  });

  it('refuses a city title without the county one, then allows it once held', async () => {
    const { startModelTitle } = await h.ok(
      adminA,
      `mutation($h: ID!) { startModelTitle(homeId: $h, level: CITY) { id conferrer { id } } }`,
      { h: homeA },
    );
    expect(startModelTitle.conferrer.id).toBe(ids.city);
    const city = startModelTitle.id;
    const e = await eligibility(ids.unionA, 95, 100, 'CITY');
    expect(e).toMatchObject({ eligible: true, lowerTitleHeld: true });
    // Revoke the county title: the city application must now fail on the lower-level title.
    const { recheckModelTitle } = await h.ok(countyAdmin, step('recheckModelTitle', '$passed: Boolean!'), {
      id: county,
      passed: false,
    });
    expect(recheckModelTitle).toMatchObject({ status: 'REVOKED', held: false });
    const refused = await h.gql(adminA, step('applyForModelTitle', '$certificate: String!'), {
      id: city,
      certificate: e.certificate,
    });
    expect(failure(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'level' });
    expect(refused.errors?.[0]).toMatchObject({
      message: '尚未获得下一级（COUNTY）模范职工之家称号，不能申报（R19）',
      extensions: {
        messageKey: 'worker-services.applyLowerTitle',
        reasons: ['尚未获得下一级（COUNTY）模范职工之家称号'],
      },
    });
    // The reasons beside the message follow the caller's language too.
    const inEnglish = await h.gql(
      { ...adminA, language: 'en' },
      step('applyForModelTitle', '$certificate: String!'),
      {
        id: city,
        certificate: e.certificate,
      },
    );
    expect(inEnglish.errors?.[0]).toMatchObject({
      message: 'R19: the COUNTY-level model title is not held',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'level',
        messageKey: 'worker-services.applyLowerTitle',
        reasons: ['the COUNTY-level model title is not held'],
      },
    });
    expect(await h.subgraph.server.models.Step.countDocuments({ subjectId: city })).toBe(0);
    const none = await eligibility(ids.unionA, 95, 100, 'CITY');
    expect(none).toMatchObject({ eligible: false, lowerTitleHeld: false, certificate: null });

    // A new county campaign (round 2) restores the lower title.
    const { startModelTitle: again } = await h.ok(
      adminA,
      `mutation($h: ID!) { startModelTitle(homeId: $h, level: COUNTY) { id round } }`,
      { h: homeA },
    );
    expect(again.round).toBe(2);
    const cert = (await eligibility(ids.unionA, 95, 100)).certificate;
    await h.ok(adminA, step('applyForModelTitle', '$certificate: String!', 'id'), {
      id: again.id,
      certificate: cert,
    });
    await h.ok(countyAdmin, step('assessModelTitle', '$passed: Boolean!', 'id'), {
      id: again.id,
      passed: true,
    });
    await h.ok(countyAdmin, step('commendModelTitle', '', 'id'), { id: again.id });
    const cityCert = (await eligibility(ids.unionA, 95, 100, 'CITY')).certificate;
    const applied = await h.ok(adminA, step('applyForModelTitle', '$certificate: String!', 'status'), {
      id: city,
      certificate: cityCert,
    });
    expect(applied.applyForModelTitle.status).toBe('APPLIED');
    const notCounty = await h.gql(countyAdmin, step('assessModelTitle', '$passed: Boolean!'), {
      id: city,
      passed: false,
    });
    expect(failure(notCounty).code).toBe('FORBIDDEN');
    const rejected = await h.ok(cityAdmin, step('assessModelTitle', '$passed: Boolean!', 'status held'), {
      id: city,
      passed: false,
    });
    expect(rejected.assessModelTitle).toEqual({ status: 'REJECTED', held: false });
  });

  it('refuses a certificate issued for another union', async () => {
    const homeB = (
      await h.ok(adminOf(ids.unionB), `{ workersHomeOf(organizationId: "${ids.unionB}") { id } }`)
    ).workersHomeOf.id;
    const { startModelTitle } = await h.ok(
      national,
      `mutation($h: ID!) { startModelTitle(homeId: $h, level: COUNTY) { id } }`,
      { h: homeB },
    );
    const certA = (await eligibility(ids.unionA, 95, 100)).certificate;
    const res = await h.gql(national, step('applyForModelTitle', '$certificate: String!'), {
      id: startModelTitle.id,
      certificate: certA,
    });
    expect(failure(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'certificate' });
  });

  it('refuses an application once satisfaction fell below R19’s threshold, giving the reasons', async () => {
    const homeB = (
      await h.ok(
        adminOf(ids.unionB),
        `{ workersHomeOf(organizationId: "${ids.unionB}") { id modelTitles { id } } }`,
      )
    ).workersHomeOf;
    const s = await survey(ids.unionB, 9, 10);
    const certB = (await eligibility(ids.unionB, 95, 100)).certificate;
    expect(certB).toEqual(expect.any(String));
    // One more member answers dissatisfied after the certificate was issued: 9 of 11.
    await h.ok(
      testCallers.member(`${ids.unionB}-m10`, ids.unionB),
      `mutation($s: ID!, $m: ID!) { rateUnion(surveyId: $s, memberId: $m, rating: DISSATISFIED) { id } }`,
      { s, m: `${ids.unionB}-m10` },
    );
    const apply = (language?: 'en') =>
      h.gql(
        { ...national, ...(language ? { language } : {}) },
        step('applyForModelTitle', '$certificate: String!'),
        {
          id: homeB.modelTitles[0].id,
          certificate: certB,
        },
      );
    const [zh, en] = [await apply(), await apply('en')];
    expect(zh.errors?.[0]).toMatchObject({
      message: '不符合模范职工之家申报条件（R19）：会员满意率 81.8% 低于 90%',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'certificate',
        messageKey: 'worker-services.notEligible',
        reasons: ['会员满意率 81.8% 低于 90%'],
      },
    });
    expect(en.errors?.[0]).toMatchObject({
      message: 'R19: member satisfaction 81.8% is below 90%',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'certificate',
        reasons: ['member satisfaction 81.8% is below 90%'],
      },
    });
    expect(await h.subgraph.server.models.Step.countDocuments({ subjectId: homeB.modelTitles[0].id })).toBe(
      0,
    );
  });

  it('lists a union’s campaigns on Organization and publishes change events', async () => {
    const data = await h.ok(
      adminA,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { workersHome { id } modelTitles { level status } } } }`,
      { reps: [{ __typename: 'Organization', id: ids.unionA }] },
    );
    expect(data._entities[0].workersHome.id).toBe(homeA);
    expect(
      data._entities[0].modelTitles
        .map((t: { level: string; status: string }) => `${t.level}:${t.status}`)
        .sort(),
    ).toEqual(['CITY:REJECTED', 'COUNTY:COMMENDED', 'COUNTY:REVOKED']);
    const parsed = await publishedEvents(h.subgraph.server);
    // Homes and surveys also move the union's six-haves evidence (R5), published beside them.
    expect(new Set(parsed.map((e) => e.type))).toEqual(
      new Set(['WorkersHome', 'SatisfactionSurvey', 'ModelTitle', 'SixHavesEvidence']),
    );
    // Each names the union whose fields it changes: workersHome, memberSatisfactionRate, modelTitles.
    const home = parsed.find((e) => e.type === 'WorkersHome' && e.id === homeA);
    expect(home?.affects).toEqual([{ type: 'Organization', id: ids.unionA }]);
    const titles = parsed.filter((e) => e.type === 'ModelTitle');
    const ofA = titles.filter((e) => e.affects?.some((r) => r.id === ids.unionA));
    expect(ofA.length).toBeGreaterThan(0);
    for (const e of ofA) {
      expect(e.affects).toEqual([
        { type: 'Organization', id: ids.unionA },
        { type: 'WorkersHome', id: homeA },
      ]);
    }
    expect(titles.every((e) => e.affects?.length === 2)).toBe(true);
    expect(
      parsed
        .filter((e) => e.type === 'SatisfactionSurvey')
        .every((e) => e.affects?.[0]?.type === 'Organization'),
    ).toBe(true);
  });
});

describe('awards and R11', () => {
  const NOMINATE = `mutation($input: AwardNominationInput!) { nominateForAward(input: $input) { id kind level conferrer { id } nominee { id } } }`;
  const input = (kind: string, level: string, extra = {}) => ({
    input: { kind, level, year: 2026, nomineeOrganizationId: ids.unionA, name: '甲公司', ...extra },
  });

  it('nominates a unit whose union holds the model title at the same level', async () => {
    const { nominateForAward } = await h.ok(adminA, NOMINATE, input('MAY_DAY_AWARD', 'COUNTY'));
    expect(nominateForAward).toMatchObject({ level: 'COUNTY', conferrer: { id: ids.county } });
    const dup = await h.gql(adminA, NOMINATE, input('MAY_DAY_AWARD', 'COUNTY'));
    expect(failure(dup)).toEqual({ code: 'CONFLICT', field: 'nomineeOrganizationId' });
  });

  it('refuses a May Day award one level above the title held (R11)', async () => {
    const res = await h.gql(adminA, NOMINATE, input('MAY_DAY_AWARD', 'CITY'));
    expect(failure(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'nomineeOrganizationId' });
    expect(res.errors?.[0]?.extensions?.rule).toBe('R11');
    const b = await h.gql(adminOf(ids.unionB), NOMINATE, {
      input: { ...input('MAY_DAY_AWARD', 'COUNTY').input, nomineeOrganizationId: ids.unionB },
    });
    expect(failure(b).field).toBe('nomineeOrganizationId');
  });

  it('needs no title for a Worker Vanguard, but a member for a medal', async () => {
    await h.ok(adminA, NOMINATE, input('WORKER_VANGUARD', 'CITY', { name: '装配车间一班' }));
    const medal = await h.gql(adminA, NOMINATE, input('MAY_DAY_MEDAL', 'COUNTY', { name: '张三' }));
    expect(failure(medal)).toEqual({ code: 'BAD_USER_INPUT', field: 'memberId' });
  });

  it('is decided once by the conferring federation, with R11 checked again at conferral', async () => {
    const DECIDE = `mutation($id: ID!, $c: Boolean!) { decideAward(id: $id, conferred: $c) { status steps { step passed } } }`;
    const { awardNominations } = await h.ok(
      countyAdmin,
      `{ awardNominations(organizationId: "${ids.county}", year: 2026) { id kind level status } }`,
    );
    const mayDay = awardNominations.find((n: { kind: string }) => n.kind === 'MAY_DAY_AWARD');
    const vanguard = awardNominations.find((n: { kind: string }) => n.kind === 'WORKER_VANGUARD');
    expect(mayDay.status).toBe('NOMINATED');
    expect(failure(await h.gql(adminA, DECIDE, { id: mayDay.id, c: true })).code).toBe('FORBIDDEN');
    const declined = await h.ok(cityAdmin, DECIDE, { id: vanguard.id, c: false });
    expect(declined.decideAward).toEqual({ status: 'DECLINED', steps: [{ step: 'DECIDE', passed: false }] });
    expect(failure(await h.gql(cityAdmin, DECIDE, { id: vanguard.id, c: true }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });

    // The county title is revoked after the nomination: the award can no longer be conferred.
    const { modelTitles } = await h.ok(
      adminA,
      `{ modelTitles(organizationId: "${ids.unionA}", level: COUNTY) { nodes { id status } } }`,
    );
    const held = modelTitles.nodes.find((t: { status: string }) => t.status === 'COMMENDED');
    await h.ok(countyAdmin, step('recheckModelTitle', '$passed: Boolean!', 'status'), {
      id: held.id,
      passed: false,
    });
    const refused = await h.gql(countyAdmin, DECIDE, { id: mayDay.id, c: true });
    expect(failure(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(refused.errors?.[0]?.extensions?.rule).toBe('R11');
    expect((await h.ok(countyAdmin, DECIDE, { id: mayDay.id, c: false })).decideAward.status).toBe(
      'DECLINED',
    );
  });

  it('runs competitions open to the organizer’s subtree', async () => {
    const { createCompetition } = await h.ok(
      countyAdmin,
      `mutation { createCompetition(input: { organizationId: "${ids.county}", kind: ANKANG_CUP, name: "安康杯", year: 2026 }) { id } }`,
    );
    const entered = await h.ok(
      adminA,
      `mutation($c: ID!) { enterCompetition(competitionId: $c, organizationId: "${ids.unionA}", teamName: "一班") { entries { teamName organization { id } } } }`,
      { c: createCompetition.id },
    );
    expect(entered.enterCompetition.entries).toEqual([
      { teamName: '一班', organization: { id: ids.unionA } },
    ]);
    const foreign = await h.gql(
      testCallers.orgAdmin(ids.otherUnion),
      `mutation($c: ID!) { enterCompetition(competitionId: $c, organizationId: "${ids.otherUnion}", teamName: "x") { id } }`,
      { c: createCompetition.id },
    );
    expect(failure(foreign)).toEqual({ code: 'BAD_USER_INPUT', field: 'organizationId' });
  });
});

describe('seeded titles', () => {
  it('read as held once their steps are seeded with heldTitleSteps', async () => {
    const { models } = h.subgraph.server;
    const title = await models.ModelTitle.create({
      homeId: 'seeded-home',
      organizationId: ids.unionB,
      level: 'COUNTY',
      conferrerId: ids.county,
      round: 1,
    });
    await models.Step.insertMany(heldTitleSteps(title._id, new Date('2025-05-01')));
    const { modelTitle } = await h.ok(national, `{ modelTitle(id: "${title._id}") { status held } }`);
    expect(modelTitle).toEqual({ status: 'COMMENDED', held: true });
  });
});
