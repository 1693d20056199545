import type { Caller } from '@union-graph/auth';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { Workbook } from 'exceljs';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();

const EXPORT = `query($org: ID!) { exportRoster(organizationId: $org) {
  filename contentType rows downloadPath expiresAt } }`;

interface RosterFile {
  filename: string;
  contentType: string;
  rows: number;
  downloadPath: string;
  expiresAt: string;
}

/** A download from the gateway, as a client fetches it: the path from the answer, the bearer token. */
async function fetchDownload(path: string, auth?: Caller | string) {
  const token = typeof auth === 'string' ? auth : auth && (await graph.token(auth));
  return fetch(new URL(path, graph.url), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

const codeOf = async (res: Response) =>
  ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

/** The grassroots union of the seed with the most members. */
function busiestUnion(): string {
  const counts = new Map<string, number>();
  for (const m of graph.plan.members) counts.set(m.organizationId, (counts.get(m.organizationId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

async function exportRoster(caller: Caller, org: string) {
  const res = await fetch(graph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.token(caller)}` },
    body: JSON.stringify({ query: EXPORT, variables: { org } }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: { exportRoster: RosterFile }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { text, file: body.data!.exportRoster };
}

describe('downloads through the gateway', () => {
  it('a national admin exports a roster and downloads exactly its rows; nobody else gets it', async () => {
    const org = busiestUnion();
    const { text, file } = await exportRoster(national, org);
    expect(file).toMatchObject({
      filename: expect.stringMatching(/^member-roster-.*\.xlsx$/),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      downloadPath: expect.stringMatching(/^\/downloads\/members\/[\w-]{43}$/),
    });
    expect(new Date(file.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const members = await graph.query<{
      members: { totalCount: number; nodes: { name: string; residentId: string }[] };
    }>(
      `query($org: ID!) { members(organizationId: $org, first: 1000) { totalCount nodes { name residentId } } }`,
      { caller: national, variables: { org } },
    );
    const people = members.data!.members.nodes;
    expect(people.length).toBeGreaterThan(0);
    expect(file.rows).toBe(members.data!.members.totalCount);
    // The answer carries no file: small, and none of the people in it.
    expect(text.length).toBeLessThan(1_000);
    for (const p of people) expect(text).not.toContain(p.residentId);

    const got = await fetchDownload(file.downloadPath, national);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe(file.contentType);
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${file.filename}`);
    const wb = new Workbook();
    await wb.xlsx.load((await got.arrayBuffer()) as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.getRow(1).getCell(2).value).toBe('身份证号码');
    const rows: [unknown, unknown][] = [];
    for (let r = 2; r <= sheet.rowCount; r++)
      rows.push([sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(2).value]);
    expect(rows.length).toBe(file.rows);
    expect(new Set(rows.map(([name, rid]) => `${name} ${rid}`))).toEqual(
      new Set(people.map((p) => `${p.name} ${p.residentId}`)),
    );

    // Another caller — even an admin of that very union — gets what an unknown id gets.
    const admin = testCallers.orgAdmin(org);
    const other = await fetchDownload(file.downloadPath, admin);
    expect(other.status).toBe(404);
    expect(await codeOf(other)).toBe('NOT_FOUND');
    const someoneElse = await fetchDownload(file.downloadPath, { ...national, id: 'another-national-admin' });
    expect(someoneElse.status).toBe(404);
    // No token, a bad token: 401 before anything is asked of the subgraph.
    const anonymous = await fetchDownload(file.downloadPath);
    expect(anonymous.status).toBe(401);
    expect(await codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect((await fetchDownload(file.downloadPath, 'not-a-token')).status).toBe(401);
    // Unknown ids and subgraphs, and a subgraph that serves no downloads: 404.
    for (const path of [
      '/downloads/members/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '/downloads/members/x',
      `/downloads/nowhere/${file.downloadPath.split('/').pop()}`,
      `/downloads/funds/${file.downloadPath.split('/').pop()}`,
    ]) {
      const res = await fetchDownload(path, national);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await codeOf(res)).toBe('NOT_FOUND');
    }
    // The maker may fetch it again until it expires; nothing is cached on the way.
    expect((await fetchDownload(file.downloadPath, national)).status).toBe(200);
    await graph.subgraphs
      .members!.server.conn.collection('roster_downloads')
      .updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
    const expired = await fetchDownload(file.downloadPath, national);
    expect(expired.status).toBe(404);
    expect(await codeOf(expired)).toBe('NOT_FOUND');
  });

  it('an analyst’s download has the identifier columns empty', async () => {
    const { file } = await exportRoster(testCallers.analyst(), busiestUnion());
    const got = await fetchDownload(file.downloadPath, testCallers.analyst());
    expect(got.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load((await got.arrayBuffer()) as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBeNull();
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBeNull();
    // The national admin does not get the analyst's file.
    expect((await fetchDownload(file.downloadPath, national)).status).toBe(404);
  });
});
