import { addYears, BadUserInputError, today } from '@union-graph/subgraph-kit';
import { text } from '../messages';
import type { CommitteeTermDoc, OrganizationDoc, RegistryCountDoc } from '../models';
import { type CommitteeRules, committeeRules } from '../rules';
import { GRASSROOTS_UNION_TYPES } from './tree';

/** R15 (charter): a grassroots committee serves 3 or 5 years. */
export const TERM_YEARS = [3, 5];
/** R14 (regulation 2004): from this many female members on, a women workers' committee. */
export const WOMEN_COMMITTEE_FROM = 10;

/** R14: where a union's female-member figure comes from. */
export type FemaleFigureSource = 'REGISTRY' | 'REPORTED' | 'NONE';
/** R14: what the figure requires — a women workers' committee (≥10), a women-workers member (1–9), nothing. */
export type WomenWorkersDuty = 'COMMITTEE' | 'MEMBER' | 'NONE';

export interface WomenWorkersBasis {
  femaleMembers: number | null;
  source: FemaleFigureSource;
  duty: WomenWorkersDuty;
}

/**
 * R14's figure: the female members the real-name registry holds for the union (members' counts,
 * kept from its events) wherever the registry holds any member of it; the figure typed into the
 * annual statistics only for a union the registry does not know yet.
 */
export function womenWorkersBasis(
  org: Pick<OrganizationDoc, 'reportedFemaleMembers'>,
  registry?: Pick<RegistryCountDoc, 'members' | 'femaleMembers'> | null,
): WomenWorkersBasis {
  const fromRegistry = registry != null && registry.members > 0;
  const femaleMembers = fromRegistry ? registry.femaleMembers : (org.reportedFemaleMembers ?? null);
  const source: FemaleFigureSource = fromRegistry ? 'REGISTRY' : femaleMembers === null ? 'NONE' : 'REPORTED';
  const figure = femaleMembers ?? 0;
  const duty: WomenWorkersDuty =
    figure >= WOMEN_COMMITTEE_FROM ? 'COMMITTEE' : figure >= 1 ? 'MEMBER' : 'NONE';
  return { femaleMembers, source, duty };
}

/** The seats a union committee may have for a membership (≤10 members: an organizer, one seat). */
export function seatRange(members: number, table: CommitteeRules = committeeRules) {
  const row = table.sizes.find((r) => r.upTo === null || members <= r.upTo) ?? table.sizes.at(-1)!;
  return { min: row.min, max: row.max, oddOnly: table.oddOnly };
}

export function seatsFit(members: number, seats: number, table: CommitteeRules = committeeRules): boolean {
  const { min, max, oddOnly } = seatRange(members, table);
  return seats >= min && seats <= max && (!oddOnly || seats % 2 === 1);
}

export function termEnd(term: Pick<CommitteeTermDoc, 'termStart' | 'termYears'>): Date {
  return addYears(term.termStart, term.termYears);
}

/** A term has expired from its end date on, by China's calendar (`on`: a date, default today). */
export function isExpired(term: Pick<CommitteeTermDoc, 'termStart' | 'termYears'>, on = today()) {
  return termEnd(term) <= on;
}

export interface CommitteeTermInput {
  type: CommitteeTermDoc['type'];
  termStart: Date;
  termYears: number;
  seats: number;
  /** R14: the union committee includes a women-workers member (女职工委员). */
  womenWorkersMember?: boolean | null;
}

