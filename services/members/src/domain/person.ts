import { creditCodeProblem, mobileProblem, parseResidentId, residentIdProblem } from '@union-graph/domain';
import { addYears, asDate, BadUserInputError, today as chinaToday } from '@union-graph/subgraph-kit';
import type { Education, Person } from '../models';
import { EDUCATIONS } from '../models';

/** A person's details as given by a form, an application or a roster row. */
export interface PersonInput {
  name?: string | null;
  residentId?: string | null;
  gender?: 'MALE' | 'FEMALE' | null;
  ethnicity?: string | null;
  mobile?: string | null;
  education?: string | null;
  employerCreditCode?: string | null;
  migrantWorker?: boolean | null;
  joinedAt?: Date | string | null;
}

export type { Person };

export interface Problem {
  field: string;
  message: string;
}

/** Union membership is for workers: the statutory minimum working age (劳动法 §15). */
const MINIMUM_AGE = 16;

function blankToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function dateOf(value: Date | string): Date | null {
  const d =
    value instanceof Date
      ? value
      : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Checks the optional contact and employment details; problems listed, never thrown. */
export function detailProblems(input: PersonInput): Problem[] {
  const problems: Problem[] = [];
  const mobile = blankToNull(input.mobile);
  const mp = mobile && mobileProblem(mobile);
  if (mp) problems.push({ field: 'mobile', message: `mobile number ${mp}` });
  const credit = blankToNull(input.employerCreditCode)?.toUpperCase();
  const cp = credit && creditCodeProblem(credit);
  if (cp) problems.push({ field: 'employerCreditCode', message: `credit code ${cp}` });
  if (input.education && !(EDUCATIONS as readonly string[]).includes(input.education)) {
    problems.push({ field: 'education', message: `education must be one of ${EDUCATIONS.join(', ')}` });
  }
  if ((blankToNull(input.ethnicity)?.length ?? 0) > 20) {
    problems.push({ field: 'ethnicity', message: 'ethnicity is at most 20 characters' });
  }
  return problems;
}

/**
 * Every problem with a person's details: the resident ID (GB 11643 check character, birth date and
 * gender agreeing with it), mobile, credit code, joined date. Returns the normalized person when
 * there is none.
 */
export function checkPerson(
  input: PersonInput,
  today = chinaToday(),
): { person?: Person; problems: Problem[] } {
  const problems = detailProblems(input);
  const name = blankToNull(input.name);
  if (!name) problems.push({ field: 'name', message: 'name is required' });
  else if (name.length > 100) problems.push({ field: 'name', message: 'name is at most 100 characters' });

  const residentId = blankToNull(input.residentId)?.toUpperCase() ?? '';
  const idProblem = residentId ? residentIdProblem(residentId, today) : 'is required';
  const parsed = idProblem ? null : parseResidentId(residentId);
  if (idProblem) problems.push({ field: 'residentId', message: `resident ID number ${idProblem}` });
  if (parsed && input.gender && input.gender !== parsed.gender) {
    problems.push({
      field: 'gender',
      message: `gender ${input.gender} does not agree with the resident ID number`,
    });
  }

  // Dates are China's calendar dates (kit calendar): "today" turns at Beijing midnight.
  const joinedAt = input.joinedAt ? dateOf(input.joinedAt) : today;
  if (!joinedAt) problems.push({ field: 'joinedAt', message: 'joined date must be a date (YYYY-MM-DD)' });
  else if (asDate(joinedAt) > today)
    problems.push({ field: 'joinedAt', message: 'joined date is in the future' });
  else if (parsed) {
    const adult = addYears(new Date(`${parsed.birthDate}T00:00:00Z`), MINIMUM_AGE);
    if (joinedAt < adult) {
      problems.push({ field: 'joinedAt', message: `joined date is before the member turned ${MINIMUM_AGE}` });
    }
  }
  if (problems.length > 0 || !parsed || !name || !joinedAt) return { problems };
  return {
    problems,
    person: {
      name,
      gender: parsed.gender,
      ethnicity: blankToNull(input.ethnicity),
      residentId,
      mobile: blankToNull(input.mobile),
      education: (input.education as Education | null | undefined) ?? null,
      employerCreditCode: blankToNull(input.employerCreditCode)?.toUpperCase() ?? null,
      migrantWorker: input.migrantWorker ?? false,
      joinedAt,
    },
  };
}

/** As checkPerson, for a single form: the first problem becomes BAD_USER_INPUT naming its field. */
export function requirePerson(input: PersonInput, fieldPrefix = 'input'): Person {
  const { person, problems } = checkPerson(input);
  const [first] = problems;
  if (first || !person) {
    throw new BadUserInputError(
      first?.message ?? 'invalid person',
      `${fieldPrefix}.${first?.field ?? 'name'}`,
    );
  }
  return person;
}

export function requireDetails(input: PersonInput, fieldPrefix = 'input'): void {
  const [first] = detailProblems(input);
  if (first) throw new BadUserInputError(first.message, `${fieldPrefix}.${first.field}`);
}
