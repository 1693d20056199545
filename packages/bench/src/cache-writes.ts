import { cliLanguage, defineMessages, type Language, type Message } from '@union-graph/subgraph-kit';
import { type BenchSettings, SEED, scenarioStack, type TargetCheck } from './run';

/**
 * Caching under writes (issue #20): clients read organization cards and, one request in ten,
 * change an organization through the real mutation, all at once. Each read is judged against the
 * writes acknowledged before it was sent: a card older than the last acknowledged version is a
 * stale read; a repeated read of a card nothing changed since its previous read should be a
 * response-cache hit (the gateway's `age` header says which).
 */
const text = defineMessages('bench-cache-writes', {
  title: {
    zh: '缓存与写入并存 — 规模 {scale}，{organizations} 个工会，{clients} 个并发客户端，{seconds} 秒，读 / 写 = {reads} / {writes}',
    en: 'Caching under writes — scale {scale}, {organizations} unions, {clients} concurrent clients, {seconds} s, reads / writes = {reads} / {writes}',
  },
  reads: { zh: '读（工会卡片）', en: 'reads (union cards)' },
  repeated: { zh: '其中重复读', en: 'of which repeated' },
  unchanged: {
    zh: '重复读且自上次读后本工会及其下级均未写入',
    en: 'repeated, nothing in the union’s subtree written since its last read',
  },
  ownUnchanged: {
    zh: '重复读且自上次读后本工会未写入（上级因下级变化而失效者也计入）',
    en: 'repeated, the union itself not written since its last read (ancestors dropped for a change below count too)',
  },
  writes: { zh: '写（updateOrganization）', en: 'writes (updateOrganization)' },
  stale: { zh: '过期读（早于已确认写入的版本）', en: 'stale reads (older than an acknowledged write)' },
  failed: { zh: '失败请求', en: 'failed requests' },
  head: {
    zh: '请求|数量|响应缓存命中|命中率|p50 ms',
    en: 'requests|count|response-cache hits|hit ratio|p50 ms',
  },
  targetHits: {
    zh: '重复读未变化工会的响应缓存命中率 ≥ 90 %',
    en: 'response-cache hits on repeated reads of unchanged unions ≥ 90 %',
  },
  targetHitsDetail: { zh: '{ratio}（{hits} / {reads}）', en: '{ratio} ({hits} of {reads})' },
  targetStale: { zh: '过期读 = 0', en: 'stale reads = 0' },
  targetStaleDetail: {
    zh: '{stale} 次，共 {reads} 次读；失败 {failed} 次',
    en: '{stale} of {reads} reads; {failed} failed',
  },
});

const CARD = `query CacheWritesCard($id: ID!) {
  organization(id: $id) { id name type level status locality version memberCount }
}`;
const WRITE = `mutation CacheWritesChange($id: ID!, $locality: String!) {
  updateOrganization(id: $id, input: { locality: $locality }) { id version }
}`;
const WRITE_SHARE = 0.1;

export interface ReadCount {
  count: number;
  hits: number;
  p50: number;
}

export interface CacheWritesRun {
  settings: BenchSettings;
  startedAt: string;
  seconds: number;
  organizations: number;
  clients: number;
  measuredSeconds: number;
  reads: ReadCount;
  repeated: ReadCount;
  /** Repeated reads of unions with nothing in their subtree written since their previous read. */
  unchanged: ReadCount;
  /** Repeated reads of unions not themselves written since their previous read. */
  ownUnchanged: ReadCount;
  writes: { count: number; p50: number };
  staleReads: number;
  failures: number;
  /** The first failure's errors, to tell a slow write from a refused one. */
  firstFailure?: unknown;
  targets: TargetCheck[];
}

interface Card {
  id: string;
  version: number;
}

interface OrgState {
  path: string[];
  /** When the previous read of the union was sent (ms since the run started). */
  lastRead?: number;
  /** When a write to the union, or to one in its subtree / to itself, last went out or came back. */
  subtreeTouched: number;
  ownTouched: number;
  /** The highest version a write acknowledged. */
  acked: number;
}

class Tally {
  private readonly ms: number[] = [];
  hits = 0;
  add(ms: number, hit: boolean): void {
    this.ms.push(ms);
    if (hit) this.hits++;
  }
  get result(): ReadCount {
    const sorted = [...this.ms].sort((a, b) => a - b);
    return { count: sorted.length, hits: this.hits, p50: sorted[Math.floor(sorted.length / 2)] ?? 0 };
  }
}

