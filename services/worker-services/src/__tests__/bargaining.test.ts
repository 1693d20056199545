import { testCallers } from '@union-graph/subgraph-kit/testing';
import { failure, ids, isoDay, useHarness } from './fixtures';

const h = useHarness();

const adminA = testCallers.orgAdmin(ids.unionA);
const adminB = testCallers.orgAdmin(ids.unionB);
const countyAdmin = testCallers.orgAdmin(ids.county);

const CONTRACT =
  'id status renewalDue filingOverdue negotiationRounds signedOn filedOn renews { id } renewedBy { id }';
const CREATE = `mutation($input: CollectiveContractInput!) { createCollectiveContract(input: $input) { ${CONTRACT} } }`;

async function contract(
  organizationId: string,
  kind: string,
  startsOn: string,
  expiresOn: string,
  renewsId?: string,
) {
  const caller = organizationId === ids.unionA ? adminA : adminB;
  return (
    await h.ok(caller, CREATE, {
      input: {
        organizationId,
        kind,
        title: `${kind} 集体合同`,
        startsOn,
        expiresOn,
        ...(renewsId ? { renewsId } : {}),
      },
    })
  ).createCollectiveContract;
}

async function negotiateAndSign(id: string, signedOn: string, caller = adminA) {
  await h.ok(caller, `mutation($id: ID!) { recordNegotiation(id: $id, note: "第一轮") { id } }`, { id });
  return (
    await h.ok(
      caller,
      `mutation($id: ID!, $on: Date!) { signCollectiveContract(id: $id, signedOn: $on) { ${CONTRACT} } }`,
      {
        id,
        on: signedOn,
      },
    )
  ).signCollectiveContract;
}

const file = (id: string, on: string, caller = adminA) =>
  h.gql(
    caller,
    `mutation($id: ID!, $on: Date!) { fileCollectiveContract(id: $id, filedOn: $on) { ${CONTRACT} } }`,
    {
      id,
      on,
    },
  );

