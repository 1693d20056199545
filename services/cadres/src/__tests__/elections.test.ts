import type { Caller } from '@union-graph/subgraph-kit';
import type { TestSubgraph } from '@union-graph/subgraph-kit/testing';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { APPOINT, codeOf, day, END_TERM, fieldOf, national, startCadres } from './fixtures';

let sg: TestSubgraph<Models>;
beforeAll(async () => {
  sg = await startCadres();
});
afterAll(() => sg?.stop());

const SCHEDULE = `mutation($input: ScheduleElectionInput!) {
  scheduleElection(input: $input) { id status candidates { id position publicityDays recommendedByUpperUnion } }
}`;
const RESULT = `mutation($input: RecordElectionResultInput!) {
  recordElectionResult(input: $input) {
    id status eligibleVoters presentVoters
    candidates { id elected votes }
    positions { id position source status member { id } }
  }
}`;

type Scheduled = { scheduleElection: { id: string; candidates: { id: string; position: string }[] } };

function candidate(memberId: string, overrides: Record<string, unknown> = {}) {
  return { memberId, position: 'CHAIR', publicityStart: day(-30), ...overrides };
}

async function schedule(organizationId: string, candidates: Record<string, unknown>[], voteDate = day(-20)) {
  return sg.request<Scheduled>(SCHEDULE, {
    caller: national,
    variables: { input: { organizationId, voteDate, termYears: 5, candidates } },
  });
}

async function scheduled(organizationId: string, candidates: Record<string, unknown>[], voteDate?: string) {
  const res = await schedule(organizationId, candidates, voteDate);
  expect(res.errors).toBeUndefined();
  return res.data!.scheduleElection;
}

function result(
  electionId: string,
  eligibleVoters: number,
  presentVoters: number,
  tallies: unknown[],
  caller: Caller = national,
) {
  return sg.request<{
    recordElectionResult: { status: string; positions: { id: string; source: string }[] };
  }>(RESULT, {
    caller,
    variables: { input: { electionId, eligibleVoters, presentVoters, tallies } },
  });
}

describe('R17 publicity and eligibility', () => {
  it('accepts publicity starting exactly 7 days before the vote and refuses 6', async () => {
    const ok = await schedule(
      'g1',
      [candidate('m-pub7', { publicityStart: day(-7, new Date(`${day(0)}T00:00:00Z`)) })],
      day(0),
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.scheduleElection.candidates[0]).toMatchObject({ publicityDays: 7 });
    const short = await schedule('g1', [candidate('m-pub6', { publicityStart: day(-6) })], day(0));
    expect(codeOf(short.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(short.errors)).toBe('candidates.0.publicityStart');
    expect(short.errors?.[0]?.extensions).toMatchObject({ publicityDays: 6, required: 7 });
  });

  it.each([
    ['employerExecutive', 'candidateIsExecutive'],
    ['executiveCloseRelative', 'candidateIsExecutiveRelative'],
    ['hrHead', 'candidateIsHrHead'],
  ])('refuses a candidate flagged %s and writes nothing', async (flag, key) => {
    const before = await sg.server.models.Election.countDocuments();
    const res = await schedule('g1', [
      candidate('m-ok'),
      candidate('m-bad', { position: 'VICE_CHAIR', [flag]: true }),
    ]);
    expect(codeOf(res.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(res.errors)).toBe(`candidates.1.${flag}`);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      messageKey: `cadres.${key}`,
      messageParams: { memberId: 'm-bad' },
    });
    expect(await sg.server.models.Election.countDocuments()).toBe(before);
  });

  it('flags candidates recommended by the upper union, and their positions say so', async () => {
    const e = await scheduled('g3', [candidate('m-rec', { recommendedByUpperUnion: true })]);
    const res = await result(e.id, 10, 10, [{ candidateId: e.candidates[0]!.id, votes: 9, elected: true }]);
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordElectionResult.positions[0]?.source).toBe('UPPER_UNION_RECOMMENDED');
    // The new chair shows on the union, on the member and among the election's positions.
    const chair = res.data!.recordElectionResult.positions[0]!.id;
    expect((await publishedEvents(sg.server)).find((ev) => ev.id === chair)?.affects).toEqual([
      { type: 'Organization', id: 'g3' },
      { type: 'Member', id: 'm-rec' },
      { type: 'Election', id: e.id },
    ]);
  });
});

