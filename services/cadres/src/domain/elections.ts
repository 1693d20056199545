import {
  addYears,
  appendOnce,
  asDate,
  BadUserInputError,
  ConflictError,
  daysBetween,
  insertUnique,
} from '@union-graph/subgraph-kit';
import type { RecordElectionResultInput, ScheduleElectionInput } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { type TextKey, text } from '../messages';
import type { ElectionDoc, ElectionResultDoc, TallyDoc } from '../models';
import { CADRE_RULES, hasMajority, hasQuorum } from '../rules';
import { recordEvents } from './events';
import { onceFor } from './once';
import { openPositions, type PositionSpec, planPositions } from './positions';
import type { CandidateView } from './views';

/** R17: the employer's executives, their close relatives and the HR head cannot stand. */
const INELIGIBLE = {
  employerExecutive: 'candidateIsExecutive',
  executiveCloseRelative: 'candidateIsExecutiveRelative',
  hrHead: 'candidateIsHrHead',
} as const satisfies Record<string, TextKey>;

/** Positions one person fills: at most one winner each. */
const SINGLE_SEATS = new Set(['CHAIR', 'WOMEN_COMMITTEE_CHAIR', 'FUNDS_AUDIT_CHAIR']);

export async function scheduleElection(ctx: Context, input: ScheduleElectionInput): Promise<ElectionDoc> {
  const once = onceFor(ctx, 'scheduleElection', input);
  const org = await ctx.scope.requireWritableOrg(input.organizationId);
  if (org.status === 'DISSOLVED' || org.status === 'MERGED') {
    const key = org.status === 'DISSOLVED' ? 'unionDissolved' : 'unionMerged';
    throw new BadUserInputError(text(key, { orgId: org._id }), 'organizationId');
  }
  const termYears = input.termYears ?? 5;
  if (termYears !== 3 && termYears !== 5) throw new BadUserInputError(text('termYears'), 'termYears');
  if (input.candidates.length === 0) throw new BadUserInputError(text('noCandidates'), 'candidates');
  const voteDate = asDate(input.voteDate);
  const keys = new Set<string>();
  const candidates = input.candidates.map((c, i) => {
    const field = `candidates.${i}`;
    for (const [flag, key] of Object.entries(INELIGIBLE)) {
      if (c[flag as keyof typeof INELIGIBLE])
        throw new BadUserInputError(text(key, { memberId: c.memberId }), `${field}.${flag}`);
    }
    const publicityDays = daysBetween(asDate(c.publicityStart), voteDate);
    if (publicityDays < CADRE_RULES.publicityDays) {
      const required = CADRE_RULES.publicityDays;
      throw new BadUserInputError(
        text('publicity', { required, days: publicityDays }),
        `${field}.publicityStart`,
        { publicityDays, required },
      );
    }
    const key = `${c.memberId}:${c.position}`;
    if (keys.has(key))
      throw new BadUserInputError(
        text('candidateTwice', { memberId: c.memberId, position: c.position }),
        `${field}.memberId`,
      );
    keys.add(key);
    return {
      memberId: c.memberId,
      position: c.position,
      fullTime: c.fullTime ?? false,
      publicityStart: asDate(c.publicityStart),
      recommendedByUpperUnion: c.recommendedByUpperUnion ?? false,
    };
  });
  const { doc: election, created } = await appendOnce(
    ctx.models.Election,
    { organizationId: org._id, voteDate, termYears, candidates } as Omit<ElectionDoc, '_id'>,
    once,
  );
  if (created) await ctx.publish(recordEvents('Election', [election]));
  return election;
}

