import {
  creditCodeProblem,
  division,
  industryDivision,
  industrySection,
  makeCreditCode,
  OWNERSHIPS,
  OWNERSHIPS_OF_KIND,
  type Ownership,
  ownershipName,
} from '@union-graph/domain';
import {
  insertUnlessTaken,
  type Language,
  type Message,
  readSheet,
  type SheetColumn,
  type SheetFormat,
  type SheetProblem,
  sheetProblems,
  sheetWorkbook,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import { HOST_UNIT_KINDS, type HostUnitDoc, type OrganizationDoc } from '../models';
import { bumpHostUnit } from './coverage';
import { hostUnitEvent } from './org-events';
import { requireOpen, writableOrganization } from './organizations';
import { creditCodeText } from './validate';

/**
 * 单位名录导入 A list of host units (xlsx or csv, the kit's sheets.ts) imported into the union
 * responsible for them (属地管理), with the facts statistics group their workers by (issue #19):
 * industry (GB/T 4754-2017), ownership and employees (the size band, R1's 25 first).
 */
type UnitKey =
  | 'creditCode'
  | 'name'
  | 'kind'
  | 'divisionCode'
  | 'locality'
  | 'industry'
  | 'ownership'
  | 'employeeCount'
  | 'femaleEmployeeCount';

export interface HostUnitColumn extends SheetColumn<UnitKey> {
  description: Message;
  example: string;
}

type Kind = HostUnitDoc['kind'];

const KIND_LABELS: Record<Kind, string> = {
  STATE_OWNED_ENTERPRISE: '国有企业',
  NON_PUBLIC_ENTERPRISE: '非公有制企业',
  GOVERNMENT_AGENCY: '机关',
  PUBLIC_INSTITUTION: '事业单位',
  SOCIAL_ORGANIZATION: '社会组织',
};
const KIND_VALUES = Object.values(KIND_LABELS).join('、');
const OWNERSHIP_VALUES = OWNERSHIPS.map((o) => ownershipName(o)).join('、');

/** A cell names a kind or an ownership by its Chinese name or the API's enum value. */
const KIND_BY_CELL = new Map<string, Kind>(
  HOST_UNIT_KINDS.flatMap((k) => [[KIND_LABELS[k], k] as const, [k, k] as const]),
);
const OWNERSHIP_BY_CELL = new Map<string, Ownership>(
  OWNERSHIPS.flatMap((o) => [[ownershipName(o) ?? o, o] as const, [o, o] as const]),
);

/** The schema's limits (models/host-unit.ts): a longer cell is the row's problem, not a failed write. */
const MAX_LENGTH: Partial<Record<UnitKey, number>> = { name: 200, locality: 100 };

/** More units than any local federation organizes; a larger file is refused whole. */
export const MAX_UNIT_ROWS = 20_000;

export const HOST_UNIT_COLUMNS: HostUnitColumn[] = [
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    required: true,
    text: true,
    description: text('unitColumnCreditCode'),
    example: makeCreditCode('91', '440106', 1),
  },
  {
    key: 'name',
    header: '单位名称',
    required: true,
    description: text('unitColumnName'),
    example: '广州某某食品有限公司',
  },
  {
    key: 'kind',
    header: '单位类型',
    required: true,
    description: text('unitColumnKind', { values: KIND_VALUES }),
    example: '非公有制企业',
  },
  {
    key: 'divisionCode',
    header: '行政区划代码',
    required: true,
    text: true,
    description: text('unitColumnDivision'),
    example: '440106',
  },
  {
    key: 'locality',
    header: '乡镇（街道、园区）',
    required: false,
    description: text('unitColumnLocality'),
    example: '天河南街道',
  },
  {
    key: 'industry',
    header: '行业代码',
    required: false,
    text: true,
    description: text('unitColumnIndustry'),
    example: 'C13',
  },
  {
    key: 'ownership',
    header: '经济类型',
    required: false,
    description: text('unitColumnOwnership', { values: OWNERSHIP_VALUES }),
    example: '私营',
  },
  {
    key: 'employeeCount',
    header: '职工人数',
    required: true,
    description: text('unitColumnEmployees'),
    example: '120',
  },
  {
    key: 'femaleEmployeeCount',
    header: '女职工人数',
    required: true,
    description: text('unitColumnFemale'),
    example: '56',
  },
];

