import type { Caller } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { callers, type Fixture, ORGS, startFixture } from './fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f?.sg.stop());

const OPEN = `mutation($input: OpenTransferInput!) { openMemberTransfer(input: $input) {
  id status certificateCode fromOrganization { id } toOrganization { id } steps { step } } }`;
const ACCEPT = `mutation($id: ID!, $code: String!) { acceptMemberTransfer(id: $id, certificateCode: $code) { status steps { step } } }`;
const TRANSFER = `query($id: ID!) { memberTransfer(id: $id) { status member { id status organization { id } } steps { step by } } }`;
const MEMBER = `query($id: ID!) { member(id: $id) { status organization { id } transfers { id status } history { action } } }`;

async function open(memberId: string, caller = callers.bjUnion, to = ORGS.gdUnion._id) {
  const res = await f.gql(OPEN, caller, {
    input: { memberId, toOrganizationId: to, newEmployerCreditCode: null, reason: '换工作' },
  });
  if (!res.data?.openMemberTransfer) throw new Error(JSON.stringify(res.errors));
  return res.data.openMemberTransfer as { id: string; certificateCode: string; status: string };
}

describe('transfers between unions (R12)', () => {
  it('moves the membership on acceptance; both unions and the member follow the progress', async () => {
    const memberId = await f.register();
    const t = await open(memberId, testCallers.member(memberId, ORGS.bjUnion._id));
    expect(t).toMatchObject({
      status: 'OPEN',
      fromOrganization: { id: ORGS.bjUnion._id },
      toOrganization: { id: ORGS.gdUnion._id },
    });
    expect(t.certificateCode).toMatch(/^JZ\d{4}[0-9A-F]{10}$/);
    for (const side of [callers.bjUnion, callers.gdUnion, testCallers.member(memberId, ORGS.bjUnion._id)]) {
      const seen = await f.gql(TRANSFER, side, { id: t.id });
      expect(seen.data?.memberTransfer).toMatchObject({
        status: 'OPEN',
        member: { status: 'TRANSFERRING', organization: { id: ORGS.bjUnion._id } },
      });
    }
    expect((await f.gql(TRANSFER, callers.gdJointAdmin(), { id: t.id })).data?.memberTransfer).toBeNull();

    const accepted = await f.gql(ACCEPT, callers.gdUnion, { id: t.id, code: t.certificateCode });
    expect(accepted.data?.acceptMemberTransfer.status).toBe('COMPLETED');
    expect(accepted.data?.acceptMemberTransfer.steps.map((s: { step: string }) => s.step)).toEqual([
      'OPENED',
      'ACCEPTED',
      'MOVED',
      'CLOSED',
    ]);
    const before = await f.gql(TRANSFER, callers.bjUnion, { id: t.id });
    expect(before.data?.memberTransfer).toMatchObject({
      status: 'COMPLETED',
      member: { organization: { id: ORGS.gdUnion._id } },
    });
    const member = await f.gql(MEMBER, callers.gdUnion, { id: memberId });
    expect(member.data?.member).toMatchObject({ status: 'ACTIVE', organization: { id: ORGS.gdUnion._id } });
    expect(member.data?.member.history.map((h: { action: string }) => h.action)).toEqual([
      'REGISTERED',
      'TRANSFER',
      'TRANSFER',
    ]);
    // The archive's notes of the transfer's steps read in the caller's language.
    const HISTORY = `query($id: ID!) { member(id: $id) { history { action note } } }`;
    const notes = async (caller: Caller) =>
      (await f.gql(HISTORY, caller, { id: memberId })).data?.member.history.map(
        (h: { note: string }) => h.note,
      );
    expect(await notes(callers.gdUnion)).toEqual([null, `开具接转 ${t.id}`, `经接转 ${t.id} 转入新工会`]);
    expect(await notes({ ...callers.gdUnion, language: 'en' })).toEqual([
      null,
      `transfer ${t.id} opened`,
      `transfer ${t.id}: moved to the new union`,
    ]);
    expect((await f.gql(MEMBER, callers.bjUnion, { id: memberId })).data?.member).toBeNull();
    const list = await f.gql(
      `query($o: ID!) { memberTransfers(organizationId: $o, direction: OUTGOING) { nodes { id } } }`,
      callers.bjUnion,
      { o: ORGS.bjUnion._id },
    );
    expect(list.data?.memberTransfers.nodes.map((n: { id: string }) => n.id)).toContain(t.id);
  });

  it('refuses bad transfers: the same union, a second open one, a wrong certificate, a double acceptance', async () => {
    const memberId = await f.register();
    const same = await f.gql(OPEN, callers.bjUnion, {
      input: { memberId, toOrganizationId: ORGS.bjUnion._id },
    });
    expect(same.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.toOrganizationId',
    });
    const unknown = await f.gql(OPEN, callers.bjUnion, {
      input: { memberId, toOrganizationId: 'org-nowhere' },
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.toOrganizationId',
    });
    const federation = await f.gql(OPEN, callers.bjUnion, {
      input: { memberId, toOrganizationId: ORGS.guangdong._id },
    });
    expect(federation.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const outsider = await f.gql(OPEN, callers.guangdong, {
      input: { memberId, toOrganizationId: ORGS.gdUnion._id },
    });
    expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await f.models.MemberTransfer.countDocuments({ memberId })).toBe(0);

    const t = await open(memberId);
    const second = await f.gql(OPEN, callers.beijing, {
      input: { memberId, toOrganizationId: ORGS.gdJoint._id },
    });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', transferId: t.id });
    const wrong = await f.gql(ACCEPT, callers.gdUnion, { id: t.id, code: 'JZ0000' });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'certificateCode' });
    const oldSide = await f.gql(ACCEPT, callers.bjUnion, { id: t.id, code: t.certificateCode });
    expect(oldSide.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await f.gql(ACCEPT, callers.gdUnion, { id: t.id, code: t.certificateCode })).data?.acceptMemberTransfer
        .status,
    ).toBe('COMPLETED');
    const twice = await f.gql(ACCEPT, callers.gdUnion, { id: t.id, code: t.certificateCode });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('allows only one of many concurrent openings', async () => {
    const memberId = await f.register();
    const results = await Promise.all(
      [ORGS.gdUnion, ORGS.gdJoint, ORGS.bjUnion2].map((o) =>
        f.gql(OPEN, callers.national, { input: { memberId, toOrganizationId: o._id } }),
      ),
    );
    expect(results.filter((r) => r.data?.openMemberTransfer).length).toBe(1);
    expect(await f.models.MemberTransfer.countDocuments({ memberId, closedAt: null })).toBe(1);
  });

  it('returns the member to the old union, unchanged, when rejected or cancelled', async () => {
    for (const [mutation, caller] of [
      ['rejectMemberTransfer', callers.gdUnion],
      ['cancelMemberTransfer', callers.bjUnion],
    ] as const) {
      const memberId = await f.register();
      const t = await open(memberId);
      const res = await f.gql(
        `mutation($id: ID!) { ${mutation}(id: $id, reason: "不符合") { status } }`,
        caller,
        { id: t.id },
      );
      expect(res.data?.[mutation].status).toBe(
        mutation === 'rejectMemberTransfer' ? 'REJECTED' : 'CANCELLED',
      );
      const member = await f.gql(MEMBER, callers.bjUnion, { id: memberId });
      expect(member.data?.member).toMatchObject({ status: 'ACTIVE', organization: { id: ORGS.bjUnion._id } });
      const late = await f.gql(ACCEPT, callers.gdUnion, { id: t.id, code: t.certificateCode });
      expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      await open(memberId);
    }
  });

  it('resumes a transfer interrupted between steps, never leaving the member in two unions or none', async () => {
    const memberId = await f.register();
    const t = await open(memberId);
    // The process died right after the acceptance was recorded: the decision step exists, nothing else.
    await f.models.TransferStep.create({
      _id: `${t.id}:decision`,
      transferId: t.id,
      step: 'ACCEPTED',
      at: new Date(),
      by: 'admin-org-gd-1',
    });
    const mid = await f.gql(TRANSFER, callers.bjUnion, { id: t.id });
    expect(mid.data?.memberTransfer).toMatchObject({
      status: 'ACCEPTED',
      member: { status: 'TRANSFERRING', organization: { id: ORGS.bjUnion._id } },
    });
    expect(await f.models.Member.countDocuments({ _id: memberId })).toBe(1);

    const resumed = await f.gql(ACCEPT, callers.gdUnion, { id: t.id, code: t.certificateCode });
    expect(resumed.data?.acceptMemberTransfer.status).toBe('COMPLETED');

    // Died after the move, before closing: re-running closes it without moving again.
    const other = await f.register();
    const t2 = await open(other);
    await f.models.TransferStep.create({
      _id: `${t2.id}:decision`,
      transferId: t2.id,
      step: 'ACCEPTED',
      at: new Date(),
      by: 'x',
    });
    await f.models.Member.updateOne(
      { _id: other },
      { $set: { organizationId: ORGS.gdUnion._id, status: 'ACTIVE' } },
    );
    const closed = await f.gql(ACCEPT, callers.gdUnion, { id: t2.id, code: t2.certificateCode });
    expect(closed.data?.acceptMemberTransfer.status).toBe('COMPLETED');
    const m = await f.models.Member.findById(other).lean();
    expect(m).toMatchObject({ organizationId: ORGS.gdUnion._id, status: 'ACTIVE' });
    expect(await f.models.TransferStep.countDocuments({ transferId: t2.id })).toBe(4);
    expect(await f.models.MemberChange.countDocuments({ _id: `${t2.id}:moved` })).toBe(1);
  });

  it('publishes transfer and member events', async () => {
    const memberId = await f.register();
    const t = await open(memberId);
    const entries = await f.sg.server.redis.xrange(`${f.sg.server.keyspace}events:members`, '-', '+');
    const events = entries.map((e) => JSON.parse(e[1][1]!));
    // Both unions' counts (and their ancestors' subtree lists) change while the member moves, and
    // so do the member's own transfers.
    const unions = [...new Set([...ORGS.bjUnion.path, ...ORGS.gdUnion.path])];
    expect(events.find((e) => e.type === 'MemberTransfer' && e.id === t.id)?.affects).toEqual([
      { type: 'Member', id: memberId },
      ...unions.map((id) => ({ type: 'Organization', id })),
    ]);
    expect(
      events.some((e) => e.type === 'Member' && e.id === memberId && e.data.status === 'TRANSFERRING'),
    ).toBe(true);
  });
});
