import { publishedEvents, type TestSubgraph, testCallers } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { APPOINT, codeOf, day, fieldOf, national, startCadres } from './fixtures';

let sg: TestSubgraph<Models>;
let cadreId: string;
beforeAll(async () => {
  sg = await startCadres();
  const res = await sg.request<{ appointCadre: { id: string } }>(APPOINT, {
    caller: national,
    variables: {
      input: { organizationId: 'g2', memberId: 'm-rf', position: 'VICE_CHAIR', termStart: day(-60) },
    },
  });
  cadreId = res.data!.appointCadre.id;
});
afterAll(() => sg?.stop());

const eventsOf = async (id: string) => (await publishedEvents(sg.server)).filter((e) => e.id === id);

const SUBSIDY = `mutation($input: RecordCadreSubsidyInput!) { recordCadreSubsidy(input: $input) { id } }`;
const CASE = `mutation($input: OpenRightsProtectionCaseInput!) { openRightsProtectionCase(input: $input) { id support { amount } } }`;
const APPROVE = `mutation($input: ApproveRightsCaseSupportInput!) {
  approveRightsCaseSupport(input: $input) { id supportAmount support { fundedBy { id } amount approvedOn } }
}`;

describe('what funds needs to post from the rights-protection fund', () => {
  it('a subsidy event carries the payer, the exact fen, the day paid and the cadre', async () => {
    const input = {
      cadreId,
      paidByOrganizationId: 'th',
      period: '2026-03',
      amount: 123_456,
      paidOn: day(-1),
    };
    const res = await sg.request<{ recordCadreSubsidy: { id: string } }>(SUBSIDY, {
      caller: testCallers.orgAdmin('th'),
      variables: { input },
    });
    const id = res.data!.recordCadreSubsidy.id;
    expect(await eventsOf(id)).toEqual([
      expect.objectContaining({
        type: 'CadreSubsidy',
        op: 'upsert',
        version: 1,
        data: { fundedByOrganizationId: 'th', amount: 123_456, on: day(-1), cadreId, period: '2026-03' },
      }),
    ]);
  });

  it('a case moves no money when opened; approved support is published once with its payment', async () => {
    const opened = await sg.request<{ openRightsProtectionCase: { id: string; support: null } }>(CASE, {
      caller: national,
      variables: {
        input: {
          cadreId,
          kind: 'DEMOTION',
          openedOn: day(-5),
          description: '因代表职工协商被降职',
          supportAmount: 500_000,
        },
      },
    });
    const caseId = opened.data!.openRightsProtectionCase.id;
    expect(opened.data!.openRightsProtectionCase.support).toBeNull();
    expect((await eventsOf(caseId)).map((e) => [e.version, e.data])).toEqual([[1, undefined]]);

    const approve = (over: Record<string, unknown>, caller = testCallers.orgAdmin('th')) =>
      sg.request<{ approveRightsCaseSupport: { support: unknown } }>(APPROVE, {
        caller,
        variables: {
          input: { caseId, fundedByOrganizationId: 'th', amount: 300_000, approvedOn: day(0), ...over },
        },
      });

    // Refusals write nothing: the case's own union is not an upper union, amounts are whole positive
    // fen, approval is not dated ahead, and neither the grassroots union, an analyst nor another
    // province may approve.
    expect(fieldOf((await approve({ fundedByOrganizationId: 'g2' }, national)).errors)).toBe(
      'fundedByOrganizationId',
    );
    expect(fieldOf((await approve({ amount: 0 })).errors)).toBe('amount');
    expect(codeOf((await approve({ approvedOn: day(1) })).errors)).toBe('BAD_USER_INPUT');
    expect(codeOf((await approve({}, testCallers.orgAdmin('g2'))).errors)).toBe('FORBIDDEN');
    expect(codeOf((await approve({}, testCallers.analyst())).errors)).toBe('FORBIDDEN');
    expect(codeOf((await approve({}, testCallers.orgAdmin('bj'))).errors)).toBe('NOT_FOUND');
    expect(await eventsOf(caseId)).toHaveLength(1);

    const ok = await approve({});
    expect(ok.data?.approveRightsCaseSupport).toEqual({
      id: caseId,
      supportAmount: 500_000,
      support: { fundedBy: { id: 'th' }, amount: 300_000, approvedOn: day(0) },
    });
    const again = await approve({});
    expect(again.data).toEqual(ok.data);
    const other = await approve({ amount: 300_001 });
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'caseId',
      messageKey: 'cadres.supportApproved',
    });
    expect((await eventsOf(caseId)).map((e) => [e.version, e.data])).toEqual([
      [1, undefined],
      [2, { fundedByOrganizationId: 'th', amount: 300_000, on: day(0), cadreId }],
    ]);
  });
});
