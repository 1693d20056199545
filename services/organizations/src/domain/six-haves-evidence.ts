import { BadUserInputError, now, today } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import {
  type AnnualReviewDoc,
  type ChairFacts,
  type CommitteeTermDoc,
  type CommitteeType,
  type EvidenceSource,
  type FundsFacts,
  type OrganizationDoc,
  type RegistryCountDoc,
  type ServicesFacts,
  SIX_HAVES,
  type SixHavesAssessmentDoc,
  type SixHavesEvidenceDoc,
  type UnionDisclosureDoc,
} from '../models';
import { sixHavesEvidenceRules } from '../rules';
import { termEnd, womenWorkersBasis } from './committees';
import { GRASSROOTS_UNION_TYPES } from './tree';

export type Criterion = (typeof SIX_HAVES)[number];
export type EvidenceStatus = 'MET' | 'NOT_MET' | 'UNKNOWN';
export type RecordKind =
  | 'ELECTED_CHAIR_TERM'
  | CommitteeType
  | 'WORKERS_HOME'
  | 'ONLINE_HOME'
  | 'ASSISTANCE_CENTER'
  | 'ANNUAL_REVIEW'
  | 'UNION_DISCLOSURE'
  | 'WORKERS_CONGRESS'
  | 'FUND_ACCOUNT'
  | 'SATISFACTION_SURVEY';

/** A record that proves (or partly proves) a have: ids, days and figures, never a person. */
export interface EvidenceRecord {
  kind: RecordKind;
  id: string;
  on: Date | null;
  /** Receipts in fen (FUND_ACCOUNT), a satisfaction rate (SATISFACTION_SURVEY); else null. */
  figure: number | null;
}

export interface EvidenceItem {
  criterion: Criterion;
  status: EvidenceStatus;
  /** When the records were read: the source's snapshot, or now for this subgraph's own. */
  asOf: Date | null;
  records: EvidenceRecord[];
}

export interface SixHavesEvidenceRow {
  organizationId: string;
  year: number;
  /** The day the haves held on are judged: the year's last day, or today in the current year. */
  on: Date;
  items: EvidenceItem[];
  /** All six met (true), one not met (false), else not known (null). */
  compliant: boolean | null;
}

/** What a union's evidence is computed from: its own records here and the sources' snapshots. */
export interface EvidenceInputs {
  org: Pick<OrganizationDoc, '_id' | 'reportedFemaleMembers'>;
  terms: readonly CommitteeTermDoc[];
  reviews: readonly AnnualReviewDoc[];
  disclosures: readonly UnionDisclosureDoc[];
  registry: RegistryCountDoc | null;
  snapshots: readonly SixHavesEvidenceDoc[];
}

const dayOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
const yearOf = (d: Date) => d.getUTCFullYear();
const inYear = (d: Date, year: number) => yearOf(d) === year;
const status = (met: boolean): EvidenceStatus => (met ? 'MET' : 'NOT_MET');

/** The day a year's haves are judged on: its last day, or today while the year runs. */
export function judgedOn(year: number, asOfToday = today()): Date {
  const last = new Date(Date.UTC(year, 11, 31));
  return last < asOfToday ? last : asOfToday;
}

/** R15: a committee in term on a day — elected by then, its end (the first day out of term) not reached. */
function termOn(terms: readonly CommitteeTermDoc[], type: CommitteeType, on: Date) {
  return terms.find((t) => t.type === type && t.termStart <= on && termEnd(t) > on);
}

const termRecord = (t: CommitteeTermDoc): EvidenceRecord => ({
  kind: t.type,
  id: t._id,
  on: t.termStart,
  figure: null,
});

/**
 * 有独立健全的组织机构: the union committee and the funds audit committee in term (R15), and what R14
 * asks of the women workers' side for the union's female members — a women workers' committee in
 * term from 10, a women-workers member of the union committee (or a committee) from 1.
 */
function soundStructure(inputs: EvidenceInputs, on: Date): Omit<EvidenceItem, 'criterion' | 'asOf'> {
  const union = termOn(inputs.terms, 'UNION_COMMITTEE', on);
  const audit = termOn(inputs.terms, 'FUNDS_AUDIT_COMMITTEE', on);
  const women = termOn(inputs.terms, 'WOMEN_WORKERS_COMMITTEE', on);
  const { duty } = womenWorkersBasis(inputs.org, inputs.registry);
  const womenMet =
    duty === 'NONE' ||
    women !== undefined ||
    (duty === 'MEMBER' && union !== undefined && union.womenWorkersMember === true);
  return {
    status: status(union !== undefined && audit !== undefined && womenMet),
    records: [union, audit, women].flatMap((t) => (t ? [termRecord(t)] : [])),
  };
}

