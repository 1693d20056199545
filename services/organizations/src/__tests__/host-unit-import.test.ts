import { makeCreditCode } from '@union-graph/domain';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { Workbook } from 'exceljs';
import { HOST_UNIT_COLUMNS } from '../domain/host-unit-import';
import { type BaseTree, baseTree, type Orgs, startOrgs } from './fixtures';

/** Issue #19 item 3: host units imported from a list with their industry, ownership and size. */
let orgs: Orgs;
let tree: BaseTree;
let serial = 7000;

beforeAll(async () => {
  orgs = await startOrgs();
  tree = await baseTree(orgs);
});
afterAll(() => orgs?.sg.stop());

const IMPORT = `mutation($input: HostUnitImportInput!) { importHostUnits(input: $input) {
  rows created updated alreadyPresent problems { row column message } } }`;
const UNIT = `query($id: ID!) { hostUnit(id: $id) { id name employeeCount femaleEmployeeCount ownership sizeBand
  industry { section { code } division { code } } version } }`;

type Row = Record<string, string>;

/** A valid row under a fresh credit code; `change` overrides cells by header. */
function row(change: Row = {}): Row {
  const n = serial++;
  return {
    统一社会信用代码: makeCreditCode('91', '440106', n),
    单位名称: `石牌导入单位${n}`,
    单位类型: '非公有制企业',
    行政区划代码: '440106',
    行业代码: 'C13',
    经济类型: '私营',
    职工人数: '30',
    女职工人数: '10',
    ...change,
  };
}

/** A CSV as Excel saves it in China: UTF-8 with a BOM, CRLF, quoted where needed. */
function csv(rows: Row[]): string {
  const headers = HOST_UNIT_COLUMNS.map((c) => c.header);
  const line = (cells: string[]) =>
    cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  const text = [line(headers), ...rows.map((r) => line(headers.map((h) => r[h] ?? '')))].join('\r\n');
  return Buffer.from(`\uFEFF${text}`, 'utf8').toString('base64');
}

function importInput(content: string, change: Record<string, unknown> = {}) {
  return { organizationId: tree.township, format: 'CSV', contentBase64: content, ...change };
}

async function run(content: string, change: Record<string, unknown> = {}, caller = testCallers.national()) {
  return (await orgs.ok(IMPORT, { input: importInput(content, change) }, caller)).importHostUnits;
}

const byCode = (code: string) => orgs.sg.server.models.HostUnit.findOne({ creditCode: code }).lean();
const hostUnitEvents = async () =>
  (await publishedEvents(orgs.sg.server)).filter((e) => e.type === 'HostUnit');