/** Checks a committee election before it is recorded (R15 term, R18 size, audit committee with the union committee). */
export function checkCommitteeTerm(
  org: OrganizationDoc,
  input: CommitteeTermInput,
  existing: readonly CommitteeTermDoc[],
): void {
  if (!TERM_YEARS.includes(input.termYears)) {
    throw new BadUserInputError(text('committeeTerm'), 'termYears');
  }
  if (!Number.isInteger(input.seats) || input.seats < 1) {
    throw new BadUserInputError(text('seats'), 'seats');
  }
  if (input.womenWorkersMember && input.type !== 'UNION_COMMITTEE') {
    throw new BadUserInputError(text('womenWorkersMember'), 'womenWorkersMember');
  }
  const grassroots = GRASSROOTS_UNION_TYPES.includes(org.type);
  if (input.type === 'UNION_COMMITTEE' && grassroots && org.reportedMembers != null) {
    if (!seatsFit(org.reportedMembers, input.seats)) {
      const range = seatRange(org.reportedMembers);
      const size = { members: org.reportedMembers, min: range.min, max: range.max };
      throw new BadUserInputError(
        range.oddOnly ? text('committeeSizeOdd', size) : text('committeeSize', size),
        'seats',
        range,
      );
    }
  }
  if (input.type === 'FUNDS_AUDIT_COMMITTEE') {
    const sameTerm = existing.some(
      (c) =>
        c.type === 'UNION_COMMITTEE' &&
        c.termStart.getTime() === input.termStart.getTime() &&
        c.termYears === input.termYears,
    );
    if (!sameTerm) {
      throw new BadUserInputError(text('auditWithUnionCommittee'), 'termStart');
    }
  }
}

function current(terms: readonly CommitteeTermDoc[], type: string): CommitteeTermDoc | undefined {
  return terms
    .filter((t) => t.type === type)
    .reduce<CommitteeTermDoc | undefined>((a, t) => (!a || t.termStart > a.termStart ? t : a), undefined);
}

export type CommitteeProblem =
  | 'UNION_COMMITTEE_MISSING'
  | 'TERM_EXPIRED'
  | 'SIZE_OUT_OF_RANGE'
  | 'FUNDS_AUDIT_COMMITTEE_MISSING'
  | 'WOMEN_WORKERS_COMMITTEE_MISSING'
  | 'WOMEN_WORKERS_MEMBER_MISSING';

/**
 * What is wrong with an active grassroots union's committees today (other unions: nothing
 * checked); `registry`: the union's registry counts, for R14.
 */
export function committeeProblems(
  org: OrganizationDoc,
  terms: readonly CommitteeTermDoc[],
  on = today(),
  registry?: RegistryCountDoc | null,
): CommitteeProblem[] {
  if (!GRASSROOTS_UNION_TYPES.includes(org.type) || org.status !== 'ACTIVE') return [];
  const problems: CommitteeProblem[] = [];
  const union = current(terms, 'UNION_COMMITTEE');
  if (!union) {
    problems.push('UNION_COMMITTEE_MISSING');
  } else {
    if (isExpired(union, on)) problems.push('TERM_EXPIRED');
    if (org.reportedMembers != null && !seatsFit(org.reportedMembers, union.seats)) {
      problems.push('SIZE_OUT_OF_RANGE');
    }
    const audit = current(terms, 'FUNDS_AUDIT_COMMITTEE');
    if (
      !audit ||
      audit.termStart.getTime() !== union.termStart.getTime() ||
      audit.termYears !== union.termYears
    ) {
      problems.push('FUNDS_AUDIT_COMMITTEE_MISSING');
    }
  }
  const women = current(terms, 'WOMEN_WORKERS_COMMITTEE');
  const womenCommittee = women !== undefined && !isExpired(women, on);
  const { duty } = womenWorkersBasis(org, registry);
  if (duty === 'COMMITTEE' && !womenCommittee) problems.push('WOMEN_WORKERS_COMMITTEE_MISSING');
  // R14 below 10: a women-workers member on the union committee (a women's committee does more).
  // Without a union committee that is already UNION_COMMITTEE_MISSING.
  if (duty === 'MEMBER' && union && !union.womenWorkersMember && !womenCommittee) {
    problems.push('WOMEN_WORKERS_MEMBER_MISSING');
  }
  return problems;
}
