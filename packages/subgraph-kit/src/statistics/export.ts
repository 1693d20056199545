import type { Caller } from '@union-graph/auth';
import { Workbook } from 'exceljs';
import { type GraphQLResolveInfo, isEnumType } from 'graphql';
import type { Connection } from 'mongoose';
import { today } from '../calendar';
import {
  type CreatedDownload,
  createDownload,
  type DownloadFile,
  type DownloadModel,
  downloadModel,
} from '../downloads';
import { defineMessages, type Language } from '../messages';
import type { MeasureValue, StatisticsTable } from './engine';

/**
 * Any statistics table as a spreadsheet an office opens as it is (issue #19): one sheet, the
 * header row first (Chinese, or English for a caller who asked for it), one line per row of the
 * table, the total, then a note on withheld cells and the table's `asOf`. Every subgraph's
 * `export…Breakdown` runs its breakdown as an analyst would read it and hands the table here, so a
 * file never shows what the GraphQL answer withholds: a suppressed cell is the marker, never the
 * number.
 */
export type StatisticsFileFormat = 'XLSX' | 'CSV';

/** What a withheld figure shows in a file: statistics offices' "not published" sign. */
export const SUPPRESSED_MARK = '*';

const exportText = defineMessages('kit.statistics', {
  count: { zh: '计数', en: 'Count' },
  share: { zh: '占比（%）', en: 'Share (%)' },
  total: { zh: '合计', en: 'Total' },
  rate: { zh: '{label}（%）', en: '{label} (%)' },
  suppressedNote: {
    zh: '{mark} 不予公开：少于 {k} 人，或可由合计推算出少于 {k} 人的数字',
    en: '{mark} withheld: fewer than {k} persons, or would let a figure under {k} be recovered from totals',
  },
  asOf: { zh: '数据时点：{asOf}', en: 'As of {asOf}' },
});

const CONTENT_TYPES: Record<StatisticsFileFormat, string> = {
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CSV: 'text/csv; charset=utf-8',
};

export interface StatisticsFileOptions {
  /** The file's name without its extension, e.g. `member-breakdown-2026-11-30`. */
  name: string;
  format: StatisticsFileFormat;
  /** The header of each dimension column, in the table's `groupBy` order and the caller's language. */
  dimensionHeaders: readonly string[];
  language?: Language;
}

type Cell = string | number | null;

/** Percentages to two decimals: what a share or a rate reads as in a report. */
const percent = (value: number) => Math.round(value * 10_000) / 100;

function measureCell(m: MeasureValue): Cell {
  if (m.suppressed) return SUPPRESSED_MARK;
  if (m.value === null) return null;
  return m.kind === 'RATE' ? percent(m.value) : m.value;
}

function measureHeader(m: MeasureValue, language: Language | undefined): string {
  return m.kind === 'RATE' ? exportText('rate', { label: m.label }).render(language) : m.label;
}

