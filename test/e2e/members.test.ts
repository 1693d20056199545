import { makeResidentId } from '@union-graph/domain';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();

/** The tiny seed has one province: a second one (and a union in it) comes through organizations. */
async function unionInAnotherProvince() {
  const root = graph.plan.organizations.find((o) => o.level === 'NATIONAL')!;
  const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`;
  const create = async (input: Record<string, unknown>) => {
    const res = await graph.query<{ createOrganization: { id: string; name: string } }>(CREATE, {
      caller: national,
      variables: { input },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.createOrganization;
  };
  const province = await create({
    name: '广东省总工会',
    type: 'LOCAL_FEDERATION',
    parentId: root._id,
    divisionCode: '440000',
  });
  const union = await create({
    name: '广州某公司工会',
    type: 'GRASSROOTS',
    parentId: province.id,
    divisionCode: '440106',
  });
  await graph.subgraphs.members!.server.directory?.caughtUp();
  return { _id: union.id, name: union.name };
}

describe('members through the gateway', () => {
  it('joins, gets a card, transfers between provinces with both unions following, and shows counts', async () => {
    const from = graph.plan.organizations.find((o) => o.type === 'GRASSROOTS')!;
    const to = await unionInAnotherProvince();
    const fromAdmin = testCallers.orgAdmin(from._id);
    const toAdmin = testCallers.orgAdmin(to._id);
    const ok = <T>(res: { data?: T | null; errors?: unknown[] }) => {
      expect(res.errors).toBeUndefined();
      return res.data as T;
    };

    const applied = ok(
      await graph.query<{ applyForMembership: { id: string } }>(
        `mutation($input: MemberInput!) { applyForMembership(input: $input) { id } }`,
        {
          caller: fromAdmin,
          variables: {
            input: {
              organizationId: from._id,
              name: '刘洋',
              residentId: makeResidentId(from.divisionCode, '1992-04-18', 357),
            },
          },
        },
      ),
    );
    const memberId = applied.applyForMembership.id;
    const approved = ok(
      await graph.query<{ approveMembershipApplication: { member: { organization: { name: string } } } }>(
        `mutation($id: ID!) { approveMembershipApplication(id: $id) { status member { organization { name } } } }`,
        { caller: fromAdmin, variables: { id: memberId } },
      ),
    );
    expect(approved.approveMembershipApplication.member.organization.name).toBe(from.name);
    const card = ok(
      await graph.query<{ issueMemberCard: { card: { number: string; issuedBy: { name: string } } } }>(
        `mutation($id: ID!) { issueMemberCard(memberId: $id) { card { number issuedBy { name } } } }`,
        { caller: fromAdmin, variables: { id: memberId } },
      ),
    );
    expect(card.issueMemberCard.card.number.startsWith(from.divisionCode)).toBe(true);
    expect(card.issueMemberCard.card.issuedBy.name).toBe(from.name);

    const self = testCallers.member(memberId, from._id);
    const opened = ok(
      await graph.query<{ openMemberTransfer: { id: string; certificateCode: string } }>(
        `mutation($input: OpenTransferInput!) { openMemberTransfer(input: $input) { id certificateCode } }`,
        {
          caller: self,
          variables: { input: { memberId, toOrganizationId: to._id, reason: '更换工作单位' } },
        },
      ),
    );
    // Organization names come from organizations, which shows each union only its own subtree: the
    // other side is referred to by id.
    const PROGRESS = `query($id: ID!) { memberTransfer(id: $id) { status steps { step }
      fromOrganization { id } toOrganization { id } member { name organization { id } } } }`;
    for (const side of [fromAdmin, toAdmin, self]) {
      const seen = ok(
        await graph.query<{ memberTransfer: Record<string, unknown> }>(PROGRESS, {
          caller: side,
          variables: { id: opened.openMemberTransfer.id },
        }),
      );
      expect(seen.memberTransfer).toMatchObject({
        status: 'OPEN',
        fromOrganization: { id: from._id },
        toOrganization: { id: to._id },
        member: { name: '刘洋', organization: { id: from._id } },
      });
    }
    const COUNTS = `query($a: ID!, $b: ID!) { a: organization(id: $a) { memberCount } b: organization(id: $b) { memberCount } }`;
    const before = ok(
      await graph.query<{ a: { memberCount: number }; b: { memberCount: number } }>(COUNTS, {
        caller: national,
        variables: { a: from._id, b: to._id },
      }),
    );

    ok(
      await graph.query(
        `mutation($id: ID!, $code: String!) { acceptMemberTransfer(id: $id, certificateCode: $code) { status } }`,
        {
          caller: toAdmin,
          variables: { id: opened.openMemberTransfer.id, code: opened.openMemberTransfer.certificateCode },
        },
      ),
    );
    for (const side of [fromAdmin, toAdmin]) {
      const seen = ok(
        await graph.query<{ memberTransfer: Record<string, unknown> }>(PROGRESS, {
          caller: side,
          variables: { id: opened.openMemberTransfer.id },
        }),
      );
      expect(seen.memberTransfer).toMatchObject({
        status: 'COMPLETED',
        steps: [{ step: 'OPENED' }, { step: 'ACCEPTED' }, { step: 'MOVED' }, { step: 'CLOSED' }],
        member: { organization: { id: to._id } },
      });
    }
    // The gateway drops both unions' cached counts once it has read the transfer's change events.
    await graph.settled();
    const after = ok(
      await graph.query<{ a: { memberCount: number }; b: { memberCount: number } }>(COUNTS, {
        caller: national,
        variables: { a: from._id, b: to._id },
      }),
    );
    expect(after.a.memberCount).toBe(before.a.memberCount - 1);
    expect(after.b.memberCount).toBe(before.b.memberCount + 1);
  });

  it('imports a roster with its report', async () => {
    const union = graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS')[1]!;
    const good = makeResidentId(union.divisionCode, '1988-08-08', 101);
    const csv = [
      '姓名,身份证号码,性别',
      `王芳,${good},女`,
      `李雷,${makeResidentId(union.divisionCode, '1990-01-01', 11)},男`,
      `坏行,${good.slice(0, 17)}Y,男`,
    ].join('\n');
    const res = await graph.query<{
      importRoster: { rows: number; imported: number; problems: { row: number; column: string }[] };
    }>(
      `mutation($input: RosterImportInput!) { importRoster(input: $input) { rows imported problems { row column } } }`,
      {
        caller: testCallers.orgAdmin(union._id),
        variables: {
          input: {
            organizationId: union._id,
            format: 'CSV',
            contentBase64: Buffer.from(csv).toString('base64'),
          },
        },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.importRoster).toEqual({
      rows: 3,
      imported: 1,
      problems: [
        { row: 2, column: '性别' },
        { row: 4, column: '身份证号码' },
      ],
    });
  });
});
