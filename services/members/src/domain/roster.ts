import { makeCreditCode, makeResidentId } from '@union-graph/domain';
import {
  type Message,
  readSheet,
  type SheetColumn,
  type SheetFormat,
  sheetWorkbook,
} from '@union-graph/subgraph-kit';
import { text } from '../messages';
import type { Education } from '../models';
import type { PersonInput, Problem } from './person';

/**
 * 会员名册 The roster spreadsheet (xlsx or csv): first row the headers below, one member per row.
 * Unknown columns are ignored, so an exported roster imports again unchanged.
 */
type RosterKey = keyof PersonInput;

export interface RosterColumn extends SheetColumn<RosterKey> {
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
    text: true,
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
    text: true,
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
    text: true,
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
export async function readRoster(format: SheetFormat, contentBase64: string): Promise<RosterRow[]> {
  const rows = await readSheet(format, contentBase64, ROSTER_COLUMNS, {
    maxRows: MAX_ROSTER_ROWS,
    columnsMissing: (columns) => text('rosterColumnsMissing', { columns }),
    tooLong: (max) => text('rosterTooLong', { max }),
  });
  return rows.map(({ row, values, lostDigits }) => {
    const { input, problems } = toInput(values);
    if (lostDigits.includes('residentId'))
      problems.push({ field: 'residentId', message: text('rosterIdAsNumber') });
    return { row, input, problems };
  });
}

/** A workbook with the template's headers (text format on number-like columns) and the given rows. */
export function rosterWorkbook(rows: Record<string, string | Date | null>[], extraHeaders: string[] = []) {
  return sheetWorkbook('会员名册', ROSTER_COLUMNS, rows, extraHeaders);
}
