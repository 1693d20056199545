import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliLanguage, type Language, type Message } from '@union-graph/subgraph-kit';
import type { CacheWritesRun } from './cache-writes';
import { type LoadResult, ratio } from './load';
import { benchText } from './messages';
import type { PeerResult } from './peer/scenario';
import type { BenchResult, StatisticsRun, TargetCheck } from './run';
import { type BackendsResult, PAGE_BUDGET_MS } from './scenarios/backends';
import { formatStatistics } from './statistics';
import { formatSubscriptions } from './subscriptions';

export const num = (n: number | null, digits = 1) =>
  n === null || !Number.isFinite(n) ? '–' : n.toFixed(digits);
const times = (n: number | null) => `${num(n, 2)}×`;

export function table(title: string, head: string[], rows: (string | number)[][]): string {
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

function formatBackends(b: BackendsResult, say: (m: Message) => string): string {
  const [first, second] = b.backends as [string, string];
  const x = (a: number | undefined, c: number | undefined) => times(ratio(a ?? 0, c ?? 0));
  return [
    table(
      say(
        benchText('backendsTitle', {
          members: b.members,
          unions: b.unions,
          union: b.union.id,
          unionMembers: b.union.members,
        }),
      ),
      ['query', ...b.backends, `${first} / ${second}`],
      b.raw.map((q) => [
        q.query,
        ...b.backends.map((k) => num(q.ms[k] ?? null)),
        x(q.ms[first], q.ms[second]),
      ]),
    ),
    ...b.pages.map((p) =>
      table(
        say(benchText('backendsPage', { name: p.name })),
        LOAD_HEAD,
        b.backends.map((k) => loadRow(k, p.load[k]!)),
      ),
    ),
    `p50 ${first} / ${second}: ${b.pages.map((p) => x(p.load[first]?.p50, p.load[second]?.p50)).join(', ')}`,
    say(
      benchText('backendsLimit', {
        budget: PAGE_BUDGET_MS,
        list: b.backends
          .map((k) =>
            say(
              benchText('backendLimit', {
                backend: k,
                members: b.limits[k]!.members,
                unions: b.limits[k]!.unions,
              }),
            ),
          )
          .join('; '),
      }),
    ),
  ].join('\n');
}

/** The report in `language`: the terminal's (`LANG`) by default. */
export function formatReport(r: BenchResult, language: Language = cliLanguage()): string {
  const say = (m: Message) => m.render(language);
  const s = r.settings;
  const out = [
    say(
      benchText('title', {
        scale: s.scale,
        backend: r.backend ? benchText('onBackend', { backend: r.backend }) : '',
        connections: s.connections,
        rounds: s.rounds,
        each: s.requests ? benchText('requests', { n: s.requests }) : benchText('seconds', { n: s.duration }),
        seconds: r.seconds.toFixed(0),
      }),
    ),
    say(
      benchText('data', {
        list: Object.entries(r.data)
          .map(([k, n]) => `${n} ${k}`)
          .join(', '),
      }),
    ),
  ];
  if (r.extras.missing.length) out.push(say(benchText('missing', { list: r.extras.missing.join(', ') })));
  const o = r.overhead;
  out.push(
    table(say(benchText('overhead', { query: o.query })), LOAD_HEAD, [
      loadRow(say(benchText('direct')), o.direct),
      loadRow(say(benchText('oursOff')), o.uncachedGateway),
      loadRow(say(benchText('oursOn')), o.gateway),
      loadRow(say(benchText('viaPlain')), o.plainGateway),
    ]),
    say(
      benchText('overheadRatios', {
        p50: times(o.ratios.p50),
        p99: times(o.ratios.p99),
        rps: times(o.ratios.rps),
      }),
    ),
  );
  const c = r.caching;
  out.push(
    table(say(benchText('caching', { query: c.query, connections: c.connections })), LOAD_HEAD, [
      loadRow(say(benchText('plain')), c.plain),
      loadRow(say(benchText('cold')), c.cold),
      loadRow(say(benchText('warm')), c.warm),
    ]),
    say(
      benchText('cachingRatios', {
        warmOverPlain: times(c.ratios.warmOverPlain),
        coldOverPlain: times(c.ratios.coldOverPlain),
        warmOverCold: times(c.ratios.warmOverCold),
        commands: c.warmRequestCommands,
      }),
    ),
  );
  const subgraphs = Object.keys(r.nPlusOne.pages[0]?.commands ?? {});
  out.push(
    table(
      say(benchText('nPlusOne', { query: r.nPlusOne.query })),
      ['first', 'returned', ...subgraphs, 'total', 'background', 'ms'],
      r.nPlusOne.pages.map((p) => [
        String(p.first),
        p.returned,
        ...subgraphs.map((n) => `${p.roundTrips[n] ?? 0} (${p.sent[n] ?? 0})`),
        `${p.roundTripsTotal} (${p.sentTotal})`,
        p.backgroundTotal,
        num(p.ms, 0),
      ]),
    ),
  );
  out.push(
    table(
      say(benchText('memory')),
      ['process', 'at rest', 'peak'],
      Object.entries(r.memory).map(([name, m]) => [name, num(m.restMiB, 0), num(m.peakMiB, 0)]),
    ),
  );
  out.push(
    table(
      say(benchText('analyst')),
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
  if (r.analyst.skipped.length) out.push(say(benchText('skipped', { list: r.analyst.skipped.join('; ') })));
  if (r.statistics) out.push(...formatStatistics(r.statistics, say, table));
  if (r.backends) out.push(formatBackends(r.backends, say));
  if (r.subscriptions) out.push(...formatSubscriptions(r.subscriptions, say, table));
  out.push(...formatTargets(r.targets, say));
  return out.join('\n');
}

/** The targets' lines: a heading, then whether each holds and what was measured. */
export function formatTargets(targets: TargetCheck[], say: (m: Message) => string): string[] {
  return [
    say(benchText('targets')),
    ...targets.map(
      (t) => `  ${say(benchText(t.holds ? 'holds' : 'misses'))}  ${say(t.name)}: ${say(t.detail)}`,
    ),
  ];
}

/** The report of `--scenario statistics`. */
export function formatStatisticsRun(r: StatisticsRun, language: Language = cliLanguage()): string {
  const say = (m: Message) => m.render(language);
  return [
    say(
      benchText('statisticsRun', {
        scale: r.settings.scale,
        backend: r.backend ? benchText('onBackend', { backend: r.backend }) : '',
        ready: r.readySeconds.toFixed(0),
        load: r.loadSeconds.toFixed(0),
        start: r.startSeconds.toFixed(0),
        seconds: r.seconds.toFixed(0),
      }),
    ),
    say(benchText('data', { list: `${r.data.members} members, ${r.data.organizations} organizations` })),
    ...formatStatistics(r.statistics, say, table),
    ...formatTargets([r.target], say),
  ].join('\n');
}

/** The full figures as JSON, one file per run plus `latest-<scale>.json`; returns the run's file. */
export function writeResults(
  r: BenchResult | StatisticsRun | PeerResult | CacheWritesRun,
  dir: string,
): string {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(r, null, 2)}\n`;
  // A statistics-only run keeps its own files beside the full run's.
  const name =
    'readySeconds' in r
      ? `${r.settings.scale}-statistics`
      : 'answerBytes' in r
        ? `${r.settings.scale}-peer`
        : 'staleReads' in r
          ? `${r.settings.scale}-cache-writes`
          : r.settings.scale;
  const file = join(dir, `${r.startedAt.replace(/[:.]/g, '-')}-${name}.json`);
  writeFileSync(file, json);
  writeFileSync(join(dir, `latest-${name}.json`), json);
  return file;
}
