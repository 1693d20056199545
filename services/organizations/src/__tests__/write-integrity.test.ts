import { makeCreditCode } from '@union-graph/domain';
import { setClock } from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { type BaseTree, baseTree, national, type Orgs, startOrgs } from './fixtures';

let orgs: Orgs;
let tree: BaseTree;
let serial = 9000;

beforeAll(async () => {
  orgs = await startOrgs();
  tree = await baseTree(orgs);
});
afterEach(() => setClock(null));
afterAll(() => orgs?.sg.stop());

const UPDATE = `mutation($id: ID!, $input: UpdateOrganizationInput!) {
  updateOrganization(id: $id, input: $input) { version name locality reportedMembers reportedFemaleMembers creditCode status }
}`;
const UPDATE_UNIT = `mutation($id: ID!, $input: UpdateHostUnitInput!) {
  updateHostUnit(id: $id, input: $input) { version name locality employeeCount femaleEmployeeCount }
}`;
const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id version } }`;
const REGISTER = `mutation($input: HostUnitInput!) { registerHostUnit(input: $input) { id } }`;
const TERM = `mutation($input: CommitteeTermInput!) { recordCommitteeTerm(input: $input) { id termEnd expired } }`;
const REVIEW = `mutation($input: AnnualReviewInput!) { recordAnnualReview(input: $input) { id } }`;
const DISSOLVE = `mutation($id: ID!) { dissolveOrganization(id: $id, dissolvedAt: "2025-03-01") { version status } }`;

function grassroots(name: string, change: Record<string, unknown> = {}) {
  return orgs.create({
    name,
    type: 'GRASSROOTS',
    divisionCode: '440106',
    parentId: tree.township,
    ...change,
  });
}

function unitInput(change: Record<string, unknown> = {}) {
  const n = serial++;
  return {
    name: `并发单位${n}`,
    creditCode: makeCreditCode('91', '440106', n),
    kind: 'NON_PUBLIC_ENTERPRISE',
    divisionCode: '440106',
    employeeCount: 30,
    femaleEmployeeCount: 5,
    responsibleOrgId: tree.township,
    ...change,
  };
}

type Response = Awaited<ReturnType<Orgs['sg']['request']>>;
const request = (query: string, variables: Record<string, unknown>, caller = national) =>
  orgs.sg.request(query, { variables, caller });
const codeOf = (res: Response) => res.errors?.[0]?.extensions?.code;

describe('concurrent writes to one document', () => {
  it('keeps every one of 40 concurrent organization updates: versions contiguous, each returned once', async () => {
    const union = await grassroots('并发工会');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        orgs.ok(UPDATE, { id: union.id, input: { name: `并发工会${i}` } }),
      ),
    );
    const versions = results.map((r) => r.updateOrganization.version).sort((a: number, b: number) => a - b);
    expect(versions).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    const last = results.find((r) => r.updateOrganization.version === 41)!.updateOrganization;
    const stored = await orgs.sg.server.models.Organization.findById(union.id).lean();
    expect({ version: stored?.version, name: stored?.name }).toEqual({ version: 41, name: last.name });
  });

  it('keeps concurrent updates of different fields of one organization, none lost', async () => {
    const union = await grassroots('多字段工会');
    const creditCode = makeCreditCode('81', '440106', 7);
    const inputs = [
      { name: '多字段工会（新）' },
      { locality: '石牌街道' },
      { creditCode },
      { reportedMembers: 120 },
      { reportedFemaleMembers: 40 },
    ];
    for (let round = 0; round < 4; round++) {
      await Promise.all(inputs.map((input) => orgs.ok(UPDATE, { id: union.id, input })));
    }
    const stored = await orgs.sg.server.models.Organization.findById(union.id).lean();
    expect(stored).toMatchObject({
      name: '多字段工会（新）',
      locality: '石牌街道',
      creditCode,
      reportedMembers: 120,
      reportedFemaleMembers: 40,
      version: 1 + 4 * inputs.length,
    });
  });

  it('checks counts against the document being written: of two racing changes only a consistent one lands', async () => {
    const union = await grassroots('人数工会', { reportedMembers: 30, reportedFemaleMembers: 5 });
    const [fewer, moreWomen] = await Promise.all([
      request(UPDATE, { id: union.id, input: { reportedMembers: 10 } }),
      request(UPDATE, { id: union.id, input: { reportedFemaleMembers: 20 } }),
    ]);
    const outcomes = [fewer, moreWomen].map((r) => (r.errors ? codeOf(r) : 'OK')).sort();
    expect(outcomes).toEqual(['BAD_USER_INPUT', 'OK']);
    const stored = await orgs.sg.server.models.Organization.findById(union.id).lean();
    expect(stored!.reportedFemaleMembers!).toBeLessThanOrEqual(stored!.reportedMembers!);
    expect(stored?.version).toBe(2);
  });

  it('dissolves a union once when 10 requests race: one answer, one version step', async () => {
    const union = await grassroots('撤销工会');
    const results = await Promise.all(Array.from({ length: 10 }, () => request(DISSOLVE, { id: union.id })));
    const done = results.filter((r) => !r.errors);
    expect(done.map((r) => r.data?.dissolveOrganization)).toEqual([{ version: 2, status: 'DISSOLVED' }]);
    expect(results.filter((r) => codeOf(r) === 'BAD_USER_INPUT')).toHaveLength(9);
    const stored = await orgs.sg.server.models.Organization.findById(union.id).lean();
    expect({ status: stored?.status, version: stored?.version }).toEqual({ status: 'DISSOLVED', version: 2 });
  });

  it('keeps every one of 30 concurrent host unit updates, and the counts consistent', async () => {
    const { registerHostUnit: unit } = await orgs.ok(REGISTER, { input: unitInput() });
    const inputs = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0
        ? { name: `改名${i}` }
        : i % 3 === 1
          ? { locality: `街道${i}` }
          : { employeeCount: 100 + i },
    );
    const results = await Promise.all(inputs.map((input) => orgs.ok(UPDATE_UNIT, { id: unit.id, input })));
    const versions = results.map((r) => r.updateHostUnit.version).sort((a: number, b: number) => a - b);
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    const last = results.find((r) => r.updateHostUnit.version === 31)!.updateHostUnit;
    const stored = await orgs.sg.server.models.HostUnit.findById(unit.id).lean();
    expect(stored).toMatchObject({
      version: 31,
      name: last.name,
      locality: last.locality,
      employeeCount: last.employeeCount,
    });
    // Each field holds one of the values written to it, never the original.
    expect(stored?.name).toMatch(/^改名/);
    expect(stored?.locality).toMatch(/^街道/);
    expect(stored!.employeeCount).toBeGreaterThanOrEqual(100);

    const [fewer, moreWomen] = await Promise.all([
      request(UPDATE_UNIT, { id: unit.id, input: { employeeCount: 3 } }),
      request(UPDATE_UNIT, { id: unit.id, input: { femaleEmployeeCount: 50 } }),
    ]);
    expect([fewer, moreWomen].map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual([
      'BAD_USER_INPUT',
      'OK',
    ]);
    const after = await orgs.sg.server.models.HostUnit.findById(unit.id).lean();
    expect(after!.femaleEmployeeCount).toBeLessThanOrEqual(after!.employeeCount);
    expect(after?.version).toBe(32);
  });
});

describe("China's calendar (Asia/Shanghai)", () => {
  it('expires a committee term at Beijing midnight of its end date (16:00 UTC the day before)', async () => {
    const union = await grassroots('换届日工会');
    const TERMS = `query($id: ID!) { organization(id: $id) { committeeProblems committees { termEnd expired } } }`;
    await orgs.ok(TERM, {
      input: {
        organizationId: union.id,
        type: 'UNION_COMMITTEE',
        termStart: '2021-06-01',
        termYears: 3,
        seats: 3,
      },
    });
    setClock('2024-05-31T15:59:59Z');
    const before = (await orgs.ok(TERMS, { id: union.id })).organization;
    expect(before.committees).toEqual([{ termEnd: '2024-06-01', expired: false }]);
    expect(before.committeeProblems).not.toContain('TERM_EXPIRED');
    setClock('2024-05-31T16:00:00Z');
    const after = (await orgs.ok(TERMS, { id: union.id })).organization;
    expect(after.committees).toEqual([{ termEnd: '2024-06-01', expired: true }]);
    expect(after.committeeProblems).toContain('TERM_EXPIRED');
  });

  it('accepts a review held "today" from Beijing midnight on, not before', async () => {
    const union = await grassroots('评议日工会');
    const input = {
      organizationId: union.id,
      reviewerId: tree.township,
      heldOn: '2024-06-01',
      outcome: '合格',
    };
    setClock('2024-05-31T15:59:59Z');
    const early = await orgs.fails(REVIEW, { input });
    expect([early.code, early.field]).toEqual(['BAD_USER_INPUT', 'heldOn']);
    setClock('2024-05-31T16:00:00Z');
    await orgs.ok(REVIEW, { input });
    expect(await orgs.sg.server.models.AnnualReview.countDocuments({ organizationId: union.id })).toBe(1);
  });

  it('dates a new active union by the Beijing day it was created on', async () => {
    setClock('2024-05-31T16:30:00Z');
    const union = await grassroots('建会日工会');
    const { organization } = await orgs.ok('query($id: ID!) { organization(id: $id) { establishedAt } }', {
      id: union.id,
    });
    expect(organization.establishedAt).toBe('2024-06-01');
  });
});

describe('idempotency keys', () => {
  async function eventsFor(id: string) {
    return (await publishedEvents(orgs.sg.server)).filter((e) => e.id === id);
  }

  it('createOrganization: a repeat returns the first union; other input is CONFLICT; no key makes two', async () => {
    const input = {
      name: '幂等工会',
      type: 'GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
      idempotencyKey: 'create-1',
    };
    const first = (await orgs.ok(CREATE, { input })).createOrganization;
    const again = (await orgs.ok(CREATE, { input })).createOrganization;
    expect(again).toEqual(first);
    expect(await orgs.sg.server.models.Organization.countDocuments({ name: '幂等工会' })).toBe(1);
    const stored = await orgs.sg.server.models.Organization.findById(first.id).lean();
    expect(stored?.path).toEqual([
      tree.national,
      tree.guangdong,
      tree.guangzhou,
      tree.tianhe,
      tree.township,
      first.id,
    ]);
    expect(await eventsFor(first.id)).toHaveLength(1);

    const other = await orgs.fails(CREATE, { input: { ...input, name: '别的工会' } });
    expect([other.code, other.field]).toEqual(['CONFLICT', 'idempotencyKey']);
    expect(await orgs.sg.server.models.Organization.countDocuments({ name: '别的工会' })).toBe(0);

    // The key is the caller's: another caller's same key is another request.
    const theirs = (await orgs.ok(CREATE, { input }, testCallers.orgAdmin(tree.tianhe))).createOrganization;
    expect(theirs.id).not.toBe(first.id);

    const { idempotencyKey: _, ...unkeyed } = input;
    const a = (await orgs.ok(CREATE, { input: { ...unkeyed, name: '无键工会' } })).createOrganization;
    const b = (await orgs.ok(CREATE, { input: { ...unkeyed, name: '无键工会' } })).createOrganization;
    expect(a.id).not.toBe(b.id);
    expect(await orgs.sg.server.models.Organization.countDocuments({ name: '无键工会' })).toBe(2);
  });

  it('createOrganization: concurrent repeats of one key create one union', async () => {
    const input = {
      name: '并发幂等工会',
      type: 'GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
      idempotencyKey: 'create-race',
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => orgs.ok(CREATE, { input })));
    expect(new Set(results.map((r) => r.createOrganization.id)).size).toBe(1);
    expect(await orgs.sg.server.models.Organization.countDocuments({ name: '并发幂等工会' })).toBe(1);
  });

  it('registerHostUnit: a repeat returns the first unit; other input is CONFLICT; the credit code stays unique', async () => {
    const input = { ...unitInput(), idempotencyKey: 'unit-1' };
    const first = (await orgs.ok(REGISTER, { input })).registerHostUnit;
    const again = (await orgs.ok(REGISTER, { input })).registerHostUnit;
    expect(again.id).toBe(first.id);
    expect(await orgs.sg.server.models.HostUnit.countDocuments({ creditCode: input.creditCode })).toBe(1);
    expect(await eventsFor(first.id)).toHaveLength(1);

    const other = await orgs.fails(REGISTER, { input: { ...input, employeeCount: 31 } });
    expect([other.code, other.field]).toEqual(['CONFLICT', 'idempotencyKey']);
    // Another key (or none) for a registered credit code is the natural key's CONFLICT.
    const taken = await orgs.fails(REGISTER, { input: { ...input, idempotencyKey: 'unit-2' } });
    expect([taken.code, taken.field]).toEqual(['CONFLICT', 'creditCode']);
    const { idempotencyKey: _, ...unkeyed } = input;
    const none = await orgs.fails(REGISTER, { input: unkeyed });
    expect([none.code, none.field]).toEqual(['CONFLICT', 'creditCode']);
    expect(await orgs.sg.server.models.HostUnit.countDocuments({ creditCode: input.creditCode })).toBe(1);

    const a = (await orgs.ok(REGISTER, { input: unitInput() })).registerHostUnit;
    const b = (await orgs.ok(REGISTER, { input: unitInput() })).registerHostUnit;
    expect(a.id).not.toBe(b.id);
  });

  it('recordCommitteeTerm: a repeat returns the first term; other input is CONFLICT', async () => {
    const union = await grassroots('幂等换届工会');
    const input = {
      organizationId: union.id,
      type: 'UNION_COMMITTEE',
      termStart: '2024-01-01',
      termYears: 5,
      seats: 5,
      idempotencyKey: 'term-1',
    };
    const first = (await orgs.ok(TERM, { input })).recordCommitteeTerm;
    const again = (await orgs.ok(TERM, { input })).recordCommitteeTerm;
    expect(again).toEqual(first);
    expect(await orgs.sg.server.models.CommitteeTerm.countDocuments({ organizationId: union.id })).toBe(1);
    expect(await eventsFor(first.id)).toHaveLength(1);

    const other = await orgs.fails(TERM, { input: { ...input, seats: 3 } });
    expect([other.code, other.field]).toEqual(['CONFLICT', 'idempotencyKey']);
    // Without a key, recording the same election twice stays a CONFLICT (one record per term).
    const { idempotencyKey: _, ...unkeyed } = input;
    expect((await orgs.fails(TERM, { input: unkeyed })).code).toBe('CONFLICT');
    await orgs.ok(TERM, { input: { ...unkeyed, termStart: '2019-01-01' } });
    expect(await orgs.sg.server.models.CommitteeTerm.countDocuments({ organizationId: union.id })).toBe(2);
  });

  it('recordAnnualReview: a repeat returns the first review; other input is CONFLICT; no key makes two', async () => {
    const union = await grassroots('幂等评议工会');
    const input = {
      organizationId: union.id,
      reviewerId: tree.township,
      heldOn: '2024-03-01',
      outcome: '良好',
      idempotencyKey: 'review-1',
    };
    const first = (await orgs.ok(REVIEW, { input })).recordAnnualReview;
    const again = (await orgs.ok(REVIEW, { input })).recordAnnualReview;
    expect(again.id).toBe(first.id);
    expect(await orgs.sg.server.models.AnnualReview.countDocuments({ organizationId: union.id })).toBe(1);
    expect(await eventsFor(first.id)).toHaveLength(1);

    const other = await orgs.fails(REVIEW, { input: { ...input, outcome: '优秀' } });
    expect([other.code, other.field]).toEqual(['CONFLICT', 'idempotencyKey']);
    const bad = await orgs.fails(REVIEW, { input: { ...input, idempotencyKey: 'no spaces' } });
    expect([bad.code, bad.field]).toEqual(['BAD_USER_INPUT', 'idempotencyKey']);

    const { idempotencyKey: _, ...unkeyed } = input;
    await orgs.ok(REVIEW, { input: unkeyed });
    await orgs.ok(REVIEW, { input: unkeyed });
    expect(await orgs.sg.server.models.AnnualReview.countDocuments({ organizationId: union.id })).toBe(3);
  });
});
