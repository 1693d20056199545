import { makeCreditCode, makeResidentId } from '@union-graph/domain';
import { BadUserInputError, type Message } from '@union-graph/subgraph-kit';
import { parse } from 'csv-parse/sync';
import { type CellValue, Workbook } from 'exceljs';
import { text } from '../messages';
import type { Education } from '../models';
import type { PersonInput, Problem } from './person';

/**
 * 会员名册 The roster spreadsheet (xlsx or csv): first row the headers below, one member per row.
 * Unknown columns are ignored, so an exported roster imports again unchanged.
 */
type RosterKey = keyof PersonInput;

export interface RosterColumn {
  key: RosterKey;
  header: string;
  required: boolean;
  description: Message;
  example: string;
}

export const EDUCATION_LABELS: Record<Education, string> = {
  PRIMARY: '小学及以下',
  JUNIOR_SECONDARY: '初中',
  SENIOR_SECONDARY: '高中',
  VOCATIONAL: '中专',
  JUNIOR_COLLEGE: '大专',
  BACHELOR: '本科',
  MASTER: '硕士研究生',
  DOCTORATE: '博士研究生',
};

export const ROSTER_COLUMNS: RosterColumn[] = [
  { key: 'name', header: '姓名', required: true, description: text('columnName'), example: '张伟' },
  {
    key: 'residentId',
    header: '身份证号码',
    required: true,
    description: text('columnResidentId'),
    example: makeResidentId('110105', '1990-01-01', 123),
  },
  {
    key: 'gender',
    header: '性别',
    required: false,
    description: text('columnGender'),
    example: '男',
  },
  {
    key: 'ethnicity',
    header: '民族',
    required: false,
    description: text('columnEthnicity'),
    example: '汉族',
  },
  {
    key: 'mobile',
    header: '手机号码',
    required: false,
    description: text('columnMobile'),
    example: '13800138000',
  },
  {
    key: 'education',
    header: '文化程度',
    required: false,
    description: text('columnEducation', { values: Object.values(EDUCATION_LABELS).join('、') }),
    example: '本科',
  },
  {
    key: 'employerCreditCode',
    header: '工作单位统一社会信用代码',
    required: false,
    description: text('columnEmployer'),
    example: makeCreditCode('91', '110105', 1),
  },
  {
    key: 'migrantWorker',
    header: '是否农民工',
    required: false,
    description: text('columnMigrant'),
    example: '否',
  },
  {
    key: 'joinedAt',
    header: '入会日期',
    required: false,
    description: text('columnJoinedAt'),
    example: '2024-05-01',
  },
];

/** Columns an export adds after the template's (ignored on import). */
export const EXPORT_EXTRA_HEADERS = ['会籍状态', '会员证号'];

/** A size no union office roster reaches; larger files are refused whole. */
export const MAX_ROSTER_ROWS = 20_000;

export interface RosterRow {
  row: number;
  input: PersonInput;
  problems: Problem[];
}

const TEXT_COLUMNS = new Set<RosterKey>(['residentId', 'mobile', 'employerCreditCode']);

function cellText(value: CellValue): string | Date {
  if (value instanceof Date) return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    return '';
  }
  return String(value);
}

function readXlsxTable(rows: (CellValue[] | undefined)[]): {
  cells: (string | Date)[][];
  numericIds: Set<number>;
} {
  const numericIds = new Set<number>();
  return {
    numericIds,
    cells: rows.map((r, i) =>
      (r ?? []).slice(1).map((v) => {
        if (typeof v === 'number' && v > 1e15) numericIds.add(i);
        return cellText(v);
      }),
    ),
  };
}

async function xlsxTable(content: Buffer) {
  const wb = new Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new BadUserInputError(text('notXlsx'), 'input.contentBase64');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new BadUserInputError(text('noWorksheet'), 'input.contentBase64');
  const rows: (CellValue[] | undefined)[] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = row.values as CellValue[];
  });
  return readXlsxTable(rows);
}

