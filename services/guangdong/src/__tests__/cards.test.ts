import { countCommands } from '@union-graph/subgraph-kit';
import { publishedEvents, type TestSubgraph } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { CANCEL, callers, codeOf, ENTITIES, fieldOf, ISSUE, startGuangdong } from './fixtures';

let sg: TestSubgraph<Models>;
beforeAll(async () => {
  sg = await startGuangdong();
});
afterAll(() => sg.stop());

type Issued = { gdIssueBenefitCard: { id: string; cardNumber: string; status: string } };

describe('粤工惠 member service cards', () => {
  it('issues one active card per member; a cancelled card frees the member for a new one', async () => {
    const input = { memberId: 'm1', organizationId: 'g1' };
    const first = await sg.request<Issued>(ISSUE, { caller: callers.guangdong, variables: { input } });
    expect(first.data?.gdIssueBenefitCard).toMatchObject({ status: 'ACTIVE' });
    expect(first.data?.gdIssueBenefitCard.cardNumber).toMatch(/^YGH\d{13}$/);

    const again = await sg.request(ISSUE, { caller: callers.guangdong, variables: { input } });
    expect(codeOf(again.errors)).toBe('CONFLICT');
    expect(await sg.server.models.BenefitCard.countDocuments({ memberId: 'm1' })).toBe(1);

    const id = first.data!.gdIssueBenefitCard.id;
    const cancelled = await sg.request(CANCEL, { caller: callers.guangdong, variables: { id } });
    expect(cancelled.data).toEqual({ gdCancelBenefitCard: { id, status: 'CANCELLED' } });
    const renewed = await sg.request<Issued>(ISSUE, { caller: callers.guangdong, variables: { input } });
    expect(renewed.data?.gdIssueBenefitCard.status).toBe('ACTIVE');
    // Issuing and cancelling change the member's card and the union's active-card count.
    const cards = (await publishedEvents(sg.server)).filter((e) => e.type === 'GdBenefitCard');
    expect(cards.map((e) => [e.id, e.version, e.affects])).toEqual(
      [
        [id, 1],
        [id, 2],
        [renewed.data!.gdIssueBenefitCard.id, 1],
      ].map(([cardId, version]) => [
        cardId,
        version,
        [
          { type: 'Member', id: 'm1' },
          { type: 'Organization', id: 'g1' },
        ],
      ]),
    );
  });

  it('refuses a blank member and a union outside the caller’s subtree, writing nothing', async () => {
    const before = await sg.server.models.BenefitCard.countDocuments();
    const blank = await sg.request(ISSUE, {
      caller: callers.guangdong,
      variables: { input: { memberId: ' ', organizationId: 'g1' } },
    });
    expect([codeOf(blank.errors), fieldOf(blank.errors)]).toEqual(['BAD_USER_INPUT', 'memberId']);
    const outside = await sg.request(ISSUE, {
      caller: callers.shenzhen,
      variables: { input: { memberId: 'm9', organizationId: 'g1' } },
    });
    expect(codeOf(outside.errors)).toBe('FORBIDDEN');
    expect(await sg.server.models.BenefitCard.countDocuments()).toBe(before);
  });

  it('withholds card numbers, and lookups by them, from callers who may not see them', async () => {
    const issued = await sg.request<Issued>(ISSUE, {
      caller: callers.national,
      variables: { input: { memberId: 'm2', organizationId: 'g2' } },
    });
    const full = issued.data!.gdIssueBenefitCard.cardNumber;
    const query = `query($n: String!) { gdBenefitCard(cardNumber: $n) { cardNumber } }`;
    const asAnalyst = await sg.request(query, { caller: callers.analyst, variables: { n: full } });
    // No partial mask (docs/personal-data.md): the lookup by full number answers as for no card.
    expect(asAnalyst.data).toEqual({ gdBenefitCard: null });
    const asNational = await sg.request(query, { caller: callers.national, variables: { n: full } });
    expect(asNational.data).toEqual({ gdBenefitCard: { cardNumber: full } });
    const asShenzhen = await sg.request(query, { caller: callers.shenzhen, variables: { n: full } });
    expect(asShenzhen.data).toEqual({ gdBenefitCard: null });
  });

  it('adds cards to members and counts to unions, batched whatever the number of references', async () => {
    const reps = [
      { __typename: 'Organization', id: 'g1' },
      { __typename: 'Organization', id: 'g2' },
      { __typename: 'Organization', id: 'g3' },
      { __typename: 'Member', id: 'm1' },
      { __typename: 'Member', id: 'm2' },
      { __typename: 'Member', id: 'nobody' },
    ];
    // The card numbers revealed are recorded in the access log (docs/personal-data.md): writes, not loader reads.
    const counter = countCommands(sg.server.conn, { ignoreCollections: ['personal_access_log', '_outbox'] });
    const res = await sg.request<{ _entities: Record<string, unknown>[] }>(ENTITIES, {
      caller: callers.national,
      variables: { reps },
    });
    counter.stop();
    expect(res.data?._entities.map((e) => e.gdActiveCardCount ?? (e.gdBenefitCard ? 'card' : null))).toEqual([
      1,
      1,
      0,
      'card',
      'card',
      null,
    ]);
    // One command per loader: the org directory (the kit's province check), card counts, honors by
    // union, active cards and honors by member.
    expect(counter.count).toBe(5);
  });
});
