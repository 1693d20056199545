import { makeCreditCode } from '@union-graph/domain';
import { publishedEvents } from '@union-graph/subgraph-kit/testing';
import { currentOrgEvents } from '../domain/org-events';
import { type BaseTree, baseTree, type Orgs, startOrgs } from './fixtures';

/**
 * What members' unit directory is fed (join at source, §8, R12): every change of a host unit or of its
 * coverage announces the unit's snapshot — credit code, name, covering union — at a version one higher,
 * and a resync re-publishes the current snapshots.
 */
let orgs: Orgs;
let tree: BaseTree;
beforeAll(async () => {
  orgs = await startOrgs();
  tree = await baseTree(orgs);
});
afterAll(() => orgs?.sg.stop());

const REGISTER = `mutation($input: HostUnitInput!) { registerHostUnit(input: $input) { id } }`;
const COVER = `mutation($org: ID!, $unit: ID!) { coverUnit(organizationId: $org, unitId: $unit) { id } }`;
const UNCOVER = `mutation($org: ID!, $unit: ID!) { uncoverUnit(organizationId: $org, unitId: $unit) { id } }`;
const creditCode = makeCreditCode('91', '440106', 777);
/** What statistics group by (issue #19): no industry recorded, a non-public enterprise's usual ownership. */
const FACTS = { industry: null, ownership: 'PRIVATE', sizeBand: 'FROM_25_TO_99' };

const unitEvents = async (id: string) =>
  (await publishedEvents(orgs.sg.server)).filter((e) => e.type === 'HostUnit' && e.id === id);

describe('host unit events', () => {
  let unitId: string;
  let union: string;

  it('carry the snapshot, its covering union and the version of every change', async () => {
    unitId = (
      await orgs.ok(REGISTER, {
        input: {
          name: '石牌某科技公司',
          creditCode,
          kind: 'NON_PUBLIC_ENTERPRISE',
          divisionCode: '440106',
          employeeCount: 40,
          femaleEmployeeCount: 15,
          responsibleOrgId: tree.township,
        },
      })
    ).registerHostUnit.id;
    union = (
      await orgs.create({
        name: '石牌某科技公司工会',
        type: 'GRASSROOTS',
        divisionCode: '440106',
        parentId: tree.township,
      })
    ).id;
    await orgs.ok(COVER, { org: union, unit: unitId });
    await orgs.ok(UNCOVER, { org: union, unit: unitId });
    const data = { creditCode, name: '石牌某科技公司', ...FACTS };
    expect(
      (await unitEvents(unitId)).map(({ version, data, affects }) => ({ version, data, affects })),
    ).toEqual([
      { version: 1, data: { ...data, coveredBy: null }, affects: [] },
      { version: 2, data: { ...data, coveredBy: union }, affects: [{ type: 'Organization', id: union }] },
      { version: 3, data: { ...data, coveredBy: null }, affects: [{ type: 'Organization', id: union }] },
    ]);
  });

  it('are re-published with the current coverage on request, for one unit or all', async () => {
    await orgs.ok(COVER, { org: union, unit: unitId });
    const one = await currentOrgEvents(orgs.sg.server.models, [unitId]);
    expect(one).toEqual([
      {
        type: 'HostUnit',
        id: unitId,
        op: 'upsert',
        version: 4,
        data: { creditCode, name: '石牌某科技公司', coveredBy: union, ...FACTS },
        affects: [],
      },
    ]);
    const all = await currentOrgEvents(orgs.sg.server.models, 'all');
    expect(all.filter((e) => e.type === 'HostUnit')).toEqual(one);
    expect(all.filter((e) => e.type === 'Organization')).toHaveLength(
      await orgs.sg.server.models.Organization.countDocuments(),
    );
  });

  it('announce the covering union when a union is founded with its host unit', async () => {
    const code = makeCreditCode('91', '440106', 778);
    const unit = (
      await orgs.ok(REGISTER, {
        input: {
          name: '石牌某物流公司',
          creditCode: code,
          kind: 'NON_PUBLIC_ENTERPRISE',
          divisionCode: '440106',
          employeeCount: 30,
          femaleEmployeeCount: 10,
          responsibleOrgId: tree.township,
        },
      })
    ).registerHostUnit.id;
    const founded = (
      await orgs.create({
        name: '石牌某物流公司工会',
        type: 'GRASSROOTS',
        divisionCode: '440106',
        parentId: tree.township,
        hostUnitId: unit,
      })
    ).id;
    expect((await unitEvents(unit)).map(({ version, data }) => ({ version, data }))).toEqual([
      { version: 1, data: { creditCode: code, name: '石牌某物流公司', coveredBy: null, ...FACTS } },
      { version: 2, data: { creditCode: code, name: '石牌某物流公司', coveredBy: founded, ...FACTS } },
    ]);
  });
});
