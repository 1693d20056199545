import {
  now as clockNow,
  insertUnlessTaken,
  type Message,
  type SheetProblem,
  sheetProblems,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import { derivedFields, type MemberDoc } from '../models';
import { memberEvent } from './archive';
import { requireJoinableOrg } from './organizations';
import { checkPerson, type Person } from './person';
import { ROSTER_COLUMNS, readRoster } from './roster';
import { employerMessage, employersElsewhere } from './units';

export interface RosterImportInput {
  organizationId: string;
  format: 'XLSX' | 'CSV';
  contentBase64: string;
  dryRun?: boolean | null;
}

export interface RosterReport {
  rows: number;
  imported: number;
  alreadyRegistered: number;
  problems: SheetProblem[];
}

const CHUNK = 1000;

interface Candidate {
  row: number;
  person: Person;
}

/**
 * Imports a roster into one union. Every row is checked before anything is written; valid rows are
 * inserted under the unique membership key, so a re-run (or a concurrent import) registers nobody
 * twice: a person already in this union counts as already registered, one held by another union
 * is a problem row.
 */
export async function importRoster(ctx: Context, input: RosterImportInput): Promise<RosterReport> {
  await ctx.scope.requireWritableOrg(input.organizationId, 'input.organizationId');
  const org = await requireJoinableOrg(ctx.scope, input.organizationId, 'input.organizationId');
  const rows = await readRoster(input.format, input.contentBase64);
  const { report, sorted } = sheetProblems(ROSTER_COLUMNS);

  const firstRowOf = new Map<string, number>();
  const candidates: Candidate[] = [];
  for (const r of rows) {
    const { person, problems: more } = checkPerson(r.input);
    const all = [...r.problems, ...more.filter((p) => !r.problems.some((q) => q.field === p.field))];
    for (const p of all) report(p.field, r.row, p.message);
    if (!person || all.length > 0) continue;
    const first = firstRowOf.get(person.residentId);
    if (first !== undefined) {
      report('residentId', r.row, text('rosterSameId', { row: first }));
      continue;
    }
    firstRowOf.set(person.residentId, r.row);
    candidates.push({ row: r.row, person });
  }

  // Join at source (§8, R12): a row whose employer is another union's is a problem row.
  const codes = new Set(candidates.flatMap((c) => c.person.employerCreditCode ?? []));
  const elsewhere = await employersElsewhere(ctx, org, [...codes]);
  const atSource = candidates.filter((c) => {
    const code = c.person.employerCreditCode;
    if (!code || !elsewhere.has(code)) return true;
    report('employerCreditCode', c.row, employerMessage(org, code, elsewhere.get(code) ?? null));
    return false;
  });
  const { fresh, already } = await partitionByHolder(ctx, atSource, org._id, report);
  let imported = fresh.length;
  if (!input.dryRun) {
    imported = 0;
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const inserted = await insertChunk(ctx, fresh.slice(i, i + CHUNK), org._id);
      imported += inserted.docs.length;
      const retry = await partitionByHolder(ctx, inserted.lost, org._id, report);
      already.push(...retry.already);
    }
  }
  return { rows: rows.length, imported, alreadyRegistered: already.length, problems: sorted() };
}

/** Splits candidates into new people, people already in this union, and (reported) people elsewhere. */
async function partitionByHolder(
  ctx: Context,
  candidates: Candidate[],
  orgId: string,
  report: (field: string, row: number, message: Message) => void,
) {
  const holders = new Map<string, string>();
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const ids = candidates.slice(i, i + CHUNK).map((c) => c.person.residentId);
    const docs = await ctx.models.Member.find(
      { activeKey: { $in: ids } },
      { activeKey: 1, organizationId: 1 },
    ).lean();
    for (const d of docs) holders.set(d.activeKey, d.organizationId);
  }
  const others = await ctx.scope.orgs.loadMany([
    ...new Set([...holders.values()].filter((o) => o !== orgId)),
  ]);
  const names = new Map(
    others.flatMap((o) =>
      o && !(o instanceof Error) && ctx.scope.contains(o) ? [[o._id, o.name] as const] : [],
    ),
  );
  const fresh: Candidate[] = [];
  const already: Candidate[] = [];
  for (const c of candidates) {
    const holder = holders.get(c.person.residentId);
    if (holder === undefined) fresh.push(c);
    else if (holder === orgId) already.push(c);
    else {
      const union = names.get(holder);
      report('residentId', c.row, union ? text('rosterMemberOf', { union }) : text('rosterMemberElsewhere'));
    }
  }
  return { fresh, already };
}

/** Inserts unordered; rows that lost the membership key to someone else come back in `lost`. */
async function insertChunk(ctx: Context, chunk: Candidate[], orgId: string) {
  const { Member, MemberChange } = ctx.models;
  const docs = chunk.map((c) => {
    const doc = new Member({ ...c.person, organizationId: orgId, status: 'ACTIVE' });
    Object.assign(doc, derivedFields(doc));
    return doc.toObject() as MemberDoc;
  });
  const failed = await insertUnlessTaken(Member, docs);
  const ok = docs.filter((_, i) => !failed.has(i));
  const now = clockNow();
  if (ok.length > 0) {
    await MemberChange.insertMany(
      ok.map((d) => ({ memberId: d._id, at: now, by: ctx.caller.id, action: 'IMPORTED', changes: [] })),
      { ordered: false },
    );
    await ctx.publish(ok.map((d) => memberEvent({ ...d, updatedAt: now })));
  }
  return { docs: ok, lost: chunk.filter((_, i) => failed.has(i)) };
}
