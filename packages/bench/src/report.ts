import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadResult, ratio } from './load';
import type { BenchResult } from './run';
import { type BackendsResult, PAGE_BUDGET_MS } from './scenarios/backends';

const num = (n: number | null, digits = 1) => (n === null || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const times = (n: number | null) => `${num(n, 2)}×`;

function table(title: string, head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `\n${title}`,
    line(head),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

const loadRow = (name: string, l: LoadResult) => [
  name,
  // Uncached FerretDB runs can stay under one request a second: keep a digit there.
  num(l.rps, l.rps < 10 ? 1 : 0),
  num(l.p50),
  num(l.p99),
  l.requests,
  l.failures,
];
const LOAD_HEAD = ['', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'failed'];

function formatBackends(b: BackendsResult): string {
  const [first, second] = b.backends as [string, string];
  const x = (a: number | undefined, c: number | undefined) => times(ratio(a ?? 0, c ?? 0));
  return [
    table(
      `6. Backends — the same ${b.members} members in ${b.unions} unions on each; raw queries about union ${b.union.id} (${b.union.members} members), median ms`,
      ['query', ...b.backends, `${first} / ${second}`],
      b.raw.map((q) => [
        q.query,
        ...b.backends.map((k) => num(q.ms[k] ?? null)),
        x(q.ms[first], q.ms[second]),
      ]),
    ),
    ...b.pages.map((p) =>
      table(
        `${p.name}, through our gateway (caches off), 4 connections`,
        LOAD_HEAD,
        b.backends.map((k) => loadRow(k, p.load[k]!)),
      ),
    ),
    `p50 ${first} / ${second}: ${b.pages.map((p) => x(p.load[first]?.p50, p.load[second]?.p50)).join(', ')}`,
    `members page under ${PAGE_BUDGET_MS} ms p50 (linear estimate from this scale): ${b.backends
      .map((k) => `${k} up to ≈${b.limits[k]!.members} members (≈${b.limits[k]!.unions} unions)`)
      .join('; ')}`,
  ].join('\n');
}

export function formatReport(r: BenchResult): string {
  const s = r.settings;
  const out = [
    `Union Graph benchmark — scale ${s.scale}${r.backend ? `, FerretDB on ${r.backend}` : ''}, ${s.connections} connections, ${s.rounds} alternating round(s) of ${s.requests ? `${s.requests} requests` : `${s.duration} s`}, ${r.seconds.toFixed(0)} s in all`,
    `data: ${Object.entries(r.data)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}`,
  ];
  if (r.extras.missing.length)
    out.push(`not in the graph yet (left out of the cross-subgraph queries): ${r.extras.missing.join(', ')}`);
  const o = r.overhead;
  out.push(
    table(`1. Gateway overhead — ${o.query}`, LOAD_HEAD, [
      loadRow('straight to the subgraph (signed)', o.direct),
      loadRow('through our gateway, caches off', o.uncachedGateway),
      loadRow('through our gateway, caches on', o.gateway),
      loadRow('through plain Apollo Gateway', o.plainGateway),
    ]),
    `ours (caches off) / direct: p50 ${times(o.ratios.p50)}, p99 ${times(o.ratios.p99)}, req/s ${times(o.ratios.rps)}`,
  );
  const c = r.caching;
  out.push(
    table(`2. Caching — ${c.query}, ${c.connections} connections`, LOAD_HEAD, [
      loadRow('plain Apollo Gateway', c.plain),
      loadRow('our gateway, cold', c.cold),
      loadRow('our gateway, warm', c.warm),
    ]),
    `warm / plain ${times(c.ratios.warmOverPlain)}, cold / plain ${times(c.ratios.coldOverPlain)}, warm / cold ${times(c.ratios.warmOverCold)}; a warm request ran ${c.warmRequestCommands} database commands`,
  );
  const subgraphs = Object.keys(r.nPlusOne.pages[0]?.commands ?? {});
  out.push(
    table(
      `3. No N+1 — ${r.nPlusOne.query} (sequential database round trips per request, commands sent in brackets)`,
      ['first', 'returned', ...subgraphs, 'total', 'ms'],
      r.nPlusOne.pages.map((p) => [
        String(p.first),
        p.returned,
        ...subgraphs.map((n) => `${p.roundTrips[n] ?? 0} (${p.sent[n] ?? 0})`),
        `${p.roundTripsTotal} (${p.sentTotal})`,
        num(p.ms, 0),
      ]),
    ),
  );
  out.push(
    table(
      '4. Memory (RSS, MiB)',
      ['process', 'at rest', 'peak'],
      Object.entries(r.memory).map(([name, m]) => [name, num(m.restMiB, 0), num(m.peakMiB, 0)]),
    ),
  );
  out.push(
    table(
      '5. Analyst mix (ms)',
      ['query', 'first', 'ours p50', 'ours p99', 'plain p50'],
      r.analyst.queries.map((q) => [
        q.name,
        num(q.firstMs, 0),
        num(q.gatewayP50),
        num(q.gatewayP99),
        num(q.plainP50),
      ]),
    ),
  );
  if (r.analyst.skipped.length) out.push(`not answerable by the graph yet: ${r.analyst.skipped.join('; ')}`);
  if (r.backends) out.push(formatBackends(r.backends));
  out.push(
    '\nTargets',
    ...r.targets.map((t) => `  ${t.holds ? '✓ holds ' : '✗ misses'}  ${t.name}: ${t.detail}`),
  );
  return out.join('\n');
}

/** The full figures as JSON, one file per run plus `latest-<scale>.json`; returns the run's file. */
export function writeResults(r: BenchResult, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(r, null, 2)}\n`;
  const file = join(dir, `${r.startedAt.replace(/[:.]/g, '-')}-${r.settings.scale}.json`);
  writeFileSync(file, json);
  writeFileSync(join(dir, `latest-${r.settings.scale}.json`), json);
  return file;
}