/**
 * 有健全完善的制度机制, from three records of the year: an annual review meeting (考核评议, R10) whose
 * outcome passes (rules), a union-affairs disclosure (会务公开, §18) — both kept here — and a workers'
 * congress session (职代会, worker-services). Funds audits, members' assemblies and enterprise-affairs
 * disclosures are other duties and do not count.
 */
function soundSystems(
  inputs: EvidenceInputs,
  year: number,
  services: ServicesFacts | null,
): Omit<EvidenceItem, 'criterion' | 'asOf'> {
  const passing = sixHavesEvidenceRules.passingReviewOutcomes;
  const review = inputs.reviews.find((r) => inYear(r.heldOn, year) && passing.includes(r.outcome.trim()));
  const disclosure = inputs.disclosures.find((d) => inYear(d.disclosedOn, year));
  const congress = services?.congresses.find((c) => inYear(dayOf(c.heldOn), year));
  const records: EvidenceRecord[] = [
    ...(review ? [{ kind: 'ANNUAL_REVIEW' as const, id: review._id, on: review.heldOn, figure: null }] : []),
    ...(disclosure
      ? [{ kind: 'UNION_DISCLOSURE' as const, id: disclosure._id, on: disclosure.disclosedOn, figure: null }]
      : []),
    ...(congress
      ? [
          {
            kind: 'WORKERS_CONGRESS' as const,
            id: congress.congressId,
            on: dayOf(congress.heldOn),
            figure: null,
          },
        ]
      : []),
  ];
  // What is missing here decides without worker-services; its congress only completes a yes.
  if (!review || !disclosure) return { status: 'NOT_MET', records };
  return { status: services ? status(congress !== undefined) : 'UNKNOWN', records };
}

function electedChair(facts: ChairFacts, on: Date): Omit<EvidenceItem, 'criterion' | 'asOf'> {
  const term = facts.electedChairs.find((c) => dayOf(c.from) <= on && (!c.until || dayOf(c.until) >= on));
  return {
    status: status(term !== undefined),
    records: term
      ? [{ kind: 'ELECTED_CHAIR_TERM', id: term.positionId, on: dayOf(term.from), figure: null }]
      : [],
  };
}

function serviceCarriers(facts: ServicesFacts, on: Date): Omit<EvidenceItem, 'criterion' | 'asOf'> {
  const carriers = facts.carriers.filter((c) => dayOf(c.since) <= on);
  return {
    status: status(carriers.length > 0),
    records: carriers.map((c) => ({ kind: c.kind, id: c.id, on: dayOf(c.since), figure: null })),
  };
}

function selfManagedFunds(facts: FundsFacts, year: number): Omit<EvidenceItem, 'criterion' | 'asOf'> {
  const fen = facts.receipts.find((r) => r.year === year)?.fen ?? 0;
  const account = facts.account;
  return {
    status: status(account !== null && fen > 0),
    records: account
      ? [{ kind: 'FUND_ACCOUNT', id: account.accountId, on: dayOf(account.openedOn), figure: fen }]
      : [],
  };
}

/** 有会员满意的工作绩效: the year's surveys together, satisfied or basically satisfied ≥ the mark. */
function memberSatisfaction(facts: ServicesFacts, year: number): Omit<EvidenceItem, 'criterion' | 'asOf'> {
  const surveys = facts.surveys.filter((s) => s.year === year && s.responses > 0);
  const responses = surveys.reduce((a, s) => a + s.responses, 0);
  const satisfied = surveys.reduce((a, s) => a + s.satisfied, 0);
  // Compared in whole responses: 9 of 10 is exactly 90 %, whatever the floating point says.
  const met = responses > 0 && satisfied >= sixHavesEvidenceRules.minSatisfactionRate * responses - 1e-9;
  return {
    status: status(met),
    records: surveys.map((s) => ({
      kind: 'SATISFACTION_SURVEY',
      id: s.surveyId,
      on: null,
      figure: s.satisfied / s.responses,
    })),
  };
}

const UNKNOWN = { status: 'UNKNOWN' as const, records: [] };

/**
 * R5: the six haves as the graph knows them for a union and year — organizations' own committees,
 * reviews and disclosures read now, and the newest snapshots cadres, funds and worker-services sent.
 * A have whose source has sent nothing for the union is UNKNOWN, never NOT_MET.
 */