/** The template: its columns worded for the caller, and an empty workbook with them. */
export async function hostUnitImportTemplate(language?: Language) {
  return {
    columns: HOST_UNIT_COLUMNS.map((c) => ({ ...c, description: c.description.render(language) })),
    xlsxBase64: await sheetWorkbook('单位名录', HOST_UNIT_COLUMNS, []),
  };
}

const headerOf = (key: UnitKey) => HOST_UNIT_COLUMNS.find((c) => c.key === key)!.header;

/** A row that passed every check: what the unit is to be. */
interface UnitRow {
  row: number;
  creditCode: string;
  name: string;
  kind: Kind;
  divisionCode: string;
  locality: string | null;
  /** Division code; null keeps what a registered unit has. */
  industry: string | null;
  /** Null: the usual one of the kind, or a registered unit's own while its kind stays. */
  ownership: Ownership | null;
  employeeCount: number;
  femaleEmployeeCount: number;
}

type Report = (key: UnitKey, row: number, message: Message) => void;

/**
 * GB/T 4754 codes as offices write them: the division's two digits, optionally after the section
 * letter or followed by the group's and class's digits (13, C13, 131, C1311); the division is kept.
 */
function industryOf(code: string): { division: string } | { problem: Message } {
  const upper = code.toUpperCase();
  if (industrySection(upper)) return { problem: text('industrySectionOnly', { code }) };
  const match = /^([A-T])?(\d{2})\d{0,2}$/.exec(upper);
  const found = match && industryDivision(match[2]!);
  if (!found || (match[1] && match[1] !== found.section))
    return { problem: text('industryUnknown', { code }) };
  return { division: found.code };
}

function wholeNumber(value: string, key: UnitKey, row: number, report: Report): number | null {
  if (/^\d+$/.test(value)) return Number(value);
  report(key, row, value ? text('wholeNumber', { field: headerOf(key) }) : text('cellBlank'));
  return null;
}

