import { parse } from 'csv-parse/sync';
import { type CellValue, Workbook } from 'exceljs';
import { BadUserInputError } from './errors';
import { defineMessages, type Language, type Message } from './messages';

/**
 * Spreadsheets offices upload (a member roster, a list of host units): an xlsx workbook's first
 * sheet or a CSV file (a BOM is fine), the first row headers in Chinese, one record per row. The
 * kit reads the file into cells by column and refuses a file that is not one as a whole; what a
 * cell means, and the row-by-row problems, are the importing subgraph's. Unknown columns are
 * ignored, so an exported file imports again unchanged.
 */
export type SheetFormat = 'XLSX' | 'CSV';

export interface SheetColumn<K extends string = string> {
  key: K;
  /** The header as written in the file. */
  header: string;
  required: boolean;
  /**
   * Digits that are not a number (an ID, a code): written as text in a template, and flagged when
   * a spreadsheet stored them as a number too long to be exact.
   */
  text?: boolean;
}

export interface SheetRow<K extends string = string> {
  /** The spreadsheet's row number (the header is row 1). */
  row: number;
  /** Each known column's cell, trimmed; a date cell of an xlsx stays a date. */
  values: Partial<Record<K, string | Date>>;
  /** Text columns whose cell was stored as a number of more than 15 digits, so lost some. */
  lostDigits: K[];
}

/** What an importer says of a file missing columns or too long: it names its own template. */
export interface SheetLimits {
  maxRows: number;
  columnsMissing: (columns: string) => Message;
  tooLong: (max: number) => Message;
}

const sheetText = defineMessages('kit.sheets', {
  notBase64: { zh: 'contentBase64 须为 base64 编码', en: 'contentBase64 must be base64' },
  notXlsx: { zh: 'contentBase64 不是 xlsx 工作簿', en: 'contentBase64 is not an xlsx workbook' },
  noWorksheet: { zh: '工作簿中没有工作表', en: 'The workbook has no worksheet' },
  notCsv: { zh: 'contentBase64 不是有效的 CSV：{reason}', en: 'contentBase64 is not valid CSV: {reason}' },
});

const FIELD = 'input.contentBase64';

/** Excel keeps 15 significant digits: a longer number has already lost some. */
const EXACT_DIGITS = 1e15;

type Cell = string | Date | number;

function cellValue(value: CellValue): Cell {
  if (value instanceof Date || typeof value === 'number') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    return '';
  }
  return String(value);
}

async function xlsxCells(content: Buffer): Promise<Cell[][]> {
  const wb = new Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new BadUserInputError(sheetText('notXlsx'), FIELD);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new BadUserInputError(sheetText('noWorksheet'), FIELD);
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = ((row.values as CellValue[]) ?? []).slice(1).map(cellValue);
  });
  return Array.from(rows, (r) => r ?? []);
}

function csvCells(content: Buffer): Cell[][] {
  try {
    return parse(content, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (e) {
    throw new BadUserInputError(sheetText('notCsv', { reason: (e as Error).message }), FIELD);
  }
}

function decodeBase64(content: string): Buffer {
  const trimmed = content.replace(/\s+/g, '');
  if (!trimmed || !/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) {
    throw new BadUserInputError(sheetText('notBase64'), FIELD);
  }
  return Buffer.from(trimmed, 'base64');
}

/**
 * Reads an uploaded file (base64, from `input.contentBase64`) into its non-empty rows. A file that
 * is not one, lacks a required column or is longer than `maxRows` is refused whole.
 */
export async function readSheet<K extends string>(
  format: SheetFormat,
  contentBase64: string,
  columns: readonly SheetColumn<K>[],
  limits: SheetLimits,
): Promise<SheetRow<K>[]> {
  const content = decodeBase64(contentBase64);
  const cells = format === 'XLSX' ? await xlsxCells(content) : csvCells(content);
  const headers = (cells[0] ?? []).map((h) => (typeof h === 'string' ? h.trim() : ''));
  const missing = columns.filter((c) => c.required && !headers.includes(c.header));
  if (missing.length > 0) {
    throw new BadUserInputError(limits.columnsMissing(missing.map((c) => c.header).join('、')), FIELD);
  }
  if (cells.length - 1 > limits.maxRows) throw new BadUserInputError(limits.tooLong(limits.maxRows), FIELD);
  const rows: SheetRow<K>[] = [];
  cells.slice(1).forEach((line, i) => {
    if (line.every((v) => v === '')) return;
    const row: SheetRow<K> = { row: i + 2, values: {}, lostDigits: [] };
    for (const col of columns) {
      const v = line[headers.indexOf(col.header)];
      if (v === undefined) continue;
      if (typeof v === 'number' && col.text && Math.abs(v) >= EXACT_DIGITS) row.lostDigits.push(col.key);
      row.values[col.key] = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : v;
    }
    rows.push(row);
  });
  return rows;
}

/** A workbook with the columns' headers (text format on text columns) and the given rows, base64. */
export async function sheetWorkbook(
  sheetName: string,
  columns: readonly SheetColumn[],
  rows: Record<string, string | Date | null>[],
  extraHeaders: readonly string[] = [],
): Promise<string> {
  const wb = new Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = [
    ...columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.max(12, c.header.length * 2 + 4),
      style: c.text ? { numFmt: '@' } : {},
    })),
    ...extraHeaders.map((h) => ({ header: h, key: h, width: 20 })),
  ];
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** A row an import did not take: where (row, column header) and why. */
export interface SheetProblem {
  row: number;
  column: string;
  /** Worded in the caller's language by the resolver (`renderProblems`). */
  message: Message;
}

/** Collects problems by row and column key (reported under the column's header), sorted by row. */
export function sheetProblems<K extends string>(columns: readonly SheetColumn<K>[]) {
  const problems: SheetProblem[] = [];
  return {
    report(key: K | string, row: number, message: Message) {
      problems.push({ row, column: columns.find((c) => c.key === key)?.header ?? key, message });
    },
    sorted: () => problems.sort((a, b) => a.row - b.row),
  };
}

/** An import's report as GraphQL answers it: each problem worded in the caller's language. */
export function renderProblems<R extends { problems: SheetProblem[] }>(report: R, language?: Language) {
  return { ...report, problems: report.problems.map((p) => ({ ...p, message: p.message.render(language) })) };
}