export function evaluateEvidence(
  inputs: EvidenceInputs,
  year: number,
  asOfToday = today(),
): SixHavesEvidenceRow {
  const on = judgedOn(year, asOfToday);
  const snapshot = (source: EvidenceSource) => inputs.snapshots.find((s) => s.source === source) ?? null;
  const [cadres, funds, services] = [snapshot('cadres'), snapshot('funds'), snapshot('worker-services')];
  const servicesFacts = services ? (services.facts as ServicesFacts) : null;
  const read = now();
  const judged: Record<Criterion, Omit<EvidenceItem, 'criterion'>> = {
    ELECTED_CHAIR: cadres
      ? { ...electedChair(cadres.facts as ChairFacts, on), asOf: cadres.asOf }
      : { ...UNKNOWN, asOf: null },
    SOUND_STRUCTURE: { ...soundStructure(inputs, on), asOf: read },
    SERVICE_CARRIERS: servicesFacts
      ? { ...serviceCarriers(servicesFacts, on), asOf: services!.asOf }
      : { ...UNKNOWN, asOf: null },
    SOUND_SYSTEMS: { ...soundSystems(inputs, year, servicesFacts), asOf: services?.asOf ?? read },
    SELF_MANAGED_FUNDS: funds
      ? { ...selfManagedFunds(funds.facts as FundsFacts, year), asOf: funds.asOf }
      : { ...UNKNOWN, asOf: null },
    MEMBER_SATISFACTION: servicesFacts
      ? { ...memberSatisfaction(servicesFacts, year), asOf: services!.asOf }
      : { ...UNKNOWN, asOf: null },
  };
  const items = SIX_HAVES.map((criterion) => ({ criterion, ...judged[criterion] }));
  const compliant = items.some((i) => i.status === 'NOT_MET')
    ? false
    : items.every((i) => i.status === 'MET')
      ? true
      : null;
  return { organizationId: inputs.org._id, year, on, items, compliant };
}

export interface Disagreement {
  criterion: Criterion;
  marked: boolean;
  evidence: EvidenceStatus;
}

/** The criteria where the assessor's mark and known evidence differ (unknown evidence differs from nothing). */
export function disagreementsOf(
  assessment: SixHavesAssessmentDoc,
  evidence: SixHavesEvidenceRow,
): Disagreement[] {
  return assessment.items.flatMap((item) => {
    const known = evidence.items.find((e) => e.criterion === item.criterion)?.status ?? 'UNKNOWN';
    return known !== 'UNKNOWN' && item.met !== (known === 'MET')
      ? [{ criterion: item.criterion, marked: item.met, evidence: known }]
      : [];
  });
}

/**
 * Evidence of unions for a year through loaders (a request's, or the statistics read model's for its
 * checks): a page of unions costs the same commands as one.
 */
export async function evidenceOfUnions(
  ctx: Pick<Context, 'loaders'>,
  orgs: readonly Pick<OrganizationDoc, '_id' | 'reportedFemaleMembers'>[],
  year: number,
): Promise<SixHavesEvidenceRow[]> {
  const ids = orgs.map((o) => o._id);
  const { loaders } = ctx;
  const [terms, reviews, disclosures, registry, snapshots] = await Promise.all([
    loaders.committeesOfOrg.loadMany(ids),
    loaders.reviewsOfOrg.loadMany(ids),
    loaders.disclosuresOfOrg.loadMany(ids),
    loaders.registryCount.loadMany(ids),
    loaders.evidenceOfOrg.loadMany(ids),
  ]);
  const ok = <T>(v: T | Error): T => {
    if (v instanceof Error) throw v;
    return v;
  };
  const asOfToday = today();
  return orgs.map((org, i) =>
    evaluateEvidence(
      {
        org,
        terms: ok(terms[i]!),
        reviews: ok(reviews[i]!),
        disclosures: ok(disclosures[i]!),
        registry: ok(registry[i]!) ?? null,
        snapshots: ok(snapshots[i]!),
      },
      year,
      asOfToday,
    ),
  );
}

/** R5 applies to grassroots-level unions; other unions have no six haves (null). */
export async function unionEvidence(
  ctx: Context,
  org: OrganizationDoc,
  year: number | null | undefined,
): Promise<SixHavesEvidenceRow | null> {
  const current = yearOf(today());
  const asked = year ?? current;
  if (!Number.isInteger(asked) || asked < 2000 || asked > current) {
    throw new BadUserInputError(text('assessmentYear'), 'year');
  }
  if (!GRASSROOTS_UNION_TYPES.includes(org.type)) return null;
  const [row] = await evidenceOfUnions(ctx, [org], asked);
  return row!;
}
