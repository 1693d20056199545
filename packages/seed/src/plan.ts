import { base, en, Faker, zh_CN } from '@faker-js/faker';
import {
  type Division,
  divisionsAt,
  divisionsUnder,
  makeCreditCode,
  makeResidentId,
  NATIONAL_DIVISION_CODE,
} from '@union-graph/domain';
import { openingBalancePosting } from '@union-graph/funds/seeding';
import { addCapabilities } from './capabilities';
import { addCenters } from './centers';
import { addChair } from './chairs';
import { addEducation } from './education';
import { addGuangdong } from './guangdong';
import { addHome } from './homes';
import { stableId } from './ids';
import { addIndustries } from './industries';
import { addDues, addOtherAccounts, addPayrollReceipts } from './ledger';
import { addMembership } from './membership';
import type { OrgPlan, SeedPlan, SeedScale } from './plan-types';
import { addCards, addTransfers } from './registry';
import { addRightsFund } from './rights-fund';
import { addSectoralBargaining } from './sectoral-bargaining';
import { addSixHavesEvidence } from './six-haves-evidence';
import { addStaffing } from './staffing';
import { addStructure } from './structure';
import { enterpriseName, firstTownship, homeCounty, joinableFrom, migrantShare } from './true-to-life';
import { addCommittees, addOwnUnit, addSmallUnits } from './units';
import { addWomenWorkersMembers } from './women-workers';

export const SCALES: Record<string, SeedScale> = {
  tiny: {
    provinces: 1,
    citiesPerProvince: 1,
    countiesPerCity: 1,
    unitsPerCounty: 3,
    smallUnitsPerTownship: 4,
    maxMembersPerUnit: 8,
    ledgerEvery: 1,
  },
  small: {
    provinces: 3,
    citiesPerProvince: 2,
    countiesPerCity: 2,
    unitsPerCounty: 4,
    smallUnitsPerTownship: 12,
    maxMembersPerUnit: 25,
    ledgerEvery: 2,
  },
  medium: {
    provinces: 6,
    citiesPerProvince: 4,
    countiesPerCity: 4,
    unitsPerCounty: 12,
    smallUnitsPerTownship: 60,
    maxMembersPerUnit: 60,
    ledgerEvery: 8,
  },
  large: {
    provinces: 31,
    citiesPerProvince: 8,
    countiesPerCity: 6,
    unitsPerCounty: 40,
    smallUnitsPerTownship: 150,
    // About a million members: the scale the issue sets for scale checks.
    maxMembersPerUnit: 42,
    ledgerEvery: 40,
  },
};

/** Provinces the small data sets start with, so demos show familiar places. */
const PREFERRED_PROVINCES = ['110000', '440000', '410000', '310000', '510000', '330000'];

function federationName(d: Division): string {
  return `${d.name}总工会`;
}

function child(
  parent: OrgPlan,
  key: string,
  fields: Omit<OrgPlan, '_id' | 'parentId' | 'path' | 'status' | 'version'>,
): OrgPlan {
  const _id = stableId('org', key);
  return { ...fields, _id, parentId: parent._id, path: [...parent.path, _id], status: 'ACTIVE', version: 1 };
}

function pick<T>(items: T[], n: number, preferred: (t: T) => number): T[] {
  return [...items].sort((a, b) => preferred(a) - preferred(b)).slice(0, n);
}

