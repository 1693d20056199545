import { testCallers } from '@union-graph/subgraph-kit/testing';
import { openingBalancePosting } from '../domain/opening';
import { BALANCE, type Funds, incomeLines, ORG, POST, prng, startFunds } from './fixtures';

let f: Funds;
beforeAll(async () => {
  f = await startFunds();
});
afterAll(() => f?.sub.stop());

const postingCount = () => f.sub.server.models.Posting.countDocuments();
const balanceOf = async (org: string) =>
  ((await f.ok(BALANCE, { org })) as { fundAccountOf: { balance: number } | null }).fundAccountOf?.balance ??
  0;

describe('postings', () => {
  it('posts a balanced entry once per idempotency key; the same content replays, other content conflicts', async () => {
    const input = { idempotencyKey: 'p-1', postedOn: '2025-03-05', lines: incomeLines(ORG.g2, 12_345) };
    const first = await f.ok(POST, { input });
    const again = await f.ok(POST, { input });
    expect(again.postEntry.id).toBe(first.postEntry.id);
    expect(first.postEntry).toMatchObject({ total: 12_345, period: '2025-03' });
    const before = await postingCount();
    const changed = await f.fails(POST, { input: { ...input, lines: incomeLines(ORG.g2, 12_346) } });
    expect(changed.code).toBe('CONFLICT');
    expect(await postingCount()).toBe(before);
    expect(await balanceOf(ORG.g2)).toBe(12_345);
  });

  it.each([
    [
      'unbalanced',
      [
        { organizationId: ORG.g2, book: 'FUNDS', debit: 100 },
        { organizationId: ORG.g2, book: 'INCOME', category: 'DUES', credit: 99 },
      ],
      'lines',
      'funds.unbalanced',
    ],
    [
      'balanced overall but not per union',
      [
        { organizationId: ORG.g2, book: 'FUNDS', debit: 100 },
        { organizationId: ORG.ft, book: 'INCOME', category: 'DUES', credit: 100 },
      ],
      'lines',
      'funds.unbalanced',
    ],
    [
      'negative',
      [
        { organizationId: ORG.g2, book: 'FUNDS', debit: -100 },
        { organizationId: ORG.g2, book: 'INCOME', category: 'DUES', credit: -100 },
      ],
      'lines.0.debit',
      'funds.lineAmount',
    ],
    [
      'both sides on one line',
      [
        { organizationId: ORG.g2, book: 'FUNDS', debit: 100, credit: 100 },
        { organizationId: ORG.g2, book: 'INCOME', category: 'DUES', credit: 100 },
      ],
      'lines.0',
      'funds.oneSide',
    ],
    ['one line', [{ organizationId: ORG.g2, book: 'FUNDS', debit: 100 }], 'lines', 'funds.twoLines'],
    [
      'income without a category',
      [
        { organizationId: ORG.g2, book: 'FUNDS', debit: 100 },
        { organizationId: ORG.g2, book: 'INCOME', credit: 100 },
      ],
      'lines.1.category',
      'funds.lineNeedsCategory',
    ],
    [
      'a spending category on income',
      [
        { organizationId: ORG.g2, book: 'FUNDS', debit: 100 },
        { organizationId: ORG.g2, book: 'INCOME', category: 'CAPITAL', credit: 100 },
      ],
      'lines.1.category',
      'funds.wrongBook',
    ],
    [
      'an unknown union',
      [
        { organizationId: 'nowhere', book: 'FUNDS', debit: 100 },
        { organizationId: 'nowhere', book: 'INCOME', category: 'DUES', credit: 100 },
      ],
      'lines.0.organizationId',
      'kit.notFound',
    ],
  ])('refuses %s input and writes nothing', async (_name, lines, field, messageKey) => {
    const before = await postingCount();
    const e = await f.fails(POST, {
      input: { idempotencyKey: `bad-${before}`, postedOn: '2025-03-01', lines },
    });
    expect(e.code === 'BAD_USER_INPUT' || e.code === 'NOT_FOUND').toBe(true);
    expect(e.field).toBe(field);
    expect(e.messageKey).toBe(messageKey);
    expect(await postingCount()).toBe(before);
  });

  it('refuses fractional fen at the schema boundary', async () => {
    const res = await f.sub.request(POST, {
      caller: testCallers.national(),
      variables: {
        input: { idempotencyKey: 'frac', postedOn: '2025-03-01', lines: incomeLines(ORG.g2, 10.5) },
      },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reverses a posting once with a mirror entry', async () => {
    const { postEntry } = await f.ok(POST, {
      input: { idempotencyKey: 'to-reverse', postedOn: '2025-04-01', lines: incomeLines(ORG.g1, 500) },
    });
    const REVERSE = `mutation($id: ID!) { reversePosting(id: $id, postedOn: "2025-04-02") { id kind total reversalOf { id } lines { book debit credit } } }`;
    const r1 = await f.ok(REVERSE, { id: postEntry.id });
    const r2 = await f.ok(REVERSE, { id: postEntry.id });
    expect(r2.reversePosting.id).toBe(r1.reversePosting.id);
    expect(r1.reversePosting).toMatchObject({
      kind: 'REVERSAL',
      total: 500,
      reversalOf: { id: postEntry.id },
    });
    expect(r1.reversePosting.lines[0]).toEqual({ book: 'FUNDS', debit: 0, credit: 500 });
    expect(await balanceOf(ORG.g1)).toBe(0);
    const again = await f.fails(REVERSE, { id: r1.reversePosting.id });
    expect(again).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const { posting } = await f.ok(`query($id: ID!) { posting(id: $id) { reversedBy { id } } }`, {
      id: postEntry.id,
    });
    expect(posting.reversedBy.id).toBe(r1.reversePosting.id);
  });
});

describe('property: random postings, replays and reversals', () => {
  it('keeps every union balanced to the fen and every snapshot equal to the sum of postings', async () => {
    const rand = prng(2025);
    const orgs = [ORG.sz, ORG.hn, ORG.g3];
    const expected = new Map<string, number>(orgs.map((o) => [o, 0]));
    type Input = { idempotencyKey: string; postedOn: string; lines: ReturnType<typeof incomeLines> };
    const posted: { id: string; input: Input }[] = [];
    const reversed = new Set<string>();
    for (let step = 0; step < 60; step++) {
      const roll = rand(10);
      if (roll < 6 || posted.length === 0) {
        const org = orgs[rand(orgs.length)]!;
        const amount = 1 + rand(1_000_000);
        const spend = rand(3) === 0;
        const lines = spend
          ? [
              { organizationId: org, book: 'EXPENSE', category: 'WORKER_SERVICES', debit: amount },
              { organizationId: org, book: 'FUNDS', credit: amount },
            ]
          : incomeLines(org, amount, 'DUES');
        const input = { idempotencyKey: `prop-${step}`, postedOn: `2025-0${1 + rand(6)}-15`, lines } as Input;
        const { postEntry } = await f.ok(POST, { input });
        posted.push({ id: postEntry.id, input });
        expected.set(org, expected.get(org)! + (spend ? -amount : amount));
      } else if (roll < 8) {
        // A replay of an earlier request returns the original; the same key with other content is refused.
        const p = posted[rand(posted.length)]!;
        expect((await f.ok(POST, { input: p.input })).postEntry.id).toBe(p.id);
        const altered = await f.fails(POST, { input: { ...p.input, postedOn: '2025-06-30' } });
        expect(altered.code).toBe('CONFLICT');
      } else {
        const p = posted[rand(posted.length)]!;
        await f.ok(`mutation($id: ID!) { reversePosting(id: $id, postedOn: "2025-07-01") { id } }`, {
          id: p.id,
        });
        if (!reversed.has(p.id)) {
          reversed.add(p.id);
          for (const l of p.input.lines.filter((x) => x.book === 'FUNDS')) {
            const { debit = 0, credit = 0 } = l as { debit?: number; credit?: number };
            expected.set(l.organizationId, expected.get(l.organizationId)! - debit + credit);
          }
        }
      }
    }
    const docs = await f.sub.server.models.Posting.find({ orgIds: { $in: orgs } }).lean();
    for (const d of docs) {
      const byOrg = new Map<string, number>();
      for (const l of d.lines)
        byOrg.set(l.organizationId, (byOrg.get(l.organizationId) ?? 0) + l.debit - l.credit);
      for (const v of byOrg.values()) expect(v).toBe(0);
    }
    for (const org of orgs) {
      await f.ok(`mutation($org: ID!) { closePeriod(organizationId: $org, period: "2025-07") { period } }`, {
        org,
      });
      const { fundAccountOf } = await f.ok(
        `query($org: ID!) { fundAccountOf(organizationId: $org) { balance reconciliation { balance consistent closes { closingBalance recomputed lateEntries } } } }`,
        { org },
      );
      expect(fundAccountOf.balance).toBe(expected.get(org));
      expect(fundAccountOf.reconciliation).toMatchObject({ balance: expected.get(org), consistent: true });
      expect(fundAccountOf.reconciliation.closes[0]).toEqual({
        closingBalance: expected.get(org),
        recomputed: expected.get(org),
        lateEntries: 0,
      });
    }
  });
});

describe('concurrency', () => {
  it('loses nothing when 50 clients post to one account at once (zero drift)', async () => {
    const before = await balanceOf(ORG.town);
    const amounts = Array.from({ length: 50 }, (_, i) => 1_000 + i * 7);
    const results = await Promise.all(
      amounts.map((a, i) =>
        f.ok(POST, {
          input: { idempotencyKey: `burst-${i}`, postedOn: '2025-05-20', lines: incomeLines(ORG.town, a) },
        }),
      ),
    );
    expect(new Set(results.map((r) => r.postEntry.id)).size).toBe(50);
    expect(await balanceOf(ORG.town)).toBe(before + amounts.reduce((a, b) => a + b, 0));
  });

  it('posts once when 50 clients replay the same key at once', async () => {
    const before = await balanceOf(ORG.g1);
    const input = { idempotencyKey: 'same-key', postedOn: '2025-05-20', lines: incomeLines(ORG.g1, 777) };
    const results = await Promise.all(Array.from({ length: 50 }, () => f.ok(POST, { input })));
    expect(new Set(results.map((r) => r.postEntry.id)).size).toBe(1);
    expect(await balanceOf(ORG.g1)).toBe(before + 777);
  });
});

describe('opening balances loaded through the models (the seed)', () => {
  it('count in the balance once, however often they are loaded', async () => {
    const doc = openingBalancePosting(ORG.g2, 250_000, new Date('2020-01-01T00:00:00Z'));
    const before = await balanceOf(ORG.g2);
    for (let i = 0; i < 2; i++) {
      await f.sub.server.models.Posting.bulkWrite([
        { updateOne: { filter: { _id: doc._id }, update: { $setOnInsert: doc }, upsert: true } },
      ]);
    }
    expect(await balanceOf(ORG.g2)).toBe(before + 250_000);
  });
});

describe('closed periods', () => {
  it('refuses postings dated in a closed period or before it, and takes later ones', async () => {
    await f.ok(POST, {
      input: { idempotencyKey: 'pre-close', postedOn: '2024-01-10', lines: incomeLines(ORG.gd, 1_000) },
    });
    const close = await f.ok(
      `mutation { closePeriod(organizationId: "${ORG.gd}", period: "2024-01") { period closingBalance } }`,
    );
    expect(close.closePeriod).toEqual({ period: '2024-01', closingBalance: 1_000 });
    const before = await postingCount();
    for (const postedOn of ['2024-01-31', '2023-12-31']) {
      const e = await f.fails(POST, {
        input: { idempotencyKey: `late-${postedOn}`, postedOn, lines: incomeLines(ORG.gd, 5) },
      });
      expect(e).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'postedOn',
        message: '广东省总工会 的账目已结账至 2024-01；请记入以后的期间，或在以后的期间冲销',
        messageKey: 'funds.booksClosed',
      });
    }
    expect(await postingCount()).toBe(before);
    await f.ok(POST, {
      input: { idempotencyKey: 'after-close', postedOn: '2024-02-01', lines: incomeLines(ORG.gd, 5) },
    });
    const earlier = await f.fails(
      `mutation { closePeriod(organizationId: "${ORG.gd}", period: "2023-12") { period } }`,
    );
    expect(earlier).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'period',
      messageKey: 'funds.alreadyClosed',
    });
    const { fundAccountOf } = await f.ok(
      `{ fundAccountOf(organizationId: "${ORG.gd}") { closedThrough balance } }`,
    );
    expect(fundAccountOf).toEqual({ closedThrough: '2024-01', balance: 1_005 });
  });
});