function validateTallies(election: ElectionDoc, input: RecordElectionResultInput): TallyDoc[] {
  const { eligibleVoters: eligible, presentVoters: present } = input;
  if (!Number.isInteger(eligible) || eligible < 1) {
    throw new BadUserInputError(text('eligibleVoters'), 'eligibleVoters');
  }
  if (!Number.isInteger(present) || present < 0 || present > eligible) {
    throw new BadUserInputError(text('presentVoters'), 'presentVoters');
  }
  if (!hasQuorum(present, eligible)) {
    throw new BadUserInputError(text('quorum', { eligible, present }), 'presentVoters', {
      required: Math.ceil((2 * eligible) / 3),
    });
  }
  const byId = new Map(election.candidates.map((c) => [c._id, c]));
  const filled = new Set<string>();
  const seen = new Set<string>();
  return input.tallies.map((t, i) => {
    const field = `tallies.${i}`;
    const candidate = byId.get(t.candidateId);
    if (!candidate)
      throw new BadUserInputError(
        text('noSuchCandidate', { candidateId: t.candidateId }),
        `${field}.candidateId`,
      );
    if (seen.has(t.candidateId)) throw new BadUserInputError(text('talliedTwice'), `${field}.candidateId`);
    seen.add(t.candidateId);
    if (!Number.isInteger(t.votes) || t.votes < 0 || t.votes > present) {
      throw new BadUserInputError(text('votes'), `${field}.votes`);
    }
    if (t.elected && !hasMajority(t.votes, eligible)) {
      throw new BadUserInputError(text('majority', { eligible, votes: t.votes }), `${field}.votes`, {
        required: Math.floor(eligible / 2) + 1,
      });
    }
    if (t.elected && SINGLE_SEATS.has(candidate.position)) {
      if (filled.has(candidate.position)) {
        throw new BadUserInputError(
          text('onlyOneElected', { position: candidate.position }),
          `${field}.elected`,
        );
      }
      filled.add(candidate.position);
    }
    return { candidateId: t.candidateId, votes: t.votes, elected: t.elected };
  });
}

/**
 * Records the vote. Everything is checked first; then the result is inserted under the election's
 * id (a second recording is a CONFLICT), then the positions; if those are refused after all (a chair
 * elected elsewhere meanwhile), the result is removed again.
 */
export async function recordElectionResult(
  ctx: Context,
  input: RecordElectionResultInput,
): Promise<ElectionDoc> {
  const { doc: election } = await ctx.scope.requireWritable(
    await ctx.loaders.election.load(input.electionId),
    'Election',
    input.electionId,
    'electionId',
  );
  // Asked before the checks so a repeat is CONFLICT whatever its tallies; the insert decides a race.
  const recorded = { message: text('resultRecorded', { electionId: election._id }), field: 'electionId' };
  if (await ctx.loaders.electionResult.load(election._id)) {
    throw new ConflictError(recorded.message, { field: recorded.field });
  }
  const tallies = validateTallies(election, input);
  const winners = new Set(tallies.filter((t) => t.elected).map((t) => t.candidateId));
  const specs: PositionSpec[] = election.candidates
    .filter((c) => winners.has(c._id))
    .map((c) => ({
      organizationId: election.organizationId,
      memberId: c.memberId,
      position: c.position,
      fullTime: c.fullTime,
      source: c.recommendedByUpperUnion ? 'UPPER_UNION_RECOMMENDED' : 'ELECTED',
      termStart: election.voteDate,
      termEnd: addYears(election.voteDate, election.termYears),
      electionId: election._id,
    }));
  const succeeded = await planPositions(ctx.models, specs, 'tallies');
  const result: ElectionResultDoc = {
    _id: election._id,
    eligibleVoters: input.eligibleVoters,
    presentVoters: input.presentVoters,
    tallies,
  };
  await insertUnique(ctx.models.ElectionResult, result, recorded);
  try {
    await openPositions(ctx, specs, succeeded, 'tallies');
  } catch (e) {
    await ctx.models.ElectionResult.deleteOne({ _id: election._id });
    throw e;
  }
  ctx.loaders.electionResult.clear(election._id);
  await ctx.publish([{ type: 'Election', id: election._id, op: 'upsert', version: 2 }]);
  return election;
}

export function candidateViews(election: ElectionDoc, result: ElectionResultDoc | null): CandidateView[] {
  const tallies = new Map(result?.tallies.map((t) => [t.candidateId, t]));
  return election.candidates.map((c) => ({
    ...c,
    voteDate: election.voteDate,
    tally: tallies.get(c._id) ?? null,
  }));
}
