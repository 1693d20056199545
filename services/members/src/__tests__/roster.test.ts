import { type Caller, signHop } from '@union-graph/auth';
import { makeResidentId } from '@union-graph/domain';
import { Workbook } from 'exceljs';
import { ROSTER_COLUMNS, rosterWorkbook } from '../domain/roster';
import { callers, type Fixture, ORGS, startFixture } from './fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f?.sg.stop());

const IMPORT = `mutation($input: RosterImportInput!) { importRoster(input: $input) {
  rows imported alreadyRegistered problems { row column message } } }`;

type Row = Record<string, string>;

/** `valid` good rows (distinct people), then one row of each kind of mistake every 100 rows. */
function roster(valid: number, division = '110105'): { rows: Row[]; bad: number } {
  const rows: Row[] = [];
  let bad = 0;
  for (let i = 0; i < valid; i++) {
    const birth = `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    const rid = makeResidentId(division, birth, i % 1000);
    rows.push({
      姓名: `会员${i}`,
      身份证号码: rid,
      性别: Number(rid[16]) % 2 ? '男' : '女',
      民族: '汉族',
      手机号码: `139${String(i).padStart(8, '0')}`,
      文化程度: '本科',
      是否农民工: i % 5 === 0 ? '是' : '否',
      入会日期: '2021-07-01',
    });
    if (i % 100 === 50) {
      bad += 5;
      rows.push({ 姓名: '坏号码', 身份证号码: `${rid.slice(0, 17)}${rid[17] === '0' ? '1' : '0'}` });
      rows.push({
        姓名: '性别不符',
        身份证号码: makeResidentId(division, birth, 999 - (i % 1000)),
        性别: '外星',
      });
      rows.push({ 姓名: '', 身份证号码: makeResidentId('440106', birth, i % 1000) });
      rows.push({ 姓名: '重复', 身份证号码: rid });
      rows.push({ 姓名: '手机', 身份证号码: makeResidentId('440305', birth, i % 1000), 手机号码: '999' });
    }
  }
  return { rows, bad };
}

/** What the gateway does for `GET /downloads/members/<id>`: the subgraph's `/downloads/<id>`, signed. */
function download(path: string, caller: Caller, headers?: Record<string, string>) {
  const id = path.split('/').pop()!;
  return fetch(new URL(`downloads/${id}`, f.sg.url), {
    headers: headers ?? signHop(caller, '', process.env.UNION_GRAPH_HOP_SECRET!),
  });
}

function csv(rows: Row[]): string {
  const headers = ROSTER_COLUMNS.map((c) => c.header);
  return [headers.join(','), ...rows.map((r) => headers.map((h) => r[h] ?? '').join(','))].join('\n');
}

async function xlsx(rows: Row[]): Promise<string> {
  const keyed = rows.map((r) => Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, r[c.header] ?? null])));
  return rosterWorkbook(keyed);
}

describe('rosters', () => {
  it('publishes the template', async () => {
    const res = await f.gql(
      `{ rosterTemplate { columns { header required example } xlsxBase64 } }`,
      callers.analyst,
    );
    expect(res.data?.rosterTemplate.columns.slice(0, 2)).toEqual([
      { header: '姓名', required: true, example: '张伟' },
      expect.objectContaining({ header: '身份证号码', required: true }),
    ]);
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(res.data?.rosterTemplate.xlsxBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(2).value).toBe('身份证号码');
  });

  it('words the template, the row problems and a refusal in Chinese, or in English when asked', async () => {
    const en = { ...callers.national, language: 'en' as const };
    const TEMPLATE = `{ rosterTemplate { columns { header description } } }`;
    const [zhTemplate, enTemplate] = await Promise.all([
      f.gql(TEMPLATE, callers.national),
      f.gql(TEMPLATE, en),
    ]);
    expect(zhTemplate.data?.rosterTemplate.columns[8]).toEqual({
      header: '入会日期',
      description: 'YYYY-MM-DD（默认为导入当日）',
    });
    expect(enTemplate.data?.rosterTemplate.columns[8]).toEqual({
      header: '入会日期',
      description: 'YYYY-MM-DD (default: the import day)',
    });

    const rid = makeResidentId('110105', '1990-01-01', 123);
    const rows: Row[] = [
      { 姓名: '甲', 身份证号码: rid },
      { 姓名: '乙', 身份证号码: rid },
      { 姓名: '丙', 身份证号码: makeResidentId('110105', '1990-01-01', 125), 是否农民工: '也许' },
    ];
    const input = {
      organizationId: ORGS.bjUnion2._id,
      format: 'CSV',
      contentBase64: Buffer.from(csv(rows)).toString('base64'),
      dryRun: true,
    };
    const problems = async (caller: Caller) =>
      (await f.gql(IMPORT, caller, { input })).data?.importRoster.problems;
    expect(await problems(callers.national)).toEqual([
      { row: 3, column: '身份证号码', message: '与第 2 行的身份证号码相同' },
      { row: 4, column: '是否农民工', message: '是否农民工须填“是”或“否”' },
    ]);
    expect(await problems(en)).toEqual([
      { row: 3, column: '身份证号码', message: 'the same resident ID number as row 2' },
      { row: 4, column: '是否农民工', message: '是否农民工 must be 是 or 否' },
    ]);

    // The same refusal: same code, field and key; the text in the caller's language.
    const noHeaders = { ...input, contentBase64: Buffer.from('姓名\n甲').toString('base64') };
    const [zh, english] = await Promise.all([
      f.gql(IMPORT, callers.national, { input: noHeaders }),
      f.gql(IMPORT, en, { input: noHeaders }),
    ]);
    const extensions = {
      code: 'BAD_USER_INPUT',
      field: 'input.contentBase64',
      messageKey: 'members.rosterColumnsMissing',
      messageParams: { columns: '身份证号码' },
    };
    expect(zh.errors?.[0]).toMatchObject({
      message: '名册缺少必填列：身份证号码（见 rosterTemplate）',
      extensions,
    });
    expect(english.errors?.[0]).toMatchObject({
      message: 'The roster lacks required columns: 身份证号码 (see rosterTemplate)',
      extensions,
    });
  });

  it('imports thousands of CSV rows with a per-row report, and a re-run imports nothing twice', async () => {
    const { rows, bad } = roster(2000);
    const input = {
      organizationId: ORGS.bjUnion._id,
      format: 'CSV',
      contentBase64: Buffer.from(csv(rows)).toString('base64'),
    };
    const dry = await f.gql(IMPORT, callers.bjUnion, { input: { ...input, dryRun: true } });
    expect(dry.data?.importRoster).toMatchObject({ rows: 2000 + bad, imported: 2000 });
    expect(await f.models.Member.countDocuments({ organizationId: ORGS.bjUnion._id })).toBe(0);

    const first = await f.gql(IMPORT, callers.bjUnion, { input });
    expect(first.errors).toBeUndefined();
    const report = first.data!.importRoster;
    expect(report).toMatchObject({ rows: 2000 + bad, imported: 2000, alreadyRegistered: 0 });
    expect(new Set(report.problems.map((p: { row: number }) => p.row)).size).toBe(bad);
    const columns = new Set(report.problems.map((p: { column: string }) => p.column));
    expect([...columns].sort()).toEqual(['姓名', '性别', '手机号码', '身份证号码'].sort());
    expect(
      report.problems.find((p: { message: string }) => /^与第 \d+ 行的身份证号码相同$/.test(p.message)),
    ).toBeDefined();
    expect(
      report.problems.find((p: { message: string }) => p.message === '身份证号码校验码错误'),
    ).toBeDefined();
    expect(await f.models.Member.countDocuments({ organizationId: ORGS.bjUnion._id })).toBe(2000);

    const again = await f.gql(IMPORT, callers.bjUnion, { input });
    expect(again.data?.importRoster).toMatchObject({ imported: 0, alreadyRegistered: 2000 });
    expect(await f.models.Member.countDocuments({ organizationId: ORGS.bjUnion._id })).toBe(2000);
  });

  it('imports xlsx, reporting people who belong to another union and numbers stored as numbers', async () => {
    const { rows } = roster(300, '440106');
    const held = (await f.models.Member.findOne({ organizationId: ORGS.bjUnion._id }).lean())!;
    rows.push({ 姓名: '已在北京', 身份证号码: held.residentId });
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx(rows), 'base64') as unknown as ArrayBuffer);
    // biome-ignore lint/correctness/noPrecisionLoss: the point: Excel keeps an ID typed as a number with lost digits
    wb.worksheets[0]!.addRow(['数字', 440106199001011234]);
    const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const res = await f.gql(IMPORT, callers.national, {
      input: { organizationId: ORGS.gdUnion._id, format: 'XLSX', contentBase64 },
    });
    expect(res.errors).toBeUndefined();
    const report = res.data!.importRoster;
    expect(report.imported).toBe(300);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          column: '身份证号码',
          message: `已是${ORGS.bjUnion.name}的会员`,
        }),
        expect.objectContaining({
          column: '身份证号码',
          message: expect.stringContaining('身份证号码被存成了数字'),
        }),
      ]),
    );
  });

  it('refuses a malformed file whole, and imports outside the caller’s scope', async () => {
    const notXlsx = await f.gql(IMPORT, callers.national, {
      input: {
        organizationId: ORGS.bjUnion2._id,
        format: 'XLSX',
        contentBase64: Buffer.from('hello').toString('base64'),
      },
    });
    expect(notXlsx.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.contentBase64',
    });
    const noHeaders = await f.gql(IMPORT, callers.national, {
      input: {
        organizationId: ORGS.bjUnion2._id,
        format: 'CSV',
        contentBase64: Buffer.from('a,b\n1,2').toString('base64'),
      },
    });
    expect(noHeaders.errors?.[0]?.message).toContain('身份证号码');
    const outside = await f.gql(IMPORT, callers.guangdong, {
      input: {
        organizationId: ORGS.bjUnion2._id,
        format: 'CSV',
        contentBase64: Buffer.from(csv([])).toString('base64'),
      },
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await f.models.Member.countDocuments({ organizationId: ORGS.bjUnion2._id })).toBe(0);
  });

  it('exports a union’s roster as a download that imports again unchanged; withheld for analysts', async () => {
    const EXPORT = `query($o: ID!) { exportRoster(organizationId: $o) {
      filename contentType rows downloadPath expiresAt } }`;
    const res = await f.gql(EXPORT, callers.guangdong, { o: ORGS.gdUnion._id });
    expect(res.errors).toBeUndefined();
    const file = res.data!.exportRoster;
    expect(file).toMatchObject({
      rows: 300,
      filename: expect.stringMatching(/\.xlsx$/),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      downloadPath: expect.stringMatching(/^\/downloads\/members\/[\w-]{43}$/),
    });
    const ttl = new Date(file.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    // The answer carries no file: the schema has no field for one.
    const bytesField = await f.gql(
      `query($o: ID!) { exportRoster(organizationId: $o) { contentBase64 } }`,
      callers.guangdong,
      { o: ORGS.gdUnion._id },
    );
    expect(bytesField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const got = await download(file.downloadPath, callers.guangdong);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe(file.contentType);
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="${file.filename}"; filename*=UTF-8''${file.filename}`,
    );
    const bytes = Buffer.from(await got.arrayBuffer());
    const again = await f.gql(IMPORT, callers.guangdong, {
      input: { organizationId: ORGS.gdUnion._id, format: 'XLSX', contentBase64: bytes.toString('base64') },
    });
    expect(again.data?.importRoster).toMatchObject({
      rows: 300,
      imported: 0,
      alreadyRegistered: 300,
      problems: [],
    });
    // Until it expires the maker may fetch it again (a dropped download is retried).
    expect((await download(file.downloadPath, callers.guangdong)).status).toBe(200);

    const analyst = await f.gql(EXPORT, callers.analyst, { o: ORGS.gdUnion._id });
    const analystFile = await download(analyst.data?.exportRoster.downloadPath, callers.analyst);
    const wb = new Workbook();
    await wb.xlsx.load((await analystFile.arrayBuffer()) as ArrayBuffer);
    // Name and ID number columns are empty for analysts (docs/personal-data.md), no masks.
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBeNull();
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBeNull();
  });

  it('serves a download only to its maker, only over a fresh signed hop, only until it expires', async () => {
    const EXPORT = `query($o: ID!) { exportRoster(organizationId: $o) { downloadPath } }`;
    const res = await f.gql(EXPORT, callers.guangdong, { o: ORGS.gdUnion._id });
    const path: string = res.data!.exportRoster.downloadPath;
    const body = async (r: Response) => ({
      status: r.status,
      code: ((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    });

    // Anyone else, even with the same id but other roles, or the national admin: 404, as for no file.
    expect(await body(await download(path, callers.national))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(
      await body(
        await download(path, { ...callers.guangdong, roles: [...callers.guangdong.roles, 'ANALYST'] }),
      ),
    ).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await body(await download('/downloads/members/nonsense', callers.guangdong))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    // Not through the gateway: no hop, a hop signed over another body, a replayed hop.
    expect(await body(await download(path, callers.guangdong, {}))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    const otherBody = signHop(callers.guangdong, '{}', process.env.UNION_GRAPH_HOP_SECRET!);
    expect((await download(path, callers.guangdong, otherBody)).status).toBe(401);
    const hop = signHop(callers.guangdong, '', process.env.UNION_GRAPH_HOP_SECRET!);
    expect((await download(path, callers.guangdong, hop)).status).toBe(200);
    expect((await download(path, callers.guangdong, hop)).status).toBe(401);

    // Expired: refused and deleted on read; a new export sweeps every expired one.
    await f.models.RosterDownload.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const stored = await f.models.RosterDownload.countDocuments();
    expect(stored).toBeGreaterThan(1);
    expect((await download(path, callers.guangdong)).status).toBe(404);
    expect(await f.models.RosterDownload.countDocuments()).toBe(stored - 1);
    await f.gql(EXPORT, callers.guangdong, { o: ORGS.gdUnion._id });
    expect(await f.models.RosterDownload.countDocuments()).toBe(1);
    // The database holds the id's hash only: the stored key is no download path.
    const doc = (await f.models.RosterDownload.findOne().lean())!;
    expect(doc._id).toMatch(/^[0-9a-f]{64}$/);
  });
});