/** The table as lines of cells: header, rows, total, then the notes (after an empty line). */
export function statisticsLines(
  table: StatisticsTable,
  dimensionHeaders: readonly string[],
  language?: Language,
): Cell[][] {
  const t = (key: 'count' | 'share' | 'total') => exportText(key).render(language);
  const measures = table.measures ?? [];
  const header = [
    ...dimensionHeaders,
    t('count'),
    t('share'),
    ...measures.map((m) => measureHeader(m, language)),
  ];
  const rows = table.rows.map((r) => [
    ...r.values.map((v) => v.label),
    r.suppressed || r.count === null ? SUPPRESSED_MARK : r.count,
    r.share ? percent(r.share.value) : SUPPRESSED_MARK,
    ...(r.measures ?? []).map(measureCell),
  ]);
  const totalLine = [
    t('total'),
    ...dimensionHeaders.slice(1).map(() => null),
    table.total ?? SUPPRESSED_MARK,
    table.total === null ? SUPPRESSED_MARK : table.total > 0 ? 100 : null,
    ...measures.map(measureCell),
  ];
  const notes: Cell[][] = [[exportText('asOf', { asOf: table.asOf.toISOString() }).render(language)]];
  if (table.minimumCount !== null)
    notes.unshift([
      exportText('suppressedNote', { mark: SUPPRESSED_MARK, k: table.minimumCount }).render(language),
    ]);
  return [header, ...rows, totalLine, [], ...notes];
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(cell: Cell): string {
  const s = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The table as a file for `createDownload`. CSV is UTF-8 with a byte-order mark, without which
 * Excel reads the Chinese as the local code page.
 */
export async function statisticsFile(
  table: StatisticsTable,
  opts: StatisticsFileOptions,
): Promise<DownloadFile> {
  const lines = statisticsLines(table, opts.dimensionHeaders, opts.language);
  const filename = `${opts.name}.${opts.format.toLowerCase()}`;
  const contentType = CONTENT_TYPES[opts.format];
  if (opts.format === 'CSV') {
    const csv = lines.map((line) => line.map(csvField).join(',')).join('\r\n');
    return { filename, contentType, content: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8') };
  }
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(opts.name.slice(0, 31));
  for (const line of lines) sheet.addRow(line);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return { filename, contentType, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/**
 * A dimension's column header: the Chinese term its enum value's description starts with (the
 * schema convention), or for an English reader the English that follows, up to any explanation.
 */
export function dimensionHeader(description: string | null | undefined, code: string, language?: Language) {
  const [zh, ...rest] = (description ?? '').trim().split(/\s+/);
  const en = rest
    .join(' ')
    .split(/ \(|:|, e\.g\./)[0]
    ?.trim();
  return (language === 'en' ? en : zh) || code;
}

/** What every subgraph's `export…Breakdown` answers (`StatisticsFile` in the schema). */
export interface StatisticsDownload extends CreatedDownload {
  filename: string;
  contentType: string;
  /** Rows of the table, the total line not counted. */
  rows: number;
}

export interface StatisticsExport {
  caller: Caller;
  /** The subgraph's name and its downloads model, as in its definition's `downloads`. */
  subgraph: string;
  downloads: DownloadModel;
  /** The export's resolve info: the column headers come from the `groupBy` enum's descriptions. */
  info: GraphQLResolveInfo;
  dimensionEnum: string;
  groupBy: readonly string[];
  format: StatisticsFileFormat;
  /** What the file name starts with, e.g. `member-breakdown`. */
  name: string;
}

/**
 * A breakdown's table, as the caller was allowed to read it, kept as a download for this caller
 * only (the kit's downloads.ts: fetched through the gateway at `downloadPath` until `expiresAt`).
 */
export async function exportStatistics(
  table: StatisticsTable,
  x: StatisticsExport,
): Promise<StatisticsDownload> {
  const dimensions = x.info.schema.getType(x.dimensionEnum);
  if (!isEnumType(dimensions)) throw new Error(`${x.dimensionEnum} is not an enum of this schema`);
  const file = await statisticsFile(table, {
    name: [x.name, ...x.groupBy.map((d) => d.toLowerCase()), today().toISOString().slice(0, 10)].join('-'),
    format: x.format,
    dimensionHeaders: x.groupBy.map((d) =>
      dimensionHeader(dimensions.getValue(d)?.description, d, x.caller.language),
    ),
    language: x.caller.language,
  });
  const download = await createDownload(x.downloads, x.subgraph, x.caller, file);
  return { filename: file.filename, contentType: file.contentType, rows: table.rows.length, ...download };
}

const statisticsModels = new WeakMap<Connection, DownloadModel>();

/**
 * Where a subgraph without downloads of its own keeps its statistics files: `statistics_downloads`
 * in its database, one model per connection. Its definition names it too (`downloads: (models) =>
 * statisticsDownloads(models.X.db)`), so the gateway's `/downloads/<subgraph>/<id>` reaches it.
 */
export function statisticsDownloads(conn: Connection): DownloadModel {
  const known = statisticsModels.get(conn);
  if (known) return known;
  const model = downloadModel(conn, 'statistics_downloads');
  statisticsModels.set(conn, model);
  return model;
}

/**
 * The resolver of a subgraph's `export…Breakdown(groupBy, filter, top, format)`: its breakdown run
 * for the caller (scope, roles and disclosure control as the breakdown has them), kept as a file.
 */
export function breakdownExport<
  TContext extends { caller: Caller },
  TArgs extends { groupBy: readonly string[] },
>(parts: {
  subgraph: string;
  /** The `groupBy` enum, whose value descriptions name the columns. */
  dimensionEnum: string;
  name: string;
  breakdown: (ctx: TContext, args: TArgs) => Promise<StatisticsTable>;
  downloads: (ctx: TContext) => DownloadModel;
}) {
  return async (
    _parent: unknown,
    { format, ...args }: TArgs & { format: StatisticsFileFormat },
    ctx: TContext,
    info: GraphQLResolveInfo,
  ): Promise<StatisticsDownload> =>
    exportStatistics(await parts.breakdown(ctx, args as unknown as TArgs), {
      caller: ctx.caller,
      subgraph: parts.subgraph,
      downloads: parts.downloads(ctx),
      info,
      dimensionEnum: parts.dimensionEnum,
      groupBy: args.groupBy,
      format,
      name: parts.name,
    });
}
