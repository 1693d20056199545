import { republishOrgSnapshots } from '@union-graph/subgraph-kit';
import { publishedEvents, type TestSubgraph } from '@union-graph/subgraph-kit/testing';
import { sixHavesEvidence } from '../domain/six-haves-evidence';
import type { Models } from '../models';
import { APPOINT, day, national, startCadres } from './fixtures';

let sg: TestSubgraph<Models>;
beforeAll(async () => {
  sg = await startCadres();
});
afterAll(() => sg?.stop());

describe('six-haves evidence for organizations (R5)', () => {
  it('publishes the union’s elected chair terms beside a chair’s change; an appointed chair is none', async () => {
    const res = await sg.request(APPOINT, {
      caller: national,
      variables: {
        input: { organizationId: 'g1', memberId: 'm-six1', position: 'CHAIR', termStart: day(-30) },
      },
    });
    expect(res.errors).toBeUndefined();
    const evidence = (await publishedEvents(sg.server)).filter((e) => e.type === 'SixHavesEvidence');
    expect(evidence).toEqual([
      expect.objectContaining({
        id: 'g1',
        data: { electedChairs: [], asOf: expect.any(String) },
        affects: [{ type: 'Organization', id: 'g1' }],
      }),
    ]);

    // An elected chair, as a resync answers it: the position and election, no person.
    await sg.server.models.Cadre.create({
      _id: 'chair-g2',
      organizationId: 'g2',
      memberId: 'm-six2',
      position: 'CHAIR',
      source: 'ELECTED',
      termStart: new Date('2024-03-01'),
      electionId: 'el-g2',
    });
    const [g2, g4] = await republishOrgSnapshots(sixHavesEvidence)(sg.server.models, ['g2', 'g4']);
    expect(g2!.data).toMatchObject({
      electedChairs: [{ positionId: 'chair-g2', electionId: 'el-g2', from: '2024-03-01', until: null }],
    });
    expect(g4!.data).toMatchObject({ electedChairs: [] });
    expect(g2!.version).toBeGreaterThan(evidence[0]!.version);
  });
});
