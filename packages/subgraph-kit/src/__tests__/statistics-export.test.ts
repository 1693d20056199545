import { Workbook } from 'exceljs';
import { dimensionHeader, type StatisticsTable, SUPPRESSED_MARK, statisticsFile } from '../statistics';

const ASOF = new Date('2026-06-01T04:00:00.000Z');
const value = (dimension: string, code: string, label: string) => ({ dimension, code, label });
const rate = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  value: numerator / denominator,
});

/** Province × gender for an analyst: Beijing's women under k, so Beijing's men withheld beside them. */
const TABLE: StatisticsTable = {
  rows: [
    {
      values: [value('PROVINCE', '440000', '广东省'), value('GENDER', 'MALE', '男')],
      count: 9,
      share: rate(9, 21),
      measures: [
        {
          measure: 'AGE_AVERAGE',
          label: '平均年龄',
          kind: 'AVERAGE',
          value: 38.5,
          rate: null,
          suppressed: false,
        },
      ],
      suppressed: false,
    },
    {
      values: [value('PROVINCE', '440000', '广东省'), value('GENDER', 'FEMALE', '女')],
      count: 6,
      share: rate(6, 21),
      measures: [
        {
          measure: 'AGE_AVERAGE',
          label: '平均年龄',
          kind: 'AVERAGE',
          value: 41,
          rate: null,
          suppressed: false,
        },
      ],
      suppressed: false,
    },
    {
      values: [value('PROVINCE', '110000', '北京市'), value('GENDER', 'MALE', '男, 含"退休"')],
      count: null,
      share: null,
      measures: [
        {
          measure: 'AGE_AVERAGE',
          label: '平均年龄',
          kind: 'AVERAGE',
          value: null,
          rate: null,
          suppressed: true,
        },
      ],
      suppressed: true,
    },
  ],
  total: 21,
  measures: [
    {
      measure: 'AGE_AVERAGE',
      label: '平均年龄',
      kind: 'AVERAGE',
      value: 39.6,
      rate: null,
      suppressed: false,
    },
  ],
  suppressedCells: 2,
  minimumCount: 5,
  asOf: ASOF,
};

const HEADERS = ['省', '性别'];

describe('a statistics table as a file', () => {
  it('writes xlsx with Chinese headers, numbers as numbers and withheld cells as the marker', async () => {
    const file = await statisticsFile(TABLE, {
      name: 'member-breakdown',
      format: 'XLSX',
      dimensionHeaders: HEADERS,
    });
    expect(file.filename).toBe('member-breakdown.xlsx');
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new Workbook();
    await book.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const line = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(line(1)).toEqual(['省', '性别', '计数', '占比（%）', '平均年龄']);
    expect(line(2)).toEqual(['广东省', '男', 9, 42.86, 38.5]);
    expect(line(3)).toEqual(['广东省', '女', 6, 28.57, 41]);
    expect(line(4)).toEqual(['北京市', '男, 含"退休"', SUPPRESSED_MARK, SUPPRESSED_MARK, SUPPRESSED_MARK]);
    // The total line leaves the other dimension columns empty.
    expect(line(5)).toEqual(['合计', undefined, 21, 100, 39.6]);
    expect(line(7)).toEqual([`${SUPPRESSED_MARK} 不予公开：少于 5 人，或可由合计推算出少于 5 人的数字`]);
    expect(line(8)).toEqual(['数据时点：2026-06-01T04:00:00.000Z']);
    expect(sheet.rowCount).toBe(8);
  });

  it('writes CSV as UTF-8 with a byte-order mark, quoting what needs it, in English when asked', async () => {
    const file = await statisticsFile(TABLE, {
      name: 'member-breakdown',
      format: 'CSV',
      dimensionHeaders: ['Province', 'Gender'],
      language: 'en',
    });
    expect(file.filename).toBe('member-breakdown.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect([...file.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.content.toString('utf8').slice(1).split('\r\n');
    expect(lines).toEqual([
      'Province,Gender,Count,Share (%),平均年龄',
      '广东省,男,9,42.86,38.5',
      '广东省,女,6,28.57,41',
      '北京市,"男, 含""退休""",*,*,*',
      'Total,,21,100,39.6',
      '',
      '"* withheld: fewer than 5 persons, or would let a figure under 5 be recovered from totals"',
      'As of 2026-06-01T04:00:00.000Z',
      '',
    ]);
  });

  it('withholds the total of a table under k, and shows rates in percent; no note for an unsuppressed reader', async () => {
    const small: StatisticsTable = {
      ...TABLE,
      rows: [],
      total: null,
      measures: [
        {
          measure: 'SIX_HAVES',
          label: '六有达标率',
          kind: 'RATE',
          value: 0.25,
          rate: rate(1, 4),
          suppressed: false,
        },
      ],
    };
    const csv = (await statisticsFile(small, { name: 't', format: 'CSV', dimensionHeaders: ['省'] })).content
      .toString('utf8')
      .slice(1)
      .split('\r\n');
    expect(csv.slice(0, 2)).toEqual(['省,计数,占比（%）,六有达标率（%）', '合计,*,*,25']);
    const admin = { ...small, total: 4, minimumCount: null };
    const lines = (
      await statisticsFile(admin, { name: 't', format: 'CSV', dimensionHeaders: ['省'] })
    ).content
      .toString('utf8')
      .slice(1)
      .split('\r\n');
    expect(lines).toEqual([
      '省,计数,占比（%）,六有达标率（%）',
      '合计,4,100,25',
      '',
      '数据时点：2026-06-01T04:00:00.000Z',
      '',
    ]);
  });

  it('names a dimension column by the Chinese term of its enum description, or its English', () => {
    const province = "省 Province of the member's union (its division code)";
    expect(dimensionHeader(province, 'PROVINCE')).toBe('省');
    expect(dimensionHeader(province, 'PROVINCE', 'en')).toBe("Province of the member's union");
    expect(dimensionHeader('入会月份 Month joined, e.g. 2021-03', 'JOIN_MONTH', 'en')).toBe('Month joined');
    expect(dimensionHeader("年龄段 Age band on today's date: UNDER_25", 'AGE_BAND', 'en')).toBe(
      "Age band on today's date",
    );
    expect(dimensionHeader(undefined, 'NEW_DIMENSION')).toBe('NEW_DIMENSION');
  });
});
