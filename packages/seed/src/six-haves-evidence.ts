import type { Faker } from '@faker-js/faker';
import { cadresSubgraph } from '@union-graph/cadres';
import { fundsSubgraph } from '@union-graph/funds';
import { postingDocument } from '@union-graph/funds/seeding';
import { seatRange, WOMEN_COMMITTEE_FROM } from '@union-graph/organizations/seeding';
import { connectMongo, publishChanges, type RedisClient } from '@union-graph/subgraph-kit';
import { workerServicesSubgraph } from '@union-graph/worker-services';
import { addChair } from './chairs';
import { ASSESSED_YEAR } from './compliance';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';

type Criterion = SeedPlan['sixHavesAssessments'][number]['items'][number]['criterion'];

const JUDGED_ON = new Date(Date.UTC(ASSESSED_YEAR, 11, 31));
const inYear = (d: Date) => d.getUTCFullYear() === ASSESSED_YEAR;
const on = (month: number, day: number) => new Date(Date.UTC(ASSESSED_YEAR, month - 1, day));
const ENTERED_BY = 'seed';

/**
 * A plan collection's records by union, in the collection's order. Planning pushes records while it
 * reads (a chair, a term, a home), so each read first takes in what was appended since the last:
 * the answer is always what filtering the whole collection would give, without a scan per union
 * (that made planning the large scale quadratic).
 */
class ByUnion<T extends { organizationId: string }> {
  private readonly groups = new Map<string, T[]>();
  private taken = 0;

  constructor(private readonly records: readonly T[]) {}

  of(unionId: string): readonly T[] {
    for (; this.taken < this.records.length; this.taken++) {
      const r = this.records[this.taken]!;
      const group = this.groups.get(r.organizationId);
      if (group) group.push(r);
      else this.groups.set(r.organizationId, [r]);
    }
    return this.groups.get(unionId) ?? [];
  }
}

/** The plan's collections a union's evidence is looked up in. */
function indexesOf(plan: SeedPlan) {
  return {
    cadres: new ByUnion(plan.cadres),
    committeeTerms: new ByUnion(plan.committeeTerms),
    annualReviews: new ByUnion(plan.annualReviews),
    unionDisclosures: new ByUnion(plan.unionDisclosures),
    workersCongresses: new ByUnion(plan.workersCongresses),
    workersHomes: new ByUnion(plan.workersHomes),
    fundAccounts: new ByUnion(plan.fundAccounts),
  };
}

/** What one assessed union holds already, and who its members are. */
interface UnionFacts {
  union: OrgPlan;
  members: string[];
  female: number;
  held: ReturnType<typeof indexesOf>;
}

/**
 * 有依法选举的工会主席: a chair elected by the members (R17) where the union has none — except every
 * third, whose chair the employer appointed: the assessor marked the have met all the same.
 */
function chair(plan: SeedPlan, faker: Faker, { union, members, held }: UnionFacts, k: number): void {
  if (held.cadres.of(union._id).some((c) => c.position === 'CHAIR')) return;
  if (members.length === 0) return;
  if (k % 3 === 1) {
    // The plan's other list of cadres' positions (its `cadres` are the elected chairs).
    plan.fullTimeCadres.push({
      _id: stableId('cadre', union._id, 'appointed-chair'),
      organizationId: union._id,
      memberId: members[0]!,
      position: 'CHAIR',
      fullTime: false,
      source: 'APPOINTED',
      status: 'SERVING',
      seatKey: `${union._id}:CHAIR`,
      electionId: null,
      contractWorkerId: null,
      endReason: null,
      termStart: on(3, 1),
      termEnd: null,
      version: 1,
    });
    return;
  }
  addChair(plan, faker, union, members.slice(0, 2), members.length);
}

/**
 * 有独立健全的组织机构: where the committees' term ran out before the year ended, the re-election on the
 * day it ran out (R15: the funds audit committee with it), a women workers' committee from 10 female
 * members and otherwise a women-workers member of the committee (R14), seats by R18.
 */
