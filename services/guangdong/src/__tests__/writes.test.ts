import { setClock } from '@union-graph/subgraph-kit';
import { publishedEvents, type TestSubgraph } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { CANCEL, CONFER, callers, codeOf, fieldOf, ISSUE, startGuangdong } from './fixtures';

let sg: TestSubgraph<Models>;
beforeAll(async () => {
  sg = await startGuangdong();
});
afterAll(() => sg.stop());
afterEach(() => setClock(null));

type Card = { id: string; cardNumber: string; status: string; issuedOn: string };
type Honor = { id: string; kind: string; year: number };

const issue = (input: Record<string, unknown>, caller = callers.guangdong) =>
  sg.request<{ gdIssueBenefitCard: Card }>(ISSUE, { caller, variables: { input } });
const cancel = (id: string) =>
  sg.request<{ gdCancelBenefitCard: { id: string; status: string } }>(CANCEL, {
    caller: callers.guangdong,
    variables: { id },
  });
const confer = (input: Record<string, unknown>, caller = callers.guangdong) =>
  sg.request<{ gdConferHonor: Honor }>(CONFER, { caller, variables: { input } });
const eventsOf = async (type: string, id: string) =>
  (await publishedEvents(sg.server)).filter((e) => e.type === type && e.id === id);

describe('idempotency keys', () => {
  it('issues one card per key: a repeat returns the same card and announces nothing again', async () => {
    const input = { memberId: 'k1', organizationId: 'g1', idempotencyKey: 'issue-k1' };
    const first = await issue(input);
    const card = first.data!.gdIssueBenefitCard;
    const again = await issue(input);
    expect(again.errors).toBeUndefined();
    expect(again.data?.gdIssueBenefitCard).toEqual(card);
    expect(await sg.server.models.BenefitCard.countDocuments({ memberId: 'k1' })).toBe(1);
    expect((await eventsOf('GdBenefitCard', card.id)).map((e) => e.version)).toEqual([1]);

    // Still the first answer after the card was cancelled: a retry never issues a second card.
    await cancel(card.id);
    const late = await issue(input);
    expect(late.data?.gdIssueBenefitCard).toMatchObject({ id: card.id, status: 'CANCELLED' });
    expect(await sg.server.models.BenefitCard.countDocuments({ memberId: 'k1' })).toBe(1);
  });

  it('refuses a card key repeated with other input as CONFLICT on idempotencyKey, writing nothing', async () => {
    await issue({ memberId: 'k2', organizationId: 'g1', idempotencyKey: 'issue-k2' });
    const other = await issue({ memberId: 'k3', organizationId: 'g1', idempotencyKey: 'issue-k2' });
    expect([codeOf(other.errors), fieldOf(other.errors)]).toEqual(['CONFLICT', 'idempotencyKey']);
    expect(await sg.server.models.BenefitCard.countDocuments({ memberId: 'k3' })).toBe(0);
    const malformed = await issue({ memberId: 'k3', organizationId: 'g1', idempotencyKey: 'has spaces' });
    expect([codeOf(malformed.errors), fieldOf(malformed.errors)]).toEqual([
      'BAD_USER_INPUT',
      'idempotencyKey',
    ]);
    expect(await sg.server.models.BenefitCard.countDocuments({ memberId: 'k3' })).toBe(0);
  });

  it('issues a card per call without a key (a second active card is still CONFLICT)', async () => {
    const input = { memberId: 'k4', organizationId: 'g2' };
    const first = await issue(input);
    const twice = await issue(input);
    expect([codeOf(twice.errors), fieldOf(twice.errors)]).toEqual(['CONFLICT', 'memberId']);
    await cancel(first.data!.gdIssueBenefitCard.id);
    const second = await issue(input);
    expect(second.data?.gdIssueBenefitCard.id).not.toBe(first.data!.gdIssueBenefitCard.id);
    expect(await sg.server.models.BenefitCard.countDocuments({ memberId: 'k4' })).toBe(2);
  });

  it('records one honor per key: a repeat returns it, other input is CONFLICT on idempotencyKey', async () => {
    const input = { kind: 'WORKER_VANGUARD', year: 2021, organizationId: 'g2', idempotencyKey: 'honor-1' };
    const first = await confer(input);
    const honor = first.data!.gdConferHonor;
    const again = await confer(input);
    expect(again.errors).toBeUndefined();
    expect(again.data?.gdConferHonor).toEqual(honor);
    expect(await sg.server.models.Honor.countDocuments({ organizationId: 'g2', year: 2021 })).toBe(1);
    expect(await eventsOf('GdHonor', honor.id)).toHaveLength(1);

    const other = await confer({ ...input, year: 2022 });
    expect([codeOf(other.errors), fieldOf(other.errors)]).toEqual(['CONFLICT', 'idempotencyKey']);
    expect(await sg.server.models.Honor.countDocuments({ organizationId: 'g2', year: 2022 })).toBe(0);
    // Keys are the caller's own: another caller's same key is a new request, refused by the honor's
    // own rule (once per kind, year and holder).
    const theirs = await confer(input, callers.national);
    expect([codeOf(theirs.errors), fieldOf(theirs.errors)]).toEqual(['CONFLICT', 'organizationId']);
    expect(await sg.server.models.Honor.countDocuments({ organizationId: 'g2', year: 2021 })).toBe(1);
  });

  it('records an honor per call without a key', async () => {
    await confer({ kind: 'MAY_DAY_MEDAL', year: 2019, organizationId: 'g2', memberId: 'k5' });
    await confer({ kind: 'MODEL_WORKER', year: 2019, organizationId: 'g2', memberId: 'k5' });
    expect(await sg.server.models.Honor.countDocuments({ memberId: 'k5' })).toBe(2);
  });
});

