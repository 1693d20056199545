import { publishedEvents, type TestSubgraph } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { CONFER, callers, codeOf, ENTITIES, fieldOf, startGuangdong } from './fixtures';

let sg: TestSubgraph<Models>;
beforeAll(async () => {
  sg = await startGuangdong();
  const confer = (input: Record<string, unknown>) =>
    sg.request(CONFER, { caller: callers.guangdong, variables: { input } });
  await confer({ kind: 'MODEL_WORKER', year: 2020, organizationId: 'g1', memberId: 'm1' });
  await confer({ kind: 'MODEL_WORKERS_HOME', year: 2023, organizationId: 'g1' });
  await confer({ kind: 'MAY_DAY_AWARD', year: 2024, organizationId: 'g3' });
});
afterAll(() => sg.stop());

const HONORS = `query($filter: GdHonorFilter) { gdHonors(filter: $filter) { totalCount nodes { kind year organization { id } } } }`;

describe('Guangdong provincial honors', () => {
  it('names the union of every honor, and the member of a personal one, as changed', async () => {
    const honors = (await publishedEvents(sg.server)).filter((e) => e.type === 'GdHonor');
    expect(honors.map((e) => e.affects)).toEqual([
      [
        { type: 'Organization', id: 'g1' },
        { type: 'Member', id: 'm1' },
      ],
      [{ type: 'Organization', id: 'g1' }],
      [{ type: 'Organization', id: 'g3' }],
    ]);
  });

  it('lists the honors of the caller’s subtree, newest first', async () => {
    const all = await sg.request(HONORS, { caller: callers.guangdong });
    expect(all.data).toEqual({
      gdHonors: {
        totalCount: 3,
        nodes: [
          { kind: 'MAY_DAY_AWARD', year: 2024, organization: { id: 'g3' } },
          { kind: 'MODEL_WORKERS_HOME', year: 2023, organization: { id: 'g1' } },
          { kind: 'MODEL_WORKER', year: 2020, organization: { id: 'g1' } },
        ],
      },
    });
    const shenzhen = await sg.request(HONORS, {
      caller: callers.shenzhen,
      variables: { filter: { year: 2024 } },
    });
    expect(shenzhen.data).toEqual({
      gdHonors: { totalCount: 1, nodes: [{ kind: 'MAY_DAY_AWARD', year: 2024, organization: { id: 'g3' } }] },
    });
  });

  it('shows honors on unions and members, and nothing outside the caller’s subtree', async () => {
    const reps = [
      { __typename: 'Organization', id: 'g1' },
      { __typename: 'Member', id: 'm1' },
    ];
    const own = await sg.request(ENTITIES, { caller: callers.guangdong, variables: { reps } });
    expect(own.data).toEqual({
      _entities: [
        {
          id: 'g1',
          gdActiveCardCount: 0,
          gdHonors: [
            { kind: 'MODEL_WORKERS_HOME', year: 2023 },
            { kind: 'MODEL_WORKER', year: 2020 },
          ],
        },
        { id: 'm1', gdBenefitCard: null, gdHonors: [{ kind: 'MODEL_WORKER', year: 2020 }] },
      ],
    });
    const shenzhen = await sg.request(ENTITIES, { caller: callers.shenzhen, variables: { reps } });
    expect(shenzhen.data).toEqual({
      _entities: [
        { id: 'g1', gdActiveCardCount: null, gdHonors: null },
        { id: 'm1', gdBenefitCard: null, gdHonors: [] },
      ],
    });
  });

  it('refuses malformed honors and a second record of the same honor, writing nothing', async () => {
    const before = await sg.server.models.Honor.countDocuments();
    const cases = [
      [{ kind: 'MAY_DAY_MEDAL', year: 2024, organizationId: 'g1' }, 'memberId'],
      [{ kind: 'WORKER_VANGUARD', year: 2024, organizationId: 'g1', memberId: 'm1' }, 'memberId'],
      [{ kind: 'WORKER_VANGUARD', year: 1800, organizationId: 'g1' }, 'year'],
    ] as const;
    for (const [input, field] of cases) {
      const res = await sg.request(CONFER, { caller: callers.guangdong, variables: { input } });
      expect([codeOf(res.errors), fieldOf(res.errors)]).toEqual(['BAD_USER_INPUT', field]);
    }
    const twice = await sg.request(CONFER, {
      caller: callers.guangdong,
      variables: { input: { kind: 'MODEL_WORKERS_HOME', year: 2023, organizationId: 'g1' } },
    });
    expect(codeOf(twice.errors)).toBe('CONFLICT');
    expect(await sg.server.models.Honor.countDocuments()).toBe(before);
  });

  it('refuses in Chinese by default and in English for a caller who asks, with the same code and key', async () => {
    const input = { kind: 'MODEL_WORKERS_HOME', year: 2023, organizationId: 'g1' };
    const [zh, en] = await Promise.all([
      sg.request(CONFER, { caller: callers.guangdong, variables: { input } }),
      sg.request(CONFER, { caller: { ...callers.guangdong, language: 'en' }, variables: { input } }),
    ]);
    const extensions = {
      code: 'CONFLICT',
      field: 'organizationId',
      messageKey: 'guangdong.honorRecorded',
      messageParams: { kind: 'MODEL_WORKERS_HOME', year: 2023 },
    };
    expect(zh.errors).toEqual([
      expect.objectContaining({ message: '该获得者 2023 年度的 MODEL_WORKERS_HOME 已有记录', extensions }),
    ]);
    expect(en.errors).toEqual([
      expect.objectContaining({
        message: 'MODEL_WORKERS_HOME of 2023 is already recorded for this holder',
        extensions,
      }),
    ]);
  });

  it('gives a Beijing administrator nothing: refused at the root, no fields on references', async () => {
    const root = await sg.request(HONORS, { caller: callers.beijing });
    expect(codeOf(root.errors)).toBe('FORBIDDEN');
    const reps = [
      { __typename: 'Organization', id: 'g1' },
      { __typename: 'Organization', id: 'g4' },
    ];
    const refs = await sg.request(ENTITIES, { caller: callers.beijing, variables: { reps } });
    expect(refs.data).toEqual({ _entities: [null, null] });
    const nationalOnBeijing = await sg.request(ENTITIES, {
      caller: callers.national,
      variables: { reps: [{ __typename: 'Organization', id: 'g4' }] },
    });
    expect(nationalOnBeijing.data).toEqual({ _entities: [null] });
  });
});