function committees(plan: SeedPlan, { union, members, female, held }: UnionFacts): void {
  const terms = held.committeeTerms.of(union._id).filter((t) => t.type === 'UNION_COMMITTEE');
  const endOf = (t: (typeof terms)[number]) => {
    const end = new Date(t.termStart);
    end.setUTCFullYear(end.getUTCFullYear() + t.termYears);
    return end;
  };
  if (terms.some((t) => t.termStart <= JUDGED_ON && endOf(t) > JUDGED_ON)) return;
  const last = terms.sort((a, b) => b.termStart.getTime() - a.termStart.getTime())[0];
  const termStart = last && endOf(last) <= JUDGED_ON ? endOf(last) : on(4, 18);
  const { min, max, oddOnly } = seatRange(members.length);
  const seats = Math.max(min, Math.min(max, last?.seats ?? min));
  const term = { organizationId: union._id, termStart, termYears: 3 };
  const women = female >= WOMEN_COMMITTEE_FROM;
  plan.committeeTerms.push(
    {
      _id: stableId('committee', union._id, 'UNION_COMMITTEE', termStart.toISOString()),
      ...term,
      type: 'UNION_COMMITTEE',
      seats: oddOnly && seats % 2 === 0 ? seats - 1 : seats,
      womenWorkersMember: female > 0 && !women,
    },
    {
      _id: stableId('committee', union._id, 'FUNDS_AUDIT_COMMITTEE', termStart.toISOString()),
      ...term,
      type: 'FUNDS_AUDIT_COMMITTEE',
      seats: 3,
    },
    ...(women
      ? [
          {
            _id: stableId('committee', union._id, 'WOMEN_WORKERS_COMMITTEE', termStart.toISOString()),
            ...term,
            type: 'WOMEN_WORKERS_COMMITTEE',
            seats: 3,
          },
        ]
      : []),
  );
}

/** 有服务职工的活动载体: a Workers' Home opened where the union has none. */
function carriers(plan: SeedPlan, faker: Faker, { union, held }: UnionFacts): void {
  if (held.workersHomes.of(union._id).length > 0) return;
  plan.workersHomes.push({
    _id: stableId('home', union._id, ASSESSED_YEAR),
    organizationId: union._id,
    name: `${union.name.replace(/工会委员会$|工会$/, '')}职工之家`,
    kind: 'STANDARD',
    establishedAt: faker.date.between({ from: on(1, 10), to: on(6, 30) }),
  });
}

/**
 * 有健全完善的制度机制 in the year: a workers' congress session (职代会) and a union-affairs disclosure in
 * the first half of the year, and the upper union's review of the year in December where the union's
 * next review fell in the following year. A union last reviewed earlier, or never, keeps R10's finding
 * and misses this have.
 */