describe('R17 quorum and majority', () => {
  it('accepts exactly two thirds present and refuses one fewer', async () => {
    const e = await scheduled('g2', [candidate('m-q')]);
    const tally = [{ candidateId: e.candidates[0]!.id, votes: 6, elected: true }];
    const below = await result(e.id, 9, 5, tally);
    expect(codeOf(below.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(below.errors)).toBe('presentVoters');
    expect(await sg.server.models.ElectionResult.countDocuments({ _id: e.id })).toBe(0);
    const exact = await result(e.id, 9, 6, tally);
    expect(exact.errors).toBeUndefined();
  });

  it('words a refusal in Chinese by default and in English on request, under one key', async () => {
    const e = await scheduled('g2', [candidate('m-lang')]);
    const tally = [{ candidateId: e.candidates[0]!.id, votes: 6, elected: true }];
    const zh = await result(e.id, 9, 5, tally);
    const en = await result(e.id, 9, 5, tally, { ...national, language: 'en' });
    expect(zh.errors?.map((x) => x.message)).toEqual(['到会人数须达到应到会 9 人的三分之二（实到 5 人）']);
    expect(en.errors?.map((x) => x.message)).toEqual([
      'At least two thirds of the 9 eligible voters must be present (got 5)',
    ]);
    const extensions = {
      code: 'BAD_USER_INPUT',
      field: 'presentVoters',
      required: 6,
      messageKey: 'cadres.quorum',
      messageParams: { eligible: 9, present: 5 },
    };
    expect(zh.errors?.[0]?.extensions).toEqual(extensions);
    expect(en.errors?.[0]?.extensions).toEqual(extensions);
    expect(await sg.server.models.ElectionResult.countDocuments({ _id: e.id })).toBe(0);
  });

  it('refuses a winner with exactly half of all eligible voters, accepts half plus one', async () => {
    const e = await scheduled('g4', [candidate('m-half'), candidate('m-vice', { position: 'VICE_CHAIR' })]);
    const [chair, vice] = e.candidates;
    const half = await result(e.id, 10, 10, [
      { candidateId: chair!.id, votes: 5, elected: true },
      { candidateId: vice!.id, votes: 8, elected: true },
    ]);
    expect(codeOf(half.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(half.errors)).toBe('tallies.0.votes');
    expect(await sg.server.models.Cadre.countDocuments({ organizationId: 'g4' })).toBe(0);
    const more = await result(e.id, 10, 10, [
      { candidateId: chair!.id, votes: 6, elected: true },
      { candidateId: vice!.id, votes: 8, elected: true },
    ]);
    expect(more.errors).toBeUndefined();
    expect(more.data?.recordElectionResult).toMatchObject({
      status: 'HELD',
      eligibleVoters: 10,
      presentVoters: 10,
    });
    expect(more.data?.recordElectionResult.positions.map((p) => p.source)).toEqual(['ELECTED', 'ELECTED']);
    const again = await result(e.id, 10, 10, [{ candidateId: chair!.id, votes: 6, elected: true }]);
    expect(codeOf(again.errors)).toBe('CONFLICT');
  });

  it('refuses two elected chairs in one election', async () => {
    const e = await scheduled('g4', [candidate('m-x'), candidate('m-y')], day(-10));
    const res = await result(e.id, 10, 10, [
      { candidateId: e.candidates[0]!.id, votes: 6, elected: true },
      { candidateId: e.candidates[1]!.id, votes: 6, elected: true },
    ]);
    expect(fieldOf(res.errors)).toBe('tallies.1.elected');
  });
});

describe('one chair at a time', () => {
  it('refuses a second chair while one serves, and an election whose chair would overlap', async () => {
    const first = await sg.request<{ appointCadre: { id: string } }>(APPOINT, {
      caller: national,
      variables: {
        input: { organizationId: 'bj', memberId: 'm-bj1', position: 'CHAIR', termStart: day(-400) },
      },
    });
    expect(first.errors).toBeUndefined();
    const second = await sg.request(APPOINT, {
      caller: national,
      variables: {
        input: { organizationId: 'bj', memberId: 'm-bj2', position: 'CHAIR', termStart: day(-10) },
      },
    });
    expect(codeOf(second.errors)).toBe('CONFLICT');
    const e = await scheduled('bj', [candidate('m-bj3')]);
    const res = await result(e.id, 10, 10, [{ candidateId: e.candidates[0]!.id, votes: 9, elected: true }]);
    expect(codeOf(res.errors)).toBe('CONFLICT');
    expect(await sg.server.models.ElectionResult.countDocuments({ _id: e.id })).toBe(0);
    expect(await sg.server.models.Cadre.countDocuments({ organizationId: 'bj', position: 'CHAIR' })).toBe(1);
  });

  it('refuses overlapping terms of one member in one position', async () => {
    const input = { organizationId: 'gd', memberId: 'm-ov', position: 'ORGANIZER', termStart: day(-100) };
    expect((await sg.request(APPOINT, { caller: national, variables: { input } })).errors).toBeUndefined();
    const again = await sg.request(APPOINT, {
      caller: national,
      variables: { input: { ...input, termStart: day(-50) } },
    });
    expect(codeOf(again.errors)).toBe('CONFLICT');
  });

  it('lets exactly one of three concurrent chair appointments win (the seat key)', async () => {
    const appoint = (memberId: string) =>
      sg.request(APPOINT, {
        caller: national,
        variables: { input: { organizationId: 'th', memberId, position: 'CHAIR', termStart: day(-5) } },
      });
    const results = await Promise.all([appoint('m-race1'), appoint('m-race2'), appoint('m-race3')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => codeOf(r.errors) === 'CONFLICT')).toHaveLength(2);
    expect(await sg.server.models.Cadre.countDocuments({ organizationId: 'th', position: 'CHAIR' })).toBe(1);
  });

  it('after the chair leaves, an election fills the seat; an unfilled seat is overdue after 3 months', async () => {
    const bjChair = await sg.server.models.Cadre.findOne({ organizationId: 'bj', position: 'CHAIR' }).lean();
    const ended = await sg.request<{ endCadreTerm: { status: string } }>(END_TERM, {
      caller: national,
      variables: { input: { cadreId: bjChair!._id, endedOn: day(-100), reason: '调离' } },
    });
    expect(ended.data?.endCadreTerm.status).toBe('ENDED');
    const VACANCIES = `query($asOf: Date) { chairVacancies(organizationId: "n", asOf: $asOf) { organization { id } since deadline overdue } }`;
    const vacancies = await sg.request<{
      chairVacancies: { organization: { id: string }; overdue: boolean }[];
    }>(VACANCIES, { caller: national });
    expect(vacancies.data?.chairVacancies).toEqual([
      expect.objectContaining({ organization: { id: 'bj' }, since: day(-100), overdue: true }),
    ]);
    const e = await scheduled('bj', [candidate('m-bj4')], day(-1));
    const res = await result(e.id, 3, 2, [{ candidateId: e.candidates[0]!.id, votes: 2, elected: true }]);
    expect(res.errors).toBeUndefined();
    const after = await sg.request<{ chairVacancies: unknown[] }>(VACANCIES, { caller: national });
    expect(after.data?.chairVacancies).toEqual([]);
  });
});

describe('scope', () => {
  it('refuses elections outside the caller subtree and hides their records', async () => {
    const beijing = testCallers.orgAdmin('bj');
    const res = await sg.request(SCHEDULE, {
      caller: beijing,
      variables: { input: { organizationId: 'g1', voteDate: day(0), candidates: [candidate('m-s')] } },
    });
    expect(codeOf(res.errors)).toBe('FORBIDDEN');
    const g4 = await sg.server.models.Election.findOne({ organizationId: 'g4' }).lean();
    const own = await sg.request<{ election: unknown }>('query($id: ID!) { election(id: $id) { id } }', {
      caller: beijing,
      variables: { id: g4!._id },
    });
    expect(own.data?.election).toEqual({ id: g4!._id });
    const other = await sg.request<{ election: unknown }>('query($id: ID!) { election(id: $id) { id } }', {
      caller: testCallers.orgAdmin('gd'),
      variables: { id: g4!._id },
    });
    expect(other.data?.election).toBeNull();
    const analyst = await sg.request(SCHEDULE, {
      caller: testCallers.analyst(),
      variables: { input: { organizationId: 'g1', voteDate: day(0), candidates: [candidate('m-s')] } },
    });
    expect(codeOf(analyst.errors)).toBe('FORBIDDEN');
  });
});