describe('concurrent writes', () => {
  it('cancels a card once under 50 concurrent cancels: one change, one announcement', async () => {
    const card = (await issue({ memberId: 'c1', organizationId: 'g1' })).data!.gdIssueBenefitCard;
    const answers = await Promise.all(Array.from({ length: 50 }, () => cancel(card.id)));
    expect(answers.map((a) => a.errors)).toEqual(answers.map(() => undefined));
    expect(new Set(answers.map((a) => JSON.stringify(a.data)))).toEqual(
      new Set([JSON.stringify({ gdCancelBenefitCard: { id: card.id, status: 'CANCELLED' } })]),
    );
    const stored = await sg.server.models.BenefitCard.findById(card.id).lean();
    expect(stored).toMatchObject({ status: 'CANCELLED', openKey: card.id });
    expect((await eventsOf('GdBenefitCard', card.id)).map((e) => e.version)).toEqual([1, 2]);
    // The member is free for a new card.
    expect((await issue({ memberId: 'c1', organizationId: 'g1' })).data?.gdIssueBenefitCard.status).toBe(
      'ACTIVE',
    );
  });

  it('issues one card under 20 concurrent retries of one key, and one under 20 keyless issues', async () => {
    const input = { memberId: 'c2', organizationId: 'g1', idempotencyKey: 'burst-c2' };
    const retries = await Promise.all(Array.from({ length: 20 }, () => issue(input)));
    expect(retries.map((a) => a.errors)).toEqual(retries.map(() => undefined));
    const ids = new Set(retries.map((a) => a.data?.gdIssueBenefitCard.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids] as string[];
    expect(await sg.server.models.BenefitCard.countDocuments({ memberId: 'c2' })).toBe(1);
    expect((await eventsOf('GdBenefitCard', id!)).map((e) => e.version)).toEqual([1]);

    const keyless = await Promise.all(
      Array.from({ length: 20 }, () => issue({ memberId: 'c3', organizationId: 'g1' })),
    );
    const issued = keyless.filter((a) => a.data?.gdIssueBenefitCard);
    expect(issued).toHaveLength(1);
    expect(keyless.filter((a) => codeOf(a.errors) === 'CONFLICT')).toHaveLength(19);
    expect(await sg.server.models.BenefitCard.countDocuments({ memberId: 'c3' })).toBe(1);
  });

  it('records one honor under 20 concurrent retries of one key', async () => {
    const input = { kind: 'MAY_DAY_AWARD', year: 2018, organizationId: 'g3', idempotencyKey: 'burst-honor' };
    const retries = await Promise.all(Array.from({ length: 20 }, () => confer(input)));
    expect(retries.map((a) => a.errors)).toEqual(retries.map(() => undefined));
    const ids = new Set(retries.map((a) => a.data?.gdConferHonor.id));
    expect(ids.size).toBe(1);
    expect(await sg.server.models.Honor.countDocuments({ organizationId: 'g3', year: 2018 })).toBe(1);
    expect(await eventsOf('GdHonor', [...ids][0]!)).toHaveLength(1);
  });
});

describe("China's calendar", () => {
  it('dates a card by the day in Beijing: the issue date turns at 16:00 UTC', async () => {
    setClock('2025-03-04T15:59:59Z');
    const before = (await issue({ memberId: 'd1', organizationId: 'g1' })).data!.gdIssueBenefitCard;
    expect(before.issuedOn).toBe('2025-03-04');
    await cancel(before.id);
    setClock('2025-03-04T16:00:00Z');
    const after = (await issue({ memberId: 'd1', organizationId: 'g1' })).data!.gdIssueBenefitCard;
    expect(after.issuedOn).toBe('2025-03-05');
  });

  it('accepts honors of a new year from Beijing midnight on 1 January', async () => {
    const input = { kind: 'WORKER_VANGUARD', year: 2025, organizationId: 'g3' };
    setClock('2024-12-31T15:59:59Z');
    const early = await confer(input);
    expect([codeOf(early.errors), fieldOf(early.errors)]).toEqual(['BAD_USER_INPUT', 'year']);
    expect(await sg.server.models.Honor.countDocuments({ year: 2025 })).toBe(0);
    setClock('2024-12-31T16:00:00Z');
    const onTime = await confer(input);
    expect(onTime.errors).toBeUndefined();
    expect(onTime.data?.gdConferHonor).toMatchObject({ kind: 'WORKER_VANGUARD', year: 2025 });
    expect(await sg.server.models.Honor.countDocuments({ year: 2025 })).toBe(1);
  });
});
