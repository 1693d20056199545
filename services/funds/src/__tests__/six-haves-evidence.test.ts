import { publishedEvents } from '@union-graph/subgraph-kit/testing';
import { type Funds, incomeLines, ORG, POST, startFunds } from './fixtures';

let f: Funds;
beforeAll(async () => {
  f = await startFunds();
});
afterAll(() => f?.sub.stop());

describe('six-haves evidence for organizations (R5)', () => {
  it('publishes the union’s account and its receipts per year beside each posting', async () => {
    const post = (key: string, postedOn: string, fen: number) =>
      f.ok(POST, { input: { idempotencyKey: key, postedOn, lines: incomeLines(ORG.g1, fen) } });
    await post('six-1', '2024-12-31', 50_000);
    await post('six-2', '2025-01-01', 12_345);
    await post('six-3', '2025-06-30', 100);
    const evidence = (await publishedEvents(f.sub.server)).filter(
      (e) => e.type === 'SixHavesEvidence' && e.id === ORG.g1,
    );
    expect(evidence).toHaveLength(3);
    const account = await f.sub.server.models.FundAccount.findOne({ organizationId: ORG.g1 }).lean();
    expect(evidence.at(-1)!.data).toEqual({
      account: { accountId: account!._id, openedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      receipts: [
        { year: 2024, fen: 50_000 },
        { year: 2025, fen: 12_445 },
      ],
      asOf: expect.any(String),
    });
    // A replayed posting is no change: nothing is published, evidence neither.
    await post('six-3', '2025-06-30', 100);
    const again = (await publishedEvents(f.sub.server)).filter((e) => e.type === 'SixHavesEvidence');
    expect(again).toHaveLength(3);
  });
});