function csvTable(content: Buffer) {
  try {
    const cells = parse(content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
    return { cells, numericIds: new Set<number>() };
  } catch (e) {
    throw new BadUserInputError(text('notCsv', { reason: (e as Error).message }), 'input.contentBase64');
  }
}

function decodeBase64(content: string): Buffer {
  const trimmed = content.replace(/\s+/g, '');
  if (!trimmed || !/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) {
    throw new BadUserInputError(text('notBase64'), 'input.contentBase64');
  }
  return Buffer.from(trimmed, 'base64');
}

const GENDERS: Record<string, 'MALE' | 'FEMALE'> = {
  男: 'MALE',
  女: 'FEMALE',
  MALE: 'MALE',
  FEMALE: 'FEMALE',
};
const YES_NO: Record<string, boolean> = { 是: true, 否: false, Y: true, N: false, TRUE: true, FALSE: false };
const EDUCATION_BY_LABEL = new Map(
  Object.entries(EDUCATION_LABELS).flatMap(([k, label]) => [
    [label, k],
    [k, k],
  ]),
);

function toInput(values: Partial<Record<RosterKey, string | Date>>): {
  input: PersonInput;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const str = (k: RosterKey) => {
    const v = values[k];
    return v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '').trim();
  };
  const input: PersonInput = {
    name: str('name'),
    residentId: str('residentId'),
    ethnicity: str('ethnicity') || null,
    mobile: str('mobile') || null,
    employerCreditCode: str('employerCreditCode') || null,
    joinedAt: values.joinedAt instanceof Date ? values.joinedAt : str('joinedAt') || null,
  };
  const gender = str('gender');
  if (gender) {
    input.gender = GENDERS[gender.toUpperCase()];
    if (!input.gender) problems.push({ field: 'gender', message: text('rosterGender') });
  }
  const migrant = str('migrantWorker');
  if (migrant) {
    input.migrantWorker = YES_NO[migrant.toUpperCase()];
    if (input.migrantWorker === undefined)
      problems.push({ field: 'migrantWorker', message: text('rosterMigrant') });
  }
  const education = str('education');
  if (education) {
    input.education = EDUCATION_BY_LABEL.get(education) ?? null;
    if (!input.education)
      problems.push({
        field: 'education',
        message: text('rosterEducation', { values: Object.values(EDUCATION_LABELS).join('、') }),
      });
  }
  return { input, problems };
}

/** Reads a roster file into rows of person input (row-level problems listed, file-level ones thrown). */
export async function readRoster(format: 'XLSX' | 'CSV', contentBase64: string): Promise<RosterRow[]> {
  const content = decodeBase64(contentBase64);
  const { cells, numericIds } = format === 'XLSX' ? await xlsxTable(content) : csvTable(content);
  const headers = (cells[0] ?? []).map((h) => (h instanceof Date ? '' : h.trim()));
  const missing = ROSTER_COLUMNS.filter((c) => c.required && !headers.includes(c.header));
  if (missing.length > 0) {
    throw new BadUserInputError(
      text('rosterColumnsMissing', { columns: missing.map((c) => c.header).join('、') }),
      'input.contentBase64',
    );
  }
  if (cells.length - 1 > MAX_ROSTER_ROWS) {
    throw new BadUserInputError(text('rosterTooLong', { max: MAX_ROSTER_ROWS }), 'input.contentBase64');
  }
  const rows: RosterRow[] = [];
  cells.slice(1).forEach((line, i) => {
    if (!line || line.every((v) => v === '')) return;
    const values: Partial<Record<RosterKey, string | Date>> = {};
    for (const col of ROSTER_COLUMNS) {
      const at = headers.indexOf(col.header);
      if (at >= 0 && line[at] !== undefined) values[col.key] = line[at];
    }
    const { input, problems } = toInput(values);
    if (numericIds.has(i + 1)) {
      problems.push({
        field: 'residentId',
        message: text('rosterIdAsNumber'),
      });
    }
    rows.push({ row: i + 2, input, problems });
  });
  return rows;
}

export function headerOf(field: string): string {
  return ROSTER_COLUMNS.find((c) => c.key === field)?.header ?? field;
}

/** A workbook with the template's headers (text format on number-like columns) and the given rows. */
export async function rosterWorkbook(
  rows: Record<string, string | Date | null>[],
  extraHeaders: string[] = [],
) {
  const wb = new Workbook();
  const ws = wb.addWorksheet('会员名册');
  ws.columns = [
    ...ROSTER_COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.max(12, c.header.length * 2 + 4),
      style: TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : {},
    })),
    ...extraHeaders.map((h) => ({ header: h, key: h, width: 20 })),
  ];
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
