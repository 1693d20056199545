import { makeCreditCode } from '@union-graph/domain';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { type BaseTree, baseTree, type Orgs, startOrgs } from './fixtures';

/**
 * Issue #19: a host unit's industry (GB/T 4754-2017), ownership and size band (R1's 25 first), and
 * what a union's directory entry says of its units.
 */
let orgs: Orgs;
let tree: BaseTree;
let serial = 5000;

beforeAll(async () => {
  orgs = await startOrgs();
  tree = await baseTree(orgs);
});
afterAll(() => orgs?.sg.stop());

const FIELDS = `id industry { section { code name } division { code name } } ownership sizeBand`;
const REGISTER = `mutation($input: HostUnitInput!) { registerHostUnit(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateHostUnitInput!) { updateHostUnit(id: $id, input: $input) { ${FIELDS} } }`;
const COVER = `mutation($org: ID!, $unit: ID!) { coverUnit(organizationId: $org, unitId: $unit) { id } }`;
const UNCOVER = `mutation($org: ID!, $unit: ID!) { uncoverUnit(organizationId: $org, unitId: $unit) { id } }`;

interface Unit {
  id: string;
  industry: { section: { code: string; name: string }; division: { code: string; name: string } } | null;
  ownership: string;
  sizeBand: string;
}

function unitInput(change: Record<string, unknown> = {}) {
  const n = serial++;
  return {
    name: `行业单位${n}`,
    creditCode: makeCreditCode('91', '440106', n),
    kind: 'NON_PUBLIC_ENTERPRISE',
    divisionCode: '440106',
    employeeCount: 30,
    femaleEmployeeCount: 0,
    responsibleOrgId: tree.township,
    ...change,
  };
}

async function register(change: Record<string, unknown> = {}): Promise<Unit> {
  return (await orgs.ok(REGISTER, { input: unitInput(change) })).registerHostUnit;
}

/** The facts the newest event of an organization carries to the other subgraphs' directories. */
async function announced(orgId: string) {
  const events = (await publishedEvents(orgs.sg.server)).filter(
    (e) => e.type === 'Organization' && e.id === orgId,
  );
  const { industry, ownership, sizeBand } = events.at(-1)!.data as Record<string, unknown>;
  return { industry, ownership, sizeBand, version: events.at(-1)!.version };
}