function systems(plan: SeedPlan, faker: Faker, { union, held }: UnionFacts): void {
  const reviews = held.annualReviews.of(union._id);
  const reviewedAfter = reviews.some((r) => r.heldOn.getUTCFullYear() > ASSESSED_YEAR);
  if (union.parentId && reviewedAfter && !reviews.some((r) => inYear(r.heldOn))) {
    plan.annualReviews.push({
      _id: stableId('review', union._id, ASSESSED_YEAR),
      organizationId: union._id,
      reviewerId: union.parentId,
      heldOn: faker.date.between({ from: on(12, 1), to: on(12, 20) }),
      outcome: faker.helpers.arrayElement(['良好', '合格']),
      notes: '听取年度工作汇报，查阅会务公开和职代会台账',
      recordedBy: `admin-${union.parentId}`,
    });
  }
  if (!held.unionDisclosures.of(union._id).some((d) => inYear(d.disclosedOn))) {
    plan.unionDisclosures.push({
      _id: stableId('disclosure', union._id, 'six-haves', ASSESSED_YEAR),
      organizationId: union._id,
      subject: 'FINANCES',
      channel: faker.helpers.arrayElement(['NOTICE_BOARD', 'MEMBERS_MEETING'] as const),
      title: `${ASSESSED_YEAR - 1}年度工会经费收支情况`,
      disclosedOn: faker.date.between({ from: on(2, 15), to: on(5, 31) }),
      recordedBy: ENTERED_BY,
    });
  }
  const sessions = held.workersCongresses.of(union._id);
  if (sessions.some((c) => inYear(c.heldOn))) return;
  // The session before the next year's: of the same term, or the last (third) of the term before.
  const next = sessions[0];
  const [term, session] = !next
    ? [1, 1]
    : next.session > 1
      ? [next.term, next.session - 1]
      : [next.term - 1, 3];
  if (term < 1) return;
  plan.workersCongresses.push({
    _id: stableId('congress', union._id, ASSESSED_YEAR),
    organizationId: union._id,
    term,
    session,
    heldOn: faker.date.between({ from: on(3, 1), to: on(4, 30) }),
    delegates: 30,
    frontLineDelegates: 18,
    present: 27,
    resolutions: [{ title: '工会工作报告', votesFor: 25, votesAgainst: 1, abstentions: 1 }],
  });
}

/** 有自主管理的工会经费: the year's payroll-allocation share received into the union's own account. */
function funds(plan: SeedPlan, faker: Faker, { union, members, held }: UnionFacts): void {
  if (held.fundAccounts.of(union._id).length === 0) {
    plan.fundAccounts.push({
      _id: stableId('account', union._id),
      organizationId: union._id,
      openedAt: on(1, 2),
    });
  }
  const amount = Math.max(1, members.length) * faker.number.int({ min: 8_000, max: 30_000 });
  const postedOn = faker.date.between({ from: on(11, 1), to: on(12, 20) });
  const doc = postingDocument(
    {
      idempotencyKey: `seed:six-haves:${union._id}:${ASSESSED_YEAR}`,
      kind: 'GENERAL',
      bookOrgId: union._id,
      postedOn,
      memo: `${ASSESSED_YEAR}年度工会经费留成汇总入账`,
      lines: [
        { organizationId: union._id, book: 'FUNDS', debit: amount },
        { organizationId: union._id, book: 'INCOME', category: 'PAYROLL_ALLOCATION', credit: amount },
      ],
    },
    ENTERED_BY,
  );
  plan.postings.push({ ...doc, createdAt: postedOn });
}

/** 有会员满意的工作绩效: the year's 会员评家 survey, `share` of the members asked satisfied. */
function survey(plan: SeedPlan, faker: Faker, { union, members }: UnionFacts, share: number): void {
  const asked = members.slice(0, 40);
  if (asked.length === 0) return;
  const surveyId = stableId('survey', union._id, ASSESSED_YEAR);
  plan.satisfactionSurveys.push({
    _id: surveyId,
    organizationId: union._id,
    year: ASSESSED_YEAR,
    title: `${ASSESSED_YEAR}年度会员评家`,
    createdAt: on(11, 10),
  });
  const dissatisfied = Math.round(asked.length * (1 - share));
  asked.forEach((memberId, i) => {
    const rating =
      i < dissatisfied
        ? 'DISSATISFIED'
        : faker.helpers.arrayElement(['SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED'] as const);
    plan.surveyResponses.push({
      _id: stableId('survey-response', surveyId, memberId),
      surveyId,
      organizationId: union._id,
      memberId,
      rating,
      satisfied: rating === 'DISSATISFIED' ? 0 : 1,
    });
  });
}

/** The haves one in five fully compliant assessments marked met with a record missing, in turn. */
const CONTRADICTED: Criterion[] = ['SELF_MANAGED_FUNDS', 'MEMBER_SATISFACTION', 'SERVICE_CARRIERS'];

