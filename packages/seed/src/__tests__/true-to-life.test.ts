import { division, isMunicipality, MUNICIPALITY_CODES, townshipsOf } from '@union-graph/domain';
import { derivedFields } from '@union-graph/members/seeding';
import { planSeed, SCALES, type SeedPlan } from '..';
import type { MemberPlan, OrgPlan } from '../plan-types';
import { AS_OF } from '../shape';
import { joinableFrom, MIN_JOINING_AGE, shortName } from '../true-to-life';

const plans: [string, SeedPlan][] = [
  ['tiny', planSeed(1, SCALES.tiny!)],
  ['small', planSeed(2014, SCALES.small!)],
];

/** The registry's birth date for a member: what members stores, derived from the resident ID. */
const birthOf = (m: MemberPlan) => derivedFields(m).birthDate!;
const yearsBetween = (from: Date, to: Date) => {
  const years = to.getUTCFullYear() - from.getUTCFullYear();
  const before =
    to.getUTCMonth() < from.getUTCMonth() ||
    (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  return years - (before ? 1 : 0);
};
const share = (members: MemberPlan[], test: (m: MemberPlan) => boolean) =>
  members.filter(test).length / members.length;

describe.each(plans)('the %s demo data, true to life', (_scale, plan) => {
  const byId = new Map(plan.organizations.map((o) => [o._id, o]));
  const parentOf = (o: OrgPlan) => byId.get(o.parentId ?? '');
  const countyOf = (o: OrgPlan) => o.path.map((id) => byId.get(id)!).find((a) => a.level === 'COUNTY');

  it('has every member join at 16 or older, after the birth date their resident ID gives', () => {
    const ages = plan.members.map((m) => yearsBetween(birthOf(m), m.joinedAt));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(MIN_JOINING_AGE);
    for (const m of plan.members) {
      expect(birthOf(m).toISOString().slice(0, 10)).toBe(
        `${m.residentId.slice(6, 10)}-${m.residentId.slice(10, 12)}-${m.residentId.slice(12, 14)}`,
      );
      expect(m.joinedAt.getTime()).toBeLessThanOrEqual(AS_OF.getTime());
    }
  });

  it('puts a municipality’s districts right under it and names each federation after its own division', () => {
    const feds = plan.organizations.filter((o) => o.type === 'LOCAL_FEDERATION');
    for (const o of feds.filter((f) => f.level !== 'NATIONAL')) {
      expect(o.name).toBe(`${division(o.divisionCode)!.name}总工会`);
      expect(o.name).not.toMatch(/市辖区|直辖/);
      expect(parentOf(o)!.name).not.toBe(o.name);
    }
    const municipal = feds.filter((o) => isMunicipality(o.divisionCode));
    expect(municipal.some((o) => o.level === 'COUNTY')).toBe(true);
    expect(municipal.filter((o) => o.level === 'CITY')).toEqual([]);
    for (const county of municipal.filter((o) => o.level === 'COUNTY')) {
      expect(parentOf(county)).toMatchObject({ level: 'PROVINCE', name: '北京市总工会' });
      expect(MUNICIPALITY_CODES).toContain(parentOf(county)!.divisionCode);
    }
    // Counties elsewhere sit under their own city's federation.
    for (const county of feds.filter((o) => o.level === 'COUNTY' && !isMunicipality(o.divisionCode))) {
      expect(parentOf(county)!.divisionCode).toBe(division(county.divisionCode)!.cityCode);
    }
  });

  it('names township and street federations and work committees after real townships of their county', () => {
    const towns = plan.organizations.filter((o) =>
      ['TOWNSHIP_FEDERATION', 'TOWNSHIP_WORK_COMMITTEE'].includes(o.type),
    );
    expect(towns.length).toBeGreaterThan(0);
    for (const t of towns) {
      const county = division(t.divisionCode)!;
      const real = townshipsOf(county.code).map((x) => x.name);
      const town = t.name.slice(county.name.length).replace(/(总工会|工会工作委员会)$/, '');
      expect([t.name.startsWith(county.name), real]).toEqual([true, expect.arrayContaining([town])]);
    }
    for (const j of plan.organizations.filter((o) => o.type === 'JOINT_GRASSROOTS')) {
      expect(j.name.startsWith(parentOf(j)!.name.replace(/总工会$/, ''))).toBe(true);
    }
  });

  it('names every host unit for its own place', () => {
    for (const u of plan.hostUnits) {
      const county = division(u.divisionCode)!;
      const places = [county.name, shortName(division(county.provinceCode)!)];
      if (county.cityCode) places.push(shortName(division(county.cityCode)!));
      expect([u.name, places.some((p) => u.name.startsWith(p))]).toEqual([u.name, true]);
      expect(u.name).toMatch(/(公司|店|馆|部|社|房)(（未建会）)?$/);
    }
  });

  it('has a realistic share of migrant and flexible workers, migrants carrying their home county’s ID', () => {
    expect(share(plan.members, (m) => !!m.flexibleWork)).toBeGreaterThanOrEqual(0.03);
    expect(share(plan.members, (m) => !!m.flexibleWork)).toBeLessThanOrEqual(0.1);
    expect(share(plan.members, (m) => !!m.migrantWorker)).toBeGreaterThanOrEqual(0.1);
    expect(share(plan.members, (m) => !!m.migrantWorker)).toBeLessThanOrEqual(0.4);
    const moved = new Set(plan.transfers.map((t) => t.memberId));
    for (const m of plan.members.filter((x) => !moved.has(x._id))) {
      const home = m.residentId.slice(0, 6);
      const workplace = countyOf(byId.get(m.organizationId)!)!.divisionCode;
      expect([m.migrantWorker ?? false, home === workplace, division(home)?.level]).toEqual([
        m.migrantWorker ?? false,
        !m.migrantWorker,
        'COUNTY',
      ]);
    }
    const migrants = plan.members.filter((m) => m.migrantWorker);
    expect(
      share(
        migrants,
        (m) => m.residentId.slice(0, 2) !== byId.get(m.organizationId)!.divisionCode.slice(0, 2),
      ),
    ).toBeGreaterThan(0.3);
  });
});

describe('the small demo data’s migrant workers by line of business', () => {
  const [, plan] = plans[1]!;
  const unitOf = new Map(plan.coverages.filter((c) => c.own).map((c) => [c.organizationId, c.unitId]));
  const units = new Map(plan.hostUnits.map((u) => [u._id, u]));
  const employed = plan.members.filter((m) => !m.flexibleWork && unitOf.has(m.organizationId));
  const labourIntensive =
    /机械|电子|纺织|服装|食品|汽车|塑胶|五金|家具|建筑|建设|装饰|路桥|建材|物流|物业|餐饮|酒店|商贸|家政|保安|超市/;
  const intensive = (m: MemberPlan) => labourIntensive.test(units.get(unitOf.get(m.organizationId)!)!.name);

  it('are 20–35% of manufacturing, construction and services units’ members, fewer elsewhere', () => {
    const [many, few] = [employed.filter(intensive), employed.filter((m) => !intensive(m))];
    expect(many.length).toBeGreaterThan(100);
    expect(few.length).toBeGreaterThan(20);
    expect(share(many, (m) => !!m.migrantWorker)).toBeGreaterThanOrEqual(0.18);
    expect(share(many, (m) => !!m.migrantWorker)).toBeLessThanOrEqual(0.37);
    expect(share(few, (m) => !!m.migrantWorker)).toBeLessThan(0.12);
  });
});

describe('the joining age', () => {
  const day = (d: Date) => d.toISOString().slice(0, 10);

  it('is reached on the 16th birthday, leap days included, and never before the earliest date asked', () => {
    expect(day(joinableFrom('2000-03-01', '2010-01-01'))).toBe('2016-03-01');
    expect(day(joinableFrom('2000-03-01', '2016-03-02'))).toBe('2016-03-02');
    expect(day(joinableFrom('2004-02-29', '2019-01-01'))).toBe('2020-02-29');
  });
});