/** Checks one row on its own (no reads); its problems are reported, a valid row returned. */
function checkRow(
  values: Partial<Record<UnitKey, string | Date>>,
  row: number,
  report: Report,
): UnitRow | null {
  const cell = (k: UnitKey) => {
    const v = values[k];
    return v instanceof Date ? '' : (v ?? '').trim();
  };
  let ok = true;
  const problem = (key: UnitKey, message: Message) => {
    report(key, row, message);
    ok = false;
  };
  const required = (key: UnitKey) => {
    const v = cell(key);
    if (!v) problem(key, text('cellBlank'));
    return v;
  };
  const creditCode = required('creditCode').toUpperCase();
  if (creditCode && creditCodeProblem(creditCode)) problem('creditCode', creditCodeText(creditCode));
  for (const [key, max] of Object.entries(MAX_LENGTH) as [UnitKey, number][]) {
    if (cell(key).length > max) problem(key, text('cellTooLong', { max }));
  }
  const name = required('name');
  const kindCell = required('kind');
  const kind = KIND_BY_CELL.get(kindCell.toUpperCase()) ?? KIND_BY_CELL.get(kindCell);
  if (kindCell && !kind) problem('kind', text('unitKindUnknown', { values: KIND_VALUES }));
  const divisionCode = required('divisionCode');
  if (divisionCode && !division(divisionCode))
    problem('divisionCode', text('divisionUnknown', { code: divisionCode }));
  let industry: string | null = null;
  if (cell('industry')) {
    const found = industryOf(cell('industry'));
    if ('problem' in found) problem('industry', found.problem);
    else industry = found.division;
  }
  const ownershipCell = cell('ownership');
  const ownership = ownershipCell
    ? (OWNERSHIP_BY_CELL.get(ownershipCell.toUpperCase()) ?? OWNERSHIP_BY_CELL.get(ownershipCell) ?? null)
    : null;
  if (ownershipCell && !ownership)
    problem('ownership', text('ownershipUnknown', { values: OWNERSHIP_VALUES }));
  const allowed = kind && OWNERSHIPS_OF_KIND[kind]!;
  if (allowed && ownership && !allowed.includes(ownership)) {
    problem(
      'ownership',
      text('ownershipOfKind', {
        kind: KIND_LABELS[kind],
        allowed: allowed.map((o) => ownershipName(o)).join(' / '),
      }),
    );
  }
  const employeeCount = wholeNumber(cell('employeeCount'), 'employeeCount', row, report);
  const femaleEmployeeCount = wholeNumber(cell('femaleEmployeeCount'), 'femaleEmployeeCount', row, report);
  if (employeeCount !== null && femaleEmployeeCount !== null && femaleEmployeeCount > employeeCount) {
    problem(
      'femaleEmployeeCount',
      text('partExceedsTotal', { part: headerOf('femaleEmployeeCount'), total: headerOf('employeeCount') }),
    );
  }
  if (!ok || !kind || employeeCount === null || femaleEmployeeCount === null) return null;
  const locality = cell('locality') || null;
  return {
    row,
    creditCode,
    name,
    kind,
    divisionCode,
    locality,
    industry,
    ownership,
    employeeCount,
    femaleEmployeeCount,
  };
}

/**
 * What a row changes on the unit as it is: kind, industry, ownership and the counts. Name, place
 * and locality are the registered unit's own (updateHostUnit changes them). Empty: nothing.
 */
function factChanges(current: HostUnitDoc, row: UnitRow): Partial<HostUnitDoc> {
  const changes: Partial<HostUnitDoc> = {};
  if (row.kind !== current.kind) changes.kind = row.kind;
  if (row.industry && row.industry !== current.industry) changes.industry = row.industry;
  // As updateHostUnit: an unstated ownership keeps the unit's own while its kind stays.
  const ownership = row.ownership ?? (row.kind === current.kind ? (current.ownership ?? null) : null);
  if (ownership !== (current.ownership ?? null)) changes.ownership = ownership;
  if (row.employeeCount !== current.employeeCount) changes.employeeCount = row.employeeCount;
  if (row.femaleEmployeeCount !== current.femaleEmployeeCount)
    changes.femaleEmployeeCount = row.femaleEmployeeCount;
  return changes;
}

export interface HostUnitImportInput {
  organizationId: string;
  format: SheetFormat;
  contentBase64: string;
  dryRun?: boolean | null;
}

export interface HostUnitImportReport {
  rows: number;
  created: number;
  updated: number;
  alreadyPresent: number;
  problems: SheetProblem[];
}

/**
 * Imports a list of host units into the union responsible for them. Every row is checked before
 * anything is written. A new credit code registers a unit; one this union already registered has
 * its facts brought up to the row's (through bumpHostUnit, which announces the unit and refreshes
 * the facts of the union covering it, so members' directory and statistics follow); one another
 * union registered is a problem row. The credit code is unique, so a re-run, or a concurrent
 * import, registers nothing twice and changes nothing the first did.
 */