/** A deterministic generator, so every run sends the same mix in the same order per client. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function runCacheWritesBench(
  settings: BenchSettings,
  { quiet = false } = {},
): Promise<CacheWritesRun> {
  const started = Date.now();
  const { plan, stack } = await scenarioStack(settings, quiet);
  try {
    const url = stack.gateway.url;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` };
    const send = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const answer = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      return { answer, hit: res.headers.has('age') };
    };
    const ids = plan.organizations.map((o) => o._id);
    const orgs = new Map<string, OrgState>(
      plan.organizations.map((o) => [o._id, { path: o.path, subtreeTouched: -1, ownTouched: -1, acked: 0 }]),
    );
    // Every card once, so the measured phase starts from a warm cache as a running system would.
    const queue = [...ids];
    await Promise.all(
      Array.from({ length: settings.connections }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) await send(CARD, { id });
      }),
    );

    const t0 = performance.now();
    const now = () => performance.now() - t0;
    const measuredSeconds = settings.duration * settings.rounds;
    const [reads, repeated, unchanged, ownUnchanged, writes] = [
      new Tally(),
      new Tally(),
      new Tally(),
      new Tally(),
      new Tally(),
    ];
    let [stale, failures, written] = [0, 0, 0];
    let firstFailure: unknown;
    const failed = (answer: unknown) => {
      failures++;
      firstFailure ??= answer;
    };
    const touch = (id: string) => {
      const at = now();
      const org = orgs.get(id)!;
      org.ownTouched = at;
      for (const above of org.path) orgs.get(above)!.subtreeTouched = at;
    };
    const client = async (n: number) => {
      const next = random(SEED * 1000 + n);
      while (now() < measuredSeconds * 1000) {
        const id = ids[Math.floor(next() * ids.length)]!;
        const org = orgs.get(id)!;
        if (next() < WRITE_SHARE) {
          const sent = now();
          touch(id);
          const { answer } = await send(WRITE, { id, locality: `缓存基准第${++written}次写入` });
          const card = answer.data?.updateOrganization as Card | undefined;
          if (!card || answer.errors) failed(answer);
          else org.acked = Math.max(org.acked, card.version);
          touch(id);
          writes.add(now() - sent, false);
          continue;
        }
        const sent = now();
        const expected = org.acked;
        const previous = org.lastRead;
        const since = previous ?? Number.POSITIVE_INFINITY;
        const [sameSubtree, sameOwn] = [org.subtreeTouched < since, org.ownTouched < since];
        org.lastRead = sent;
        const { answer, hit } = await send(CARD, { id });
        const ms = now() - sent;
        const card = answer.data?.organization as Card | undefined;
        if (!card || answer.errors) {
          failed(answer);
          continue;
        }
        if (card.version < expected) stale++;
        reads.add(ms, hit);
        if (previous === undefined) continue;
        repeated.add(ms, hit);
        // Touched while the previous read was in flight counts as changed: its answer may not be stored.
        if (sameSubtree) unchanged.add(ms, hit);
        if (sameOwn) ownUnchanged.add(ms, hit);
      }
    };
    await Promise.all(Array.from({ length: settings.connections }, (_, n) => client(n)));

    const result = {
      settings,
      startedAt: new Date(started).toISOString(),
      seconds: (Date.now() - started) / 1000,
      organizations: ids.length,
      clients: settings.connections,
      measuredSeconds,
      reads: reads.result,
      repeated: repeated.result,
      unchanged: unchanged.result,
      ownUnchanged: ownUnchanged.result,
      writes: { count: writes.result.count, p50: writes.result.p50 },
      staleReads: stale,
      failures,
      firstFailure,
    };
    return { ...result, targets: cacheWritesTargets(result) };
  } finally {
    await stack.stop();
  }
}

const percent = (hits: number, count: number) => (count ? `${((100 * hits) / count).toFixed(1)} %` : '–');

function cacheWritesTargets(r: Omit<CacheWritesRun, 'targets'>): TargetCheck[] {
  return [
    {
      name: text('targetHits'),
      holds: r.unchanged.count > 0 && r.unchanged.hits / r.unchanged.count >= 0.9,
      detail: text('targetHitsDetail', {
        ratio: percent(r.unchanged.hits, r.unchanged.count),
        hits: r.unchanged.hits,
        reads: r.unchanged.count,
      }),
    },
    {
      name: text('targetStale'),
      holds: r.staleReads === 0 && r.failures === 0,
      detail: text('targetStaleDetail', { stale: r.staleReads, reads: r.reads.count, failed: r.failures }),
    },
  ];
}

/** The scenario's report; the report's table and target lines come in (report.ts names this run's figures file). */
export function formatCacheWrites(
  r: CacheWritesRun,
  table: (title: string, head: string[], rows: (string | number)[][]) => string,
  formatTargets: (targets: TargetCheck[], say: (m: Message) => string) => string[],
  language: Language = cliLanguage(),
): string {
  const say = (m: Message) => m.render(language);
  const row = (name: Message, c: ReadCount) => [
    say(name),
    c.count,
    c.hits,
    percent(c.hits, c.count),
    c.p50.toFixed(1),
  ];
  return [
    say(
      text('title', {
        scale: r.settings.scale,
        organizations: r.organizations,
        clients: r.clients,
        seconds: r.measuredSeconds,
        reads: 100 - WRITE_SHARE * 100,
        writes: WRITE_SHARE * 100,
      }),
    ),
    table('', say(text('head')).split('|'), [
      row(text('reads'), r.reads),
      row(text('repeated'), r.repeated),
      row(text('unchanged'), r.unchanged),
      row(text('ownUnchanged'), r.ownUnchanged),
      [say(text('writes')), r.writes.count, '', '', r.writes.p50.toFixed(1)],
      [say(text('stale')), r.staleReads, '', '', ''],
      [say(text('failed')), r.failures, '', '', ''],
    ]),
    ...formatTargets(r.targets, say),
  ].join('\n');
}