describe('importHostUnits (issue #19)', () => {
  it('registers the units of a CSV with a BOM, their industry, ownership and size band', async () => {
    const rows = [
      row({ 行业代码: 'C1311', 经济类型: '外商及港澳台投资', 职工人数: '24', 女职工人数: '24' }),
      row({ 行业代码: '52', 经济类型: '', 职工人数: '25', 女职工人数: '0' }),
      row({ 单位类型: 'STATE_OWNED_ENTERPRISE', 行业代码: '', 经济类型: 'COLLECTIVE', 职工人数: '1000' }),
    ];
    const before = (await hostUnitEvents()).length;
    expect(await run(csv(rows))).toEqual({
      rows: 3,
      created: 3,
      updated: 0,
      alreadyPresent: 0,
      problems: [],
    });
    const units = await Promise.all(rows.map((r) => byCode(r.统一社会信用代码!)));
    const got = [];
    for (const u of units) got.push((await orgs.ok(UNIT, { id: u!._id })).hostUnit);
    expect(got.map((u) => [u.industry?.division.code ?? null, u.ownership, u.sizeBand])).toEqual([
      ['13', 'FOREIGN_INVESTED', 'UNDER_25'],
      ['52', 'PRIVATE', 'FROM_25_TO_99'],
      [null, 'COLLECTIVE', 'FROM_1000'],
    ]);
    expect(units.map((u) => [u?.responsibleOrgId, u?.version])).toEqual(Array(3).fill([tree.township, 1]));
    // Announced as registerHostUnit announces a unit: the facts statistics group by.
    const events = (await hostUnitEvents()).slice(before);
    expect(events.map((e) => [e.id, (e.data as { industry: string | null }).industry])).toEqual(
      units.map((u) => [u!._id, u!.industry ?? null]),
    );
  });

  it('reports every kind of problem by row and column, and imports only the good rows', async () => {
    const good = row({ 职工人数: '0', 女职工人数: '0' });
    const code = good.统一社会信用代码!;
    const wrongCheck = `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;
    const rows = [
      good,
      row({ 统一社会信用代码: wrongCheck }),
      row({ 统一社会信用代码: '' }),
      row({ 单位名称: '' }),
      row({ 单位名称: '名'.repeat(201) }),
      row({ '乡镇（街道、园区）': '街'.repeat(101) }),
      row({ 单位类型: '外企' }),
      row({ 行政区划代码: '449999' }),
      row({ 行业代码: '98' }),
      row({ 行业代码: 'C' }),
      row({ 行业代码: 'A13' }),
      row({ 经济类型: '合资' }),
      row({ 单位类型: '国有企业', 经济类型: '私营' }),
      row({ 职工人数: '-3' }),
      row({ 职工人数: '12.5' }),
      row({ 职工人数: '' }),
      row({ 职工人数: '10', 女职工人数: '11' }),
      row({ 统一社会信用代码: code }),
    ];
    const count = await orgs.sg.server.models.HostUnit.countDocuments();
    const report = await run(csv(rows));
    expect(report).toMatchObject({ rows: 18, created: 1, updated: 0, alreadyPresent: 0 });
    expect(report.problems).toEqual([
      { row: 3, column: '统一社会信用代码', message: '统一社会信用代码校验位错误' },
      { row: 4, column: '统一社会信用代码', message: '必填项不能为空' },
      { row: 5, column: '单位名称', message: '必填项不能为空' },
      { row: 6, column: '单位名称', message: '最多 200 个字符' },
      { row: 7, column: '乡镇（街道、园区）', message: '最多 100 个字符' },
      {
        row: 8,
        column: '单位类型',
        message: '单位类型须为以下之一：国有企业、非公有制企业、机关、事业单位、社会组织',
      },
      { row: 9, column: '行政区划代码', message: '449999 不是 GB/T 2260 行政区划代码' },
      { row: 10, column: '行业代码', message: '98 不是 GB/T 4754-2017 行业大类代码（两位数字，01–97）' },
      {
        row: 11,
        column: '行业代码',
        message: 'C 只是行业门类，须填写行业大类代码（两位数字，可带门类字母，如 C13）',
      },
      { row: 12, column: '行业代码', message: 'A13 不是 GB/T 4754-2017 行业大类代码（两位数字，01–97）' },
      {
        row: 13,
        column: '经济类型',
        message: '经济类型须为以下之一：国有、集体、私营、外商及港澳台投资、机关、事业单位、社会组织',
      },
      { row: 14, column: '经济类型', message: '国有企业 单位的经济类型只能是 国有 / 集体' },
      { row: 15, column: '职工人数', message: '职工人数 须为不小于 0 的整数' },
      { row: 16, column: '职工人数', message: '职工人数 须为不小于 0 的整数' },
      { row: 17, column: '职工人数', message: '必填项不能为空' },
      { row: 18, column: '女职工人数', message: '女职工人数 不能大于 职工人数' },
      { row: 19, column: '统一社会信用代码', message: '与第 2 行的统一社会信用代码相同' },
    ]);
    expect(await orgs.sg.server.models.HostUnit.countDocuments()).toBe(count + 1);
    expect(await byCode(code)).toMatchObject({ employeeCount: 0, industry: '13' });

    // The same problem, worded for a caller who asked for English; the header stays the file's.
    const en = { ...testCallers.national(), language: 'en' as const };
    const english = (await orgs.ok(IMPORT, { input: importInput(csv([rows[3]!])) }, en)).importHostUnits;
    expect(english.problems).toEqual([{ row: 2, column: '单位名称', message: 'required, cannot be blank' }]);
  });

  it('writes and announces nothing on a dry run, and reports what a run would do', async () => {
    const registered = row();
    await run(csv([registered]));
    const rows = [row(), { ...registered, 职工人数: '100' }, row({ 行业代码: '00' })];
    const [count, events] = [
      await orgs.sg.server.models.HostUnit.countDocuments(),
      (await hostUnitEvents()).length,
    ];
    const dry = await run(csv(rows), { dryRun: true });
    expect(dry).toMatchObject({ rows: 3, created: 1, updated: 1, alreadyPresent: 0 });
    expect(dry.problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [4, '行业代码'],
    ]);
    expect(await orgs.sg.server.models.HostUnit.countDocuments()).toBe(count);
    expect((await hostUnitEvents()).length).toBe(events);
    expect(await byCode(registered.统一社会信用代码!)).toMatchObject({ employeeCount: 30, version: 1 });
    // The real run does what the dry run said.
    expect(await run(csv(rows))).toEqual(dry);
  });

  it('is idempotent: a re-run changes nothing; a changed row updates only that unit’s facts', async () => {
    const rows = [row(), row({ 经济类型: '' }), row({ 行业代码: '' })];
    const content = csv(rows);
    expect(await run(content)).toMatchObject({ created: 3, updated: 0, alreadyPresent: 0 });
    const events = (await hostUnitEvents()).length;
    expect(await run(content)).toEqual({ rows: 3, created: 0, updated: 0, alreadyPresent: 3, problems: [] });
    expect((await hostUnitEvents()).length).toBe(events);
    const versions = await Promise.all(rows.map(async (r) => (await byCode(r.统一社会信用代码!))?.version));
    expect(versions).toEqual([1, 1, 1]);

    // Name and place are the registered unit's own; the facts follow the file.
    const changed = [
      { ...rows[0]!, 单位名称: '改名不算', 行政区划代码: '440103' },
      { ...rows[1]!, 行业代码: 'H62', 经济类型: '外商及港澳台投资', 职工人数: '500', 女职工人数: '200' },
      rows[2]!,
    ];
    expect(await run(csv(changed))).toEqual({
      rows: 3,
      created: 0,
      updated: 1,
      alreadyPresent: 2,
      problems: [],
    });
    const unit = await byCode(rows[1]!.统一社会信用代码!);
    expect(unit).toMatchObject({
      industry: '62',
      ownership: 'FOREIGN_INVESTED',
      employeeCount: 500,
      femaleEmployeeCount: 200,
      version: 2,
    });
    expect(await byCode(rows[0]!.统一社会信用代码!)).toMatchObject({
      name: rows[0]!.单位名称,
      divisionCode: '440106',
    });
    const announced = (await hostUnitEvents()).slice(events);
    expect(announced.map((e) => [e.id, e.version, (e.data as { sizeBand: string }).sizeBand])).toEqual([
      [unit!._id, 2, 'FROM_500_TO_999'],
    ]);
  });

  it('brings the facts of the union covering an imported unit up to date', async () => {
    const own = row({ 行业代码: '36', 职工人数: '1200', 女职工人数: '300' });
    await run(csv([own]));
    const unit = await byCode(own.统一社会信用代码!);
    const union = await orgs.create({
      name: '导入汽车公司工会',
      type: 'GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
      hostUnitId: unit!._id,
    });
    await run(csv([{ ...own, 行业代码: '37', 职工人数: '80', 女职工人数: '30' }]));
    const events = (await publishedEvents(orgs.sg.server)).filter(
      (e) => e.type === 'Organization' && e.id === union.id,
    );
    expect(events.at(-1)?.data).toMatchObject({
      industry: '37',
      sizeBand: 'FROM_25_TO_99',
      ownership: 'PRIVATE',
    });
  });

  it('reports a unit another union registered, naming it only inside the caller’s scope', async () => {
    const REGISTER = `mutation($input: HostUnitInput!) { registerHostUnit(input: $input) { id } }`;
    const theirs = row({ 行政区划代码: '410102' });
    await orgs.ok(REGISTER, {
      input: {
        name: theirs.单位名称,
        creditCode: theirs.统一社会信用代码,
        kind: 'NON_PUBLIC_ENTERPRISE',
        divisionCode: '410102',
        employeeCount: 5,
        femaleEmployeeCount: 1,
        responsibleOrgId: tree.zhongyuan,
      },
    });
    const content = csv([row(), theirs]);
    const national = await run(content, { dryRun: true });
    expect(national.problems).toEqual([
      { row: 3, column: '统一社会信用代码', message: '该单位已由中原区总工会登记' },
    ]);
    const tianhe = await run(content, {}, testCallers.orgAdmin(tree.tianhe));
    expect(tianhe).toMatchObject({ created: 1, updated: 0, alreadyPresent: 0 });
    expect(tianhe.problems).toEqual([
      { row: 3, column: '统一社会信用代码', message: '该单位已由您管辖范围以外的工会登记' },
    ]);
    expect(await byCode(theirs.统一社会信用代码!)).toMatchObject({
      responsibleOrgId: tree.zhongyuan,
      employeeCount: 5,
    });
  });

  it('reads the xlsx template filled in, and flags a credit code stored as a number', async () => {
    const template = (
      await orgs.ok(
        `{ hostUnitImportTemplate { columns { header required description example } xlsxBase64 } }`,
      )
    ).hostUnitImportTemplate;
    expect(template.columns.map((c: { header: string }) => c.header)).toEqual(
      HOST_UNIT_COLUMNS.map((c) => c.header),
    );
    expect(
      template.columns
        .filter((c: { required: boolean }) => !c.required)
        .map((c: { header: string }) => c.header),
    ).toEqual(['乡镇（街道、园区）', '行业代码', '经济类型']);
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(template.xlsxBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const good = row({ '乡镇（街道、园区）': '石牌街道' });
    const headers = (ws.getRow(1).values as string[]).slice(1);
    ws.addRow(
      headers.map((h) => (h === '职工人数' || h === '女职工人数' ? Number(good[h]) : (good[h] ?? ''))),
    );
    ws.addRow(headers.map((h) => (h === '统一社会信用代码' ? 914401060000000000 : (row()[h] ?? ''))));
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const report = await run(content, { format: 'XLSX' });
    expect(report).toMatchObject({ rows: 2, created: 1 });
    expect(report.problems).toEqual([
      {
        row: 3,
        column: '统一社会信用代码',
        message: '统一社会信用代码被存成了数字，丢失了位数：请将该列设置为文本格式',
      },
    ]);
    expect(await byCode(good.统一社会信用代码!)).toMatchObject({
      locality: '石牌街道',
      employeeCount: 30,
      industry: '13',
    });
  });

  it('refuses a file without the required columns whole, a reader, and a union outside the caller’s subtree', async () => {
    const noKind = Buffer.from('统一社会信用代码,单位名称\n1,2').toString('base64');
    const missing = await orgs.fails(IMPORT, { input: importInput(noKind) });
    expect(missing).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.contentBase64',
      message:
        '单位名录缺少必填列：单位类型、行政区划代码、职工人数、女职工人数（见 hostUnitImportTemplate）',
      extensions: { messageKey: 'organizations.unitSheetColumnsMissing' },
    });
    const notXlsx = await orgs.fails(IMPORT, { input: importInput(noKind, { format: 'XLSX' }) });
    expect([notXlsx.code, notXlsx.field, notXlsx.message]).toEqual([
      'BAD_USER_INPUT',
      'input.contentBase64',
      'contentBase64 不是 xlsx 工作簿',
    ]);
    const count = await orgs.sg.server.models.HostUnit.countDocuments();
    const content = csv([row()]);
    const analyst = await orgs.fails(IMPORT, { input: importInput(content) }, testCallers.analyst());
    expect(analyst.code).toBe('FORBIDDEN');
    const henan = await orgs.fails(IMPORT, { input: importInput(content) }, testCallers.orgAdmin(tree.henan));
    expect(henan.code).toBe('FORBIDDEN');
    const township = testCallers.orgAdmin(tree.township);
    const above = await orgs.fails(
      IMPORT,
      { input: importInput(content, { organizationId: tree.tianhe }) },
      township,
    );
    expect(above.code).toBe('FORBIDDEN');
    expect(await orgs.sg.server.models.HostUnit.countDocuments()).toBe(count);
  });
});
