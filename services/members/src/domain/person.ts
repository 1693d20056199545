import { creditCodeProblem, mobileProblem, parseResidentId, residentIdProblem } from '@union-graph/domain';
import {
  addYears,
  asDate,
  BadUserInputError,
  today as chinaToday,
  type Message,
} from '@union-graph/subgraph-kit';
import { type PlainTextKey, text } from '../messages';
import type { Education, FlexibleWork, Person } from '../models';
import { EDUCATIONS, FLEXIBLE_WORK_KINDS } from '../models';

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
  flexibleWork?: string | null;
  joinedAt?: Date | string | null;
}

export type { Person };

export interface Problem {
  field: string;
  message: Message;
}

/**
 * The reasons @union-graph/domain gives (English fragments) as catalog entries; a reason it adds
 * later still reaches the user, inside the generic entry, rather than failing the check.
 */
const RESIDENT_ID_REASONS: Record<string, PlainTextKey> = {
  'must be 17 digits followed by a digit or X': 'residentIdFormat',
  'contains an impossible birth date': 'residentIdBirthDate',
  'contains a birth date out of range': 'residentIdBirthRange',
  'has a wrong check character': 'residentIdCheck',
};
const CREDIT_CODE_REASONS: Record<string, PlainTextKey> = {
  'must be 18 characters': 'creditCodeLength',
  'may only contain digits and the letters A–H, J–N, P–R, T, U, W–Y': 'creditCodeCharacters',
  'has a wrong check character': 'creditCodeCheck',
};

function reasonText(
  reasons: Record<string, PlainTextKey>,
  fallback: 'residentIdInvalid' | 'creditCodeInvalid',
  problem: string,
): Message {
  const key = reasons[problem];
  return key ? text(key) : text(fallback, { problem });
}

/** Why a resident ID number is invalid (GB 11643), or null when it is valid. */
export function residentIdText(id: string, today?: Date): Message | null {
  const problem = residentIdProblem(id, today);
  return problem ? reasonText(RESIDENT_ID_REASONS, 'residentIdInvalid', problem) : null;
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
  // One rule, one reason: 11 digits starting 13–19.
  if (mp) problems.push({ field: 'mobile', message: text('mobileFormat') });
  const credit = blankToNull(input.employerCreditCode)?.toUpperCase();
  const cp = credit && creditCodeProblem(credit);
  if (cp) {
    problems.push({
      field: 'employerCreditCode',
      message: reasonText(CREDIT_CODE_REASONS, 'creditCodeInvalid', cp),
    });
  }
  if (input.education && !(EDUCATIONS as readonly string[]).includes(input.education)) {
    problems.push({
      field: 'education',
      message: text('educationValues', { values: EDUCATIONS.join(', ') }),
    });
  }
  if (input.flexibleWork && !(FLEXIBLE_WORK_KINDS as readonly string[]).includes(input.flexibleWork)) {
    problems.push({
      field: 'flexibleWork',
      message: text('flexibleWorkValues', { values: FLEXIBLE_WORK_KINDS.join(', ') }),
    });
  }
  if ((blankToNull(input.ethnicity)?.length ?? 0) > 20) {
    problems.push({ field: 'ethnicity', message: text('ethnicityLength') });
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
  if (!name) problems.push({ field: 'name', message: text('nameRequired') });
  else if (name.length > 100) problems.push({ field: 'name', message: text('nameLength') });

  const residentId = blankToNull(input.residentId)?.toUpperCase() ?? '';
  const idProblem = residentId ? residentIdText(residentId, today) : text('residentIdRequired');
  const parsed = idProblem ? null : parseResidentId(residentId);
  if (idProblem) problems.push({ field: 'residentId', message: idProblem });
  if (parsed && input.gender && input.gender !== parsed.gender) {
    problems.push({
      field: 'gender',
      message: text('genderMismatch', { gender: input.gender }),
    });
  }

  // Dates are China's calendar dates (kit calendar): "today" turns at Beijing midnight.
  const joinedAt = input.joinedAt ? dateOf(input.joinedAt) : today;
  if (!joinedAt) problems.push({ field: 'joinedAt', message: text('joinedAtFormat') });
  else if (asDate(joinedAt) > today) problems.push({ field: 'joinedAt', message: text('joinedAtFuture') });
  else if (parsed) {
    const adult = addYears(new Date(`${parsed.birthDate}T00:00:00Z`), MINIMUM_AGE);
    if (joinedAt < adult) {
      problems.push({ field: 'joinedAt', message: text('joinedUnderAge', { age: MINIMUM_AGE }) });
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
      flexibleWork: (input.flexibleWork as FlexibleWork | null | undefined) ?? null,
      joinedAt,
    },
  };
}

/** As checkPerson, for a single form: the first problem becomes BAD_USER_INPUT naming its field. */
export function requirePerson(input: PersonInput, fieldPrefix = 'input'): Person {
  const { person, problems } = checkPerson(input);
  const [first] = problems;
  if (first) throw new BadUserInputError(first.message, `${fieldPrefix}.${first.field}`);
  // checkPerson returns a person whenever it lists no problem.
  return person!;
}

export function requireDetails(input: PersonInput, fieldPrefix = 'input'): void {
  const [first] = detailProblems(input);
  if (first) throw new BadUserInputError(first.message, `${fieldPrefix}.${first.field}`);
}
