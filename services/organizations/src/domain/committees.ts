import { addYears, BadUserInputError, today } from '@union-graph/subgraph-kit';
import type { CommitteeTermDoc, OrganizationDoc } from '../models';
import { type CommitteeRules, committeeRules } from '../rules';
import { GRASSROOTS_UNION_TYPES } from './tree';

/** R15 (charter): a grassroots committee serves 3 or 5 years. */
export const TERM_YEARS = [3, 5];
/** R14 (regulation 2004): from this many female members on, a women workers' committee. */
export const WOMEN_COMMITTEE_FROM = 10;

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
}

/** Checks a committee election before it is recorded (R15 term, R18 size, audit committee with the union committee). */
export function checkCommitteeTerm(
  org: OrganizationDoc,
  input: CommitteeTermInput,
  existing: readonly CommitteeTermDoc[],
): void {
  if (!TERM_YEARS.includes(input.termYears)) {
    throw new BadUserInputError('a committee term is 3 or 5 years (R15)', 'termYears');
  }
  if (!Number.isInteger(input.seats) || input.seats < 1) {
    throw new BadUserInputError('seats must be a whole number ≥ 1', 'seats');
  }
  const grassroots = GRASSROOTS_UNION_TYPES.includes(org.type);
  if (input.type === 'UNION_COMMITTEE' && grassroots && org.reportedMembers != null) {
    if (!seatsFit(org.reportedMembers, input.seats)) {
      const range = seatRange(org.reportedMembers);
      throw new BadUserInputError(
        `for ${org.reportedMembers} members a union committee has ${range.min}–${range.max}${range.oddOnly ? ' (odd)' : ''} seats (R18)`,
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
      throw new BadUserInputError(
        'the funds audit committee is elected with the union committee, for the same term (R15)',
        'termStart',
      );
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
  | 'WOMEN_WORKERS_COMMITTEE_MISSING';

/** What is wrong with an active grassroots union's committees today (other unions: nothing checked). */
export function committeeProblems(
  org: OrganizationDoc,
  terms: readonly CommitteeTermDoc[],
  on = today(),
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
  if ((org.reportedFemaleMembers ?? 0) >= WOMEN_COMMITTEE_FROM && (!women || isExpired(women, on))) {
    problems.push('WOMEN_WORKERS_COMMITTEE_MISSING');
  }
  return problems;
}