export async function importHostUnits(
  ctx: Context,
  input: HostUnitImportInput,
): Promise<HostUnitImportReport> {
  const org = await writableOrganization(ctx, input.organizationId, 'input.organizationId');
  requireOpen(org, 'input.organizationId');
  const sheet = await readSheet(input.format, input.contentBase64, HOST_UNIT_COLUMNS, {
    maxRows: MAX_UNIT_ROWS,
    columnsMissing: (columns) => text('unitSheetColumnsMissing', { columns }),
    tooLong: (max) => text('unitSheetTooLong', { max }),
  });
  const { report, sorted } = sheetProblems(HOST_UNIT_COLUMNS);

  const firstRowOf = new Map<string, number>();
  const rows: UnitRow[] = [];
  for (const { row, values, lostDigits } of sheet) {
    if (lostDigits.includes('creditCode')) {
      report('creditCode', row, text('unitCodeAsNumber'));
      continue;
    }
    const checked = checkRow(values, row, report);
    if (!checked) continue;
    const first = firstRowOf.get(checked.creditCode);
    if (first !== undefined) {
      report('creditCode', row, text('unitSameCode', { row: first }));
      continue;
    }
    firstRowOf.set(checked.creditCode, row);
    rows.push(checked);
  }

  const plan = await classify(ctx, org, rows, report);
  const result = { rows: sheet.length, created: plan.fresh.length, updated: plan.changed.length };
  if (!input.dryRun) {
    const lost = await register(ctx, org, plan.fresh);
    result.created -= lost.length;
    // A unit registered meanwhile under the same code (a concurrent import) is taken as found now.
    const again = await classify(ctx, org, lost, report);
    for (const { row, unit } of [...plan.changed, ...again.changed]) {
      await bumpHostUnit(ctx, unit._id, (current) => factChanges(current, row));
    }
    result.updated += again.changed.length;
    plan.unchanged += again.unchanged;
  }
  return { ...result, alreadyPresent: plan.unchanged, problems: sorted() };
}

/** Splits valid rows into new units, registered ones to change or leave, and (reported) others'. */
async function classify(ctx: Context, org: OrganizationDoc, rows: UnitRow[], report: Report) {
  const codes = rows.map((r) => r.creditCode);
  const units = codes.length
    ? await ctx.models.HostUnit.find({ creditCode: { $in: codes } }).lean<HostUnitDoc[]>()
    : [];
  const byCode = new Map(units.map((u) => [u.creditCode, u]));
  const holders = await ctx.loaders.organization.loadMany([
    ...new Set(units.map((u) => u.responsibleOrgId).filter((o) => o !== org._id)),
  ]);
  const visible = new Map(
    holders.flatMap((o) =>
      o && !(o instanceof Error) && ctx.scope.contains(o) ? [[o._id, o.name] as const] : [],
    ),
  );
  const plan = { fresh: [] as UnitRow[], changed: [] as { row: UnitRow; unit: HostUnitDoc }[], unchanged: 0 };
  for (const row of rows) {
    const unit = byCode.get(row.creditCode);
    if (!unit) plan.fresh.push(row);
    else if (unit.responsibleOrgId !== org._id) {
      const union = visible.get(unit.responsibleOrgId);
      report('creditCode', row.row, union ? text('unitHeldBy', { union }) : text('unitHeldElsewhere'));
    } else if (Object.keys(factChanges(unit, row)).length > 0) plan.changed.push({ row, unit });
    else plan.unchanged++;
  }
  return plan;
}

/**
 * Registers new units in one unordered insert (announced as registerHostUnit does); returns the
 * rows whose code was taken meanwhile.
 */
async function register(ctx: Context, org: OrganizationDoc, rows: UnitRow[]): Promise<UnitRow[]> {
  const units = rows.map(
    ({ row: _row, ...fields }) =>
      new ctx.models.HostUnit({ ...fields, responsibleOrgId: org._id }).toObject() as HostUnitDoc,
  );
  const taken = await insertUnlessTaken(ctx.models.HostUnit, units);
  const events = units.flatMap((unit, i) => (taken.has(i) ? [] : [hostUnitEvent(unit, null)]));
  if (events.length > 0) await ctx.publish(events);
  return rows.filter((_, i) => taken.has(i));
}