describe('host-unit industry, ownership and size (issue #19)', () => {
  it('bands units by employees at R1’s 25 and at 100, 500 and 1,000', async () => {
    const bands: [number, string][] = [
      [0, 'UNDER_25'],
      [24, 'UNDER_25'],
      [25, 'FROM_25_TO_99'],
      [99, 'FROM_25_TO_99'],
      [100, 'FROM_100_TO_499'],
      [499, 'FROM_100_TO_499'],
      [500, 'FROM_500_TO_999'],
      [999, 'FROM_500_TO_999'],
      [1000, 'FROM_1000'],
    ];
    const got = [];
    for (const [employeeCount] of bands)
      got.push([employeeCount, (await register({ employeeCount })).sizeBand]);
    expect(got).toEqual(bands);
  });

  it('records the division and shows its section; an unknown code is refused on its field, nothing written', async () => {
    const unit = await register({ industryCode: '13', ownership: 'FOREIGN_INVESTED' });
    expect(unit).toMatchObject({
      industry: { section: { code: 'C', name: '制造业' }, division: { code: '13', name: '农副食品加工业' } },
      ownership: 'FOREIGN_INVESTED',
    });
    const before = await orgs.sg.server.models.HostUnit.countDocuments();
    for (const industryCode of ['00', '98', '1', 'C', '130']) {
      const error = await orgs.fails(REGISTER, { input: unitInput({ industryCode }) });
      expect([industryCode, error.code, error.field]).toEqual([
        industryCode,
        'BAD_USER_INPUT',
        'industryCode',
      ]);
      expect(error.message).toMatch(/^.+不是 GB\/T 4754-2017 行业大类代码/);
    }
    expect(await orgs.sg.server.models.HostUnit.countDocuments()).toBe(before);
    const first = await register({ industryCode: '01' });
    const last = await register({ industryCode: '97' });
    expect([first.industry?.section, last.industry?.section]).toEqual([
      { code: 'A', name: '农、林、牧、渔业' },
      { code: 'T', name: '国际组织' },
    ]);
  });

  it('takes the usual ownership of a kind and refuses one the kind does not allow', async () => {
    const usual = await Promise.all(
      ['STATE_OWNED_ENTERPRISE', 'NON_PUBLIC_ENTERPRISE', 'GOVERNMENT_AGENCY', 'PUBLIC_INSTITUTION'].map(
        async (kind) => (await register({ kind })).ownership,
      ),
    );
    expect(usual).toEqual(['STATE', 'PRIVATE', 'GOVERNMENT_AGENCY', 'PUBLIC_INSTITUTION']);
    expect((await register({ kind: 'STATE_OWNED_ENTERPRISE', ownership: 'COLLECTIVE' })).ownership).toBe(
      'COLLECTIVE',
    );
    const error = await orgs.fails(REGISTER, {
      input: unitInput({ kind: 'STATE_OWNED_ENTERPRISE', ownership: 'PRIVATE' }),
    });
    expect([error.code, error.field]).toEqual(['BAD_USER_INPUT', 'ownership']);
  });

  it('updates industry and ownership with the same checks; a new kind takes its usual ownership', async () => {
    const unit = await register({ industryCode: '52' });
    const updated = (
      await orgs.ok(UPDATE, { id: unit.id, input: { industryCode: '62', ownership: 'FOREIGN_INVESTED' } })
    ).updateHostUnit as Unit;
    expect([updated.industry?.division.name, updated.industry?.section.code, updated.ownership]).toEqual([
      '餐饮业',
      'H',
      'FOREIGN_INVESTED',
    ]);
    const bad = await orgs.fails(UPDATE, { id: unit.id, input: { industryCode: '99' } });
    expect([bad.code, bad.field]).toEqual(['BAD_USER_INPUT', 'industryCode']);
    const mismatch = await orgs.fails(UPDATE, { id: unit.id, input: { ownership: 'STATE' } });
    expect([mismatch.code, mismatch.field]).toEqual(['BAD_USER_INPUT', 'ownership']);
    const rekinded = (await orgs.ok(UPDATE, { id: unit.id, input: { kind: 'STATE_OWNED_ENTERPRISE' } }))
      .updateHostUnit as Unit;
    expect([rekinded.ownership, rekinded.industry?.division.code]).toEqual(['STATE', '62']);
  });

  it('lists units by industry section and ownership (an unrecorded ownership counts as its kind’s usual)', async () => {
    const mining = await register({ industryCode: '06', kind: 'STATE_OWNED_ENTERPRISE' });
    await register({ industryCode: '07', kind: 'STATE_OWNED_ENTERPRISE', ownership: 'COLLECTIVE' });
    const LIST = `query($filter: HostUnitFilter) { hostUnits(first: 50, filter: $filter) { totalCount nodes { id } } }`;
    const listed = await orgs.ok(LIST, { filter: { industrySection: 'B', ownership: 'STATE' } });
    expect(listed.hostUnits).toEqual({ totalCount: 1, nodes: [{ id: mining.id }] });
    const bad = await orgs.fails(LIST, { filter: { industrySection: 'Z' } });
    expect([bad.code, bad.field]).toEqual(['BAD_USER_INPUT', 'filter.industrySection']);
  });

  it('announces a union with its own unit’s facts, and a joint union’s only where all its units agree', async () => {
    const own = await register({ industryCode: '36', employeeCount: 1200 });
    const union = await orgs.create({
      name: '汽车制造公司工会',
      type: 'GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
      hostUnitId: own.id,
    });
    expect(await announced(union.id)).toEqual({
      industry: '36',
      ownership: 'PRIVATE',
      sizeBand: 'FROM_1000',
      version: 1,
    });
    // A change of the unit reaches the union's entry.
    await orgs.ok(UPDATE, { id: own.id, input: { employeeCount: 999 } });
    expect(await announced(union.id)).toMatchObject({ sizeBand: 'FROM_500_TO_999', version: 2 });

    const joint = await orgs.create({
      name: '石牌街道第九联合工会委员会',
      type: 'JOINT_GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
    });
    const shop = await register({ industryCode: '52', employeeCount: 8 });
    const diner = await register({ industryCode: '62', employeeCount: 12 });
    await orgs.ok(COVER, { org: joint.id, unit: shop.id });
    expect(await announced(joint.id)).toEqual({
      industry: '52',
      ownership: 'PRIVATE',
      sizeBand: 'UNDER_25',
      version: 2,
    });
    await orgs.ok(COVER, { org: joint.id, unit: diner.id });
    expect(await announced(joint.id)).toEqual({
      industry: null,
      ownership: 'PRIVATE',
      sizeBand: 'UNDER_25',
      version: 3,
    });
    await orgs.ok(UNCOVER, { org: joint.id, unit: shop.id });
    expect(await announced(joint.id)).toMatchObject({ industry: '62', version: 4 });
    // Nothing the entry holds changed: no new version, no event.
    await orgs.ok(UPDATE, { id: diner.id, input: { name: '石牌某面馆' } });
    expect(await announced(joint.id)).toMatchObject({ version: 4 });
  });

  it('refuses an analyst the write, and a writer outside the subtree', async () => {
    const unit = await register();
    const analyst = await orgs.fails(
      UPDATE,
      { id: unit.id, input: { industryCode: '13' } },
      testCallers.analyst(),
    );
    expect(analyst.code).toBe('FORBIDDEN');
    const henan = testCallers.orgAdmin(tree.henan);
    const outside = await orgs.fails(UPDATE, { id: unit.id, input: { industryCode: '13' } }, henan);
    expect(outside.code).toBe('NOT_FOUND');
  });
});