export function planSeed(seed: number, scale: SeedScale): SeedPlan {
  const faker = new Faker({ locale: [zh_CN, en, base] });
  faker.seed(seed);
  const plan: SeedPlan = {
    organizations: [],
    hostUnits: [],
    coverages: [],
    committeeTerms: [],
    members: [],
    cadres: [],
    elections: [],
    electionResults: [],
    trainings: [],
    contractFilings: [],
    fundAccounts: [],
    postings: [],
    memberCards: [],
    transfers: [],
    transferSteps: [],
    duesPayments: [],
    workersHomes: [],
    modelTitles: [],
    gdBenefitCards: [],
    gdHonors: [],
    orgConversions: [],
    membersMeetings: [],
    standingDelegates: [],
    delegateContacts: [],
    unionDisclosures: [],
    liaisonPoints: [],
    liaisonVisits: [],
    unitDirectory: [],
    fullTimeCadres: [],
    assistanceCenters: [],
    assistanceCases: [],
    workflowSteps: [],
    sixHavesAssessments: [],
    annualReviews: [],
    subsidyPlans: [],
    fundsAudits: [],
    centralizedAccounting: [],
    collectiveContracts: [],
    coveredUnits: [],
    workersCongresses: [],
    satisfactionSurveys: [],
    surveyResponses: [],
    laborAlerts: [],
    collectiveDisputes: [],
    competitions: [],
    competitionEntries: [],
    awardNominations: [],
    benefitPrograms: [],
    contractWorkers: [],
    contractWorkerSteps: [],
    rightsFundAccounts: [],
    cadreSubsidies: [],
    rightsCases: [],
  };
  // Host units, committees, chairs and homes draw from a generator of their own, so the tree and
  // its members stay the same when they grow.
  const more = new Faker({ locale: [zh_CN, en, base] });
  more.seed(seed + 1);
  let townships = 0;
  const joint: OrgPlan[] = [];
  const nationalId = stableId('org', 'national');
  const national: OrgPlan = {
    _id: nationalId,
    name: '中华全国总工会',
    type: 'NATIONAL_FEDERATION',
    level: 'NATIONAL',
    status: 'ACTIVE',
    parentId: null,
    path: [nationalId],
    divisionCode: NATIONAL_DIVISION_CODE,
    version: 1,
  };
  plan.organizations.push(national);
  let serial = 1;
  const provinces = pick(divisionsAt('PROVINCE'), scale.provinces, (d) => {
    const i = PREFERRED_PROVINCES.indexOf(d.code);
    return i < 0 ? 100 + Number(d.code.slice(0, 2)) : i;
  });
  // A county federation with its street federation and the grassroots unions of its units.
  const addCounty = (ancestors: OrgPlan[], a: Division) => {
    const county = child(ancestors.at(-1)!, a.code, {
      name: federationName(a),
      type: 'LOCAL_FEDERATION',
      level: 'COUNTY',
      divisionCode: a.code,
    });
    plan.organizations.push(county);
    const township = child(county, `${a.code}-township`, {
      name: `${a.name}${firstTownship(a.code).name}总工会`,
      type: 'TOWNSHIP_FEDERATION',
      level: 'TOWNSHIP',
      divisionCode: a.code,
    });
    plan.organizations.push(township);
    for (let u = 0; u < scale.unitsPerCounty; u++) {
      const { name: company, industry } = enterpriseName(faker, a.code);
      const creditCode = makeCreditCode('91', a.code, serial++);
      const union = child(township, creditCode, {
        name: `${company}工会委员会`,
        type: 'GRASSROOTS',
        level: 'GRASSROOTS',
        divisionCode: a.code,
      });
      plan.organizations.push(union);
      const members = addUnitData(plan, faker, union, scale, a.code, migrantShare(faker, industry));
      addOwnUnit(plan, more, union, {
        name: company,
        creditCode,
        members: members.total,
        responsibleOrgId: township._id,
      });
      addCommittees(plan, more, union, members, u + townships * scale.unitsPerCounty);
      addChair(plan, more, union, members.firstMemberIds, members.total);
      addHome(plan, more, union, members.established, [...ancestors, county]);
    }
    const before = plan.organizations.length;
    addSmallUnits(plan, more, township, scale.smallUnitsPerTownship, townships++);
    joint.push(...plan.organizations.splice(before));
  };
  for (const p of provinces) {
    const prov = child(national, p.code, {
      name: federationName(p),
      type: 'LOCAL_FEDERATION',
      level: 'PROVINCE',
      divisionCode: p.code,
    });
    plan.organizations.push(prov);
    // A municipality's districts, and the county-level cities a province administers directly,
    // stand where cities stand: right under the provincial federation, as in the real tree.
    for (const c of divisionsUnder(p.code).slice(0, scale.citiesPerProvince)) {
      if (c.level === 'COUNTY') {
        addCounty([national, prov], c);
        continue;
      }
      const city = child(prov, c.code, {
        name: federationName(c),
        type: 'LOCAL_FEDERATION',
        level: 'CITY',
        divisionCode: c.code,
      });
      plan.organizations.push(city);
      for (const a of divisionsUnder(c.code).slice(0, scale.countiesPerCity))
        addCounty([national, prov, city], a);
    }
  }
  // Joint unions go last, so the lists earlier data sets had keep their order.
  plan.organizations.push(...joint);
  // Money, cards, transfers and provincial data draw from a third generator, after the tree.
  const late = new Faker({ locale: [zh_CN, en, base] });
  late.seed(seed + 2);
  addCards(plan, late);
  addTransfers(plan, late);
  addOtherAccounts(plan, late);
  addPayrollReceipts(plan, late, scale.ledgerEvery);
  addDues(plan, late, scale.ledgerEvery * 8);
  addGuangdong(plan, late);
  addMembership(plan, late);
  addStructure(plan, late);
  // After every union the plan holds, so the federations others add are staffed and served too.
  addStaffing(plan, late);
  addCenters(plan, late);
  // R14: after the registry is complete, as its counts decide who needs a women-workers member.
  addWomenWorkersMembers(plan, late);
  addCapabilities(plan, late, scale);
  addSectoralBargaining(plan, late);
  addRightsFund(plan, late);
  // R5: the records behind the six-haves marks, after the assessments they follow.
  addSixHavesEvidence(plan, late);
  // Issue #19: industries and ownership read off the units the plan already holds; education.
  addIndustries(plan, late);
  addEducation(plan, late);
  return plan;
}