describe('collective contracts 协商→签订→备案 (R20)', () => {
  it('negotiates in rounds, signs and files in order', async () => {
    const c = await contract(ids.unionA, 'WAGE', isoDay(-300), isoDay(400));
    expect(c).toMatchObject({ status: 'DRAFT', negotiationRounds: 0 });
    const early = await h.gql(
      adminA,
      `mutation($id: ID!) { signCollectiveContract(id: $id, signedOn: "${isoDay(-1)}") { id } }`,
      {
        id: c.id,
      },
    );
    expect(failure(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(failure(await file(c.id, isoDay(0)))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    await h.ok(adminA, `mutation($id: ID!) { recordNegotiation(id: $id) { id } }`, { id: c.id });
    const signed = await negotiateAndSign(c.id, isoDay(-3));
    expect(signed).toMatchObject({
      status: 'SIGNED',
      negotiationRounds: 2,
      signedOn: isoDay(-3),
      filingOverdue: false,
    });
    const late = await h.gql(adminA, `mutation($id: ID!) { recordNegotiation(id: $id) { id } }`, {
      id: c.id,
    });
    expect(failure(late).field).toBe('id');
    expect(failure(await file(c.id, isoDay(-4)))).toEqual({ code: 'BAD_USER_INPUT', field: 'filedOn' });
    expect(failure(await file(c.id, isoDay(2)))).toEqual({ code: 'BAD_USER_INPUT', field: 'filedOn' });
    const filed = await file(c.id, isoDay(0));
    expect(filed.data?.fileCollectiveContract).toMatchObject({
      status: 'FILED',
      filedOn: isoDay(0),
      filingOverdue: false,
    });
    expect(failure(await file(c.id, isoDay(0))).field).toBe('id');
  });

  it('refuses expired, reversed, over-long and duplicate contracts without writing', async () => {
    const before = await h.subgraph.server.models.CollectiveContract.countDocuments();
    const input = (startsOn: string, expiresOn: string, kind = 'WAGE') => ({
      input: { organizationId: ids.unionA, kind, title: 't', startsOn, expiresOn },
    });
    expect(failure(await h.gql(adminA, CREATE, input(isoDay(-800), isoDay(-1), 'GENERAL')))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'expiresOn',
    });
    expect(failure(await h.gql(adminA, CREATE, input(isoDay(10), isoDay(5), 'GENERAL'))).field).toBe(
      'expiresOn',
    );
    expect(failure(await h.gql(adminA, CREATE, input(isoDay(0), isoDay(1200), 'GENERAL'))).field).toBe(
      'expiresOn',
    );
    // The WAGE contract of the first test covers this term.
    expect(failure(await h.gql(adminA, CREATE, input(isoDay(0), isoDay(300))))).toEqual({
      code: 'CONFLICT',
      field: 'startsOn',
    });
    expect(await h.subgraph.server.models.CollectiveContract.countDocuments()).toBe(before);
    expect(
      failure(
        await h.gql(adminB, CREATE, {
          input: { ...input(isoDay(0), isoDay(300)).input, organizationId: ids.unionA },
        }),
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('flags filing after the configured 7 days, at the boundary', async () => {
    const onTime = await contract(ids.unionB, 'WAGE', isoDay(-30), isoDay(300));
    await negotiateAndSign(onTime.id, isoDay(-7), adminB);
    expect(
      (await h.ok(adminB, `{ collectiveContract(id: "${onTime.id}") { filingOverdue } }`)).collectiveContract,
    ).toEqual({
      filingOverdue: false,
    });
    const overdue = await contract(ids.unionB, 'SPECIAL', isoDay(-30), isoDay(300));
    await negotiateAndSign(overdue.id, isoDay(-8), adminB);
    expect(
      (await h.ok(adminB, `{ collectiveContract(id: "${overdue.id}") { filingOverdue } }`))
        .collectiveContract,
    ).toEqual({
      filingOverdue: true,
    });
    const filedLate = await file(overdue.id, isoDay(0), adminB);
    expect(filedLate.data?.fileCollectiveContract).toMatchObject({ status: 'FILED', filingOverdue: true });
    const filedOnDay7 = await file(onTime.id, isoDay(0), adminB);
    expect(filedOnDay7.data?.fileCollectiveContract.filingOverdue).toBe(false);
  });

  it('is due for renewal from 60 days before expiry, and a renewal clears the flag', async () => {
    const due = await contract(ids.unionA, 'GENERAL', isoDay(-700), isoDay(60));
    await negotiateAndSign(due.id, isoDay(-690));
    const notYet = await contract(ids.unionA, 'SPECIAL', isoDay(-700), isoDay(61));
    await negotiateAndSign(notYet.id, isoDay(-690));
    const read = async (id: string) =>
      (await h.ok(adminA, `{ collectiveContract(id: "${id}") { ${CONTRACT} } }`)).collectiveContract;
    expect((await read(due.id)).renewalDue).toBe(true);
    expect((await read(notYet.id)).renewalDue).toBe(false);

    const report = async (organizationId: string, asOf?: string) =>
      (
        await h.ok(
          countyAdmin,
          `query($o: ID!, $asOf: Date) { collectiveContractReport(organizationId: $o, asOf: $asOf) {
            renewalWindowDays dueForRenewal { id } filingOverdue { id } expired { id } } }`,
          { o: organizationId, asOf },
        )
      ).collectiveContractReport;
    const now = await report(ids.county);
    expect(now.renewalWindowDays).toBe(60);
    expect(now.dueForRenewal.map((c: { id: string }) => c.id)).toEqual([due.id]);
    expect(
      (await report(ids.county, isoDay(1))).dueForRenewal.map((c: { id: string }) => c.id).sort(),
    ).toEqual([due.id, notYet.id].sort());
    expect((await report(ids.county, isoDay(61))).expired.map((c: { id: string }) => c.id)).toEqual([due.id]);

    const renewal = await contract(ids.unionA, 'GENERAL', isoDay(61), isoDay(61 + 1000), due.id);
    expect(renewal.renews).toEqual({ id: due.id });
    expect(await read(due.id)).toMatchObject({
      status: 'RENEWED',
      renewalDue: false,
      renewedBy: { id: renewal.id },
    });
    expect((await report(ids.county)).dueForRenewal).toEqual([]);
    const twice = await h.gql(adminA, CREATE, {
      input: {
        organizationId: ids.unionA,
        kind: 'GENERAL',
        title: 'x',
        startsOn: isoDay(62),
        expiresOn: isoDay(500),
        renewsId: due.id,
      },
    });
    expect(failure(twice)).toEqual({ code: 'CONFLICT', field: 'renewsId' });
    const unsigned = await contract(ids.unionB, 'GENERAL', isoDay(0), isoDay(300));
    const ofDraft = await h.gql(adminB, CREATE, {
      input: {
        organizationId: ids.unionB,
        kind: 'GENERAL',
        title: 'x',
        startsOn: isoDay(301),
        expiresOn: isoDay(600),
        renewsId: unsigned.id,
      },
    });
    expect(failure(ofDraft)).toEqual({ code: 'BAD_USER_INPUT', field: 'renewsId' });
  });

  it('limits reports to the caller’s scope and lists contracts on Organization', async () => {
    const outside = await h.gql(
      adminA,
      `{ collectiveContractReport(organizationId: "${ids.county}") { asOf } }`,
    );
    expect(failure(outside).code).toBe('FORBIDDEN');
    const data = await h.ok(
      adminA,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { collectiveContracts { id } } } }`,
      { reps: [ids.unionA, ids.unionB].map((id) => ({ __typename: 'Organization', id })) },
    );
    expect(data._entities[0].collectiveContracts.length).toBe(4);
    expect(data._entities[1].collectiveContracts).toEqual([]);
  });
});

describe('workers’ congresses, disclosure, employee directors and supervisors', () => {
  const HOLD = `mutation($input: WorkersCongressInput!) { holdWorkersCongress(input: $input) {
    id quorumReached resolutions { title adopted } } }`;
  const congress = (over: Record<string, unknown> = {}) => ({
    input: {
      organizationId: ids.unionA,
      term: 3,
      session: 1,
      heldOn: isoDay(-2),
      delegates: 30,
      frontLineDelegates: 15,
      present: 20,
      resolutions: [
        { title: '工资集体协议草案', votesFor: 16, votesAgainst: 3, abstentions: 1 },
        { title: '福利方案', votesFor: 15, votesAgainst: 5, abstentions: 0 },
      ],
      ...over,
    },
  });

  it('holds a session at the minimums: quorum at two thirds, resolutions by more than half of all delegates', async () => {
    const { holdWorkersCongress } = await h.ok(adminA, HOLD, congress());
    expect(holdWorkersCongress).toMatchObject({
      quorumReached: true,
      resolutions: [
        { title: '工资集体协议草案', adopted: true },
        { title: '福利方案', adopted: false },
      ],
    });
    expect(failure(await h.gql(adminA, HOLD, congress()))).toEqual({ code: 'CONFLICT', field: 'session' });
  });

  it('refuses too few delegates, too few front-line workers, no quorum and impossible votes', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ session: 2, delegates: 29, frontLineDelegates: 15 }, 'delegates'],
      [{ session: 2, frontLineDelegates: 14 }, 'frontLineDelegates'],
      [{ session: 2, present: 19 }, 'present'],
      [{ session: 2, present: 31 }, 'present'],
      [
        { session: 2, resolutions: [{ title: 'x', votesFor: 20, votesAgainst: 1, abstentions: 0 }] },
        'resolutions.0',
      ],
    ];
    for (const [over, field] of cases) {
      expect(failure(await h.gql(adminA, HOLD, congress(over)))).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    expect(await h.subgraph.server.models.WorkersCongress.countDocuments()).toBe(1);
  });

  it('elects employee directors only at a congress with a quorum', async () => {
    const noQuorum = await h.ok(adminA, HOLD, congress({ session: 3, present: 10, resolutions: [] }));
    const ELECT = `mutation($input: EmployeeRepresentativeInput!) { electEmployeeRepresentative(input: $input) { kind member { id } congress { id } } }`;
    const input = (congressId: string) => ({
      input: {
        congressId,
        kind: 'EMPLOYEE_DIRECTOR',
        memberId: 'm-1',
        termStart: '2026-01-01',
        termEnd: '2028-12-31',
      },
    });
    expect(failure(await h.gql(adminA, ELECT, input(noQuorum.holdWorkersCongress.id)))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'congressId',
    });
    const { workersCongresses } = await h.ok(
      adminA,
      `{ workersCongresses(organizationId: "${ids.unionA}") { id quorumReached } }`,
    );
    const quorate = workersCongresses.find((c: { quorumReached: boolean }) => c.quorumReached).id;
    expect((await h.ok(adminA, ELECT, input(quorate))).electEmployeeRepresentative).toEqual({
      kind: 'EMPLOYEE_DIRECTOR',
      member: { id: 'm-1' },
      congress: { id: quorate },
    });
  });

  it('records disclosures of enterprise affairs, not in the future', async () => {
    const DISCLOSE = `mutation($input: DisclosureInput!) { recordDisclosure(input: $input) { topic disclosedOn } }`;
    const input = (disclosedOn: string) => ({
      input: { organizationId: ids.unionA, topic: 'WAGES', summary: '2026年工资调整方案', disclosedOn },
    });
    expect((await h.ok(adminA, DISCLOSE, input(isoDay(-1)))).recordDisclosure.topic).toBe('WAGES');
    expect(failure(await h.gql(adminA, DISCLOSE, input(isoDay(2))))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'disclosedOn',
    });
  });
});
