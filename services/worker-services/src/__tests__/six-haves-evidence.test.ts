import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { ids, isoDay, useHarness } from './fixtures';

const h = useHarness();
const admin = testCallers.orgAdmin(ids.county);

const HOLD = `mutation($input: WorkersCongressInput!) { holdWorkersCongress(input: $input) { id } }`;
const SURVEY = `mutation($input: SatisfactionSurveyInput!) { createSatisfactionSurvey(input: $input) { id } }`;
const RATE = `mutation($s: ID!, $m: ID!, $r: SatisfactionRating!) { rateUnion(surveyId: $s, memberId: $m, rating: $r) { id } }`;

const lastEvidence = async (unionId: string) =>
  (await publishedEvents(h.subgraph.server))
    .filter((e) => e.type === 'SixHavesEvidence' && e.id === unionId)
    .at(-1)?.data;

describe('six-haves evidence for organizations (R5)', () => {
  it('publishes the union’s carriers, congresses and survey tallies beside each change', async () => {
    const heldOn = isoDay(-3);
    const { holdWorkersCongress } = await h.ok(admin, HOLD, {
      input: {
        organizationId: ids.unionB,
        term: 1,
        session: 1,
        heldOn,
        delegates: 30,
        frontLineDelegates: 15,
        present: 25,
        resolutions: [{ title: '职工代表大会工作报告', votesFor: 20, votesAgainst: 3, abstentions: 2 }],
      },
    });
    // The congress's own event names no union: the publisher finds it from the session.
    expect(await lastEvidence(ids.unionB)).toEqual({
      carriers: [],
      congresses: [{ congressId: holdWorkersCongress.id, heldOn }],
      surveys: [],
      asOf: expect.any(String),
    });
    const year = Number(isoDay().slice(0, 4));
    const { createSatisfactionSurvey: survey } = await h.ok(admin, SURVEY, {
      input: { organizationId: ids.unionB, year, title: '年度会员评家' },
    });
    await h.ok(admin, RATE, { s: survey.id, m: 'm-six-1', r: 'SATISFIED' });
    await h.ok(admin, RATE, { s: survey.id, m: 'm-six-2', r: 'DISSATISFIED' });
    expect(await lastEvidence(ids.unionB)).toMatchObject({
      surveys: [{ surveyId: survey.id, year, responses: 2, satisfied: 1 }],
    });
  });
});