const residentIds = new WeakMap<SeedPlan, Set<string>>();
const taken = (plan: SeedPlan) => residentIds.get(plan) ?? residentIds.set(plan, new Set()).get(plan)!;

/**
 * A resident ID no member of the plan has yet: at a million members, two people of one county
 * born on one day draw the same sequence number now and then, and one active membership per ID
 * (members' unique index) would drop the second. The next free number of the same parity keeps
 * the gender digit; nothing else is drawn, so the rest of the plan stays the same.
 */
function uniqueResidentId(divisionCode: string, birth: string, sequence: number, used: Set<string>): string {
  for (let s = sequence; ; s = (s + 2) % 1000) {
    const id = makeResidentId(divisionCode, birth, s);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

function addUnitData(
  plan: SeedPlan,
  faker: Faker,
  union: OrgPlan,
  scale: SeedScale,
  divisionCode: string,
  migrantShare: number,
): { total: number; female: number; established: Date; firstMemberIds: string[] } {
  let female = 0;
  const firstMemberIds: string[] = [];
  const size = faker.number.int({ min: 3, max: scale.maxMembersPerUnit });
  const established = faker.date.between({ from: '2005-01-01', to: '2022-12-31' });
  for (let i = 0; i < size; i++) {
    const gender = faker.helpers.arrayElement(['MALE', 'FEMALE'] as const);
    const birth = faker.date
      .birthdate({ min: 20, max: 58, mode: 'age', refDate: '2026-01-01' })
      .toISOString()
      .slice(0, 10);
    // A migrant worker's resident ID was issued in their home county, not where they work.
    const migrantWorker = faker.datatype.boolean({ probability: migrantShare });
    const residentId = uniqueResidentId(
      migrantWorker ? homeCounty(faker, divisionCode) : divisionCode,
      birth,
      faker.number.int({ min: 0, max: 498 }) * 2 + (gender === 'MALE' ? 1 : 0),
      taken(plan),
    );
    const _id = stableId('member', residentId);
    if (gender === 'FEMALE') female += 1;
    if (i < 2) firstMemberIds.push(_id);
    plan.members.push({
      _id,
      name: faker.person.fullName({ sex: gender === 'MALE' ? 'male' : 'female' }),
      gender,
      residentId,
      status: 'ACTIVE',
      organizationId: union._id,
      joinedAt: faker.date.between({ from: joinableFrom(birth, established), to: '2026-06-30' }),
      migrantWorker,
    });
  }
  plan.fundAccounts.push({
    _id: stableId('account', union._id),
    organizationId: union._id,
    openedAt: established,
  });
  plan.postings.push(
    openingBalancePosting(union._id, faker.number.int({ min: 100_000, max: 50_000_000 }), established),
  );
  return { total: size, female, established, firstMemberIds };
}