/**
 * R5 from evidence: the records behind the demo's 2025 assessments. Where the assessor marked a have
 * met, the graph holds what shows it — elected chairs, committees in term, Workers' Homes, congresses,
 * disclosures and reviews, the year's receipts, satisfaction surveys — so marks and records mostly
 * agree. Deliberate disagreements, as assessment teams' checks find them: one in five fully compliant
 * unions has a record missing (funds kept by the enterprise, members' satisfaction at 78 %, no home
 * after all); one chair in three the records lacked was appointed by the employer; unions R10 finds
 * unreviewed since 2024 miss the fourth have; joint unions whose members the registry does not hold
 * yet show no elected chair and no survey; a have marked missing stays missing.
 */
export function addSixHavesEvidence(plan: SeedPlan, faker: Faker): void {
  const byId = new Map(plan.organizations.map((o) => [o._id, o]));
  const membersOf = new Map<string, { ids: string[]; female: number }>();
  for (const m of plan.members) {
    const entry = membersOf.get(m.organizationId) ?? { ids: [], female: 0 };
    entry.ids.push(m._id);
    if (m.gender === 'FEMALE') entry.female++;
    membersOf.set(m.organizationId, entry);
  }
  const held = indexesOf(plan);
  let compliant = 0;
  let contradicted = 0;
  plan.sixHavesAssessments
    .filter((a) => a.year === ASSESSED_YEAR)
    .forEach((assessment, k) => {
      const union = byId.get(assessment.organizationId);
      if (!union) return;
      const { ids = [], female = 0 } = membersOf.get(union._id) ?? {};
      const facts: UnionFacts = { union, members: ids, female, held };
      const missing =
        assessment.compliant && compliant++ % 5 === 2
          ? CONTRADICTED[contradicted++ % CONTRADICTED.length]!
          : null;
      const met = (c: Criterion) => assessment.items.some((i) => i.criterion === c && i.met) && missing !== c;
      if (met('ELECTED_CHAIR')) chair(plan, faker, facts, k);
      if (met('SOUND_STRUCTURE')) committees(plan, facts);
      if (met('SERVICE_CARRIERS')) carriers(plan, faker, facts);
      if (met('SOUND_SYSTEMS')) systems(plan, faker, facts);
      if (met('SELF_MANAGED_FUNDS')) funds(plan, faker, facts);
      if (met('MEMBER_SATISFACTION')) survey(plan, faker, facts, 0.94);
      else if (missing === 'MEMBER_SATISFACTION') survey(plan, faker, facts, 0.78);
    });
}

const GRASSROOTS_UNION_TYPES = ['GRASSROOTS', 'JOINT_GRASSROOTS', 'VILLAGE_COMMUNITY'];
const BATCH = 1000;

/**
 * R5: organizations learns what cadres, funds and worker-services know of each grassroots union's six
 * haves from their streams. The seed publishes each source's snapshots as that source answers a
 * resync (its own `republish`, reading the data just loaded), as it publishes the registry counts.
 */
export async function publishSixHavesEvidence(
  plan: SeedPlan,
  target: { mongoUrl: string; dbPrefix: string; keyspace: string },
  redis: RedisClient,
): Promise<void> {
  const unionIds = plan.organizations
    .filter((o) => GRASSROOTS_UNION_TYPES.includes(o.type))
    .map((o) => o._id);
  for (const source of [cadresSubgraph, fundsSubgraph, workerServicesSubgraph] as const) {
    const conn = await connectMongo(target.mongoUrl, `${target.dbPrefix}${source.name}`);
    try {
      const events = await source.republish!(source.models(conn) as never, unionIds);
      for (let i = 0; i < events.length; i += BATCH)
        await publishChanges(redis, target.keyspace, source.name, events.slice(i, i + BATCH));
    } finally {
      await conn.close();
    }
  }
}
