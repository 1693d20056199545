import type { FerretDbBackend } from '@union-graph/dev-stack';
import { loadPlan, loadWithProgress, planSeed, SCALES, type SeedPlan, seedText } from '@union-graph/seed';
import { cliLanguage, type Message } from '@union-graph/subgraph-kit';
import { fire } from './load';
import { benchText } from './messages';
import { body, isSchemaMiss, ORG_EXTRAS, ORG_ONE, orgCard, post } from './queries';
import { type AnalystResult, analystMix } from './scenarios/analyst';
import { type BackendsResult, backends } from './scenarios/backends';
import { type CachingResult, caching } from './scenarios/caching';
import {
  type BenchContext,
  type BenchSettings,
  direct,
  steady,
  viaGateway,
  viaPlainGateway,
} from './scenarios/context';
import { type MemoryFigures, memory, restingMemory } from './scenarios/memory';
import { type NPlusOneResult, nPlusOne } from './scenarios/n-plus-one';
import { gatewayOverhead, type OverheadResult } from './scenarios/overhead';
import { type BenchStack, startBenchStack } from './stack';
import { type StatisticsResult, statisticsScenario, statisticsTarget, subgraphsAsked } from './statistics';
import { type SubscriptionsResult, subscriptionsScenario } from './subscriptions';

export type { BenchSettings } from './scenarios/context';

/** Load settings per data scale: tiny only proves the benchmark runs (CI), medium is the benchmark. */
export const PRESETS: Record<string, Omit<BenchSettings, 'scale'>> = {
  tiny: { connections: 4, duration: 1, requests: 24, rounds: 1, samples: 3 },
  small: { connections: 8, duration: 3, rounds: 2, samples: 5 },
  medium: { connections: 16, duration: 10, rounds: 3, samples: 5 },
  large: { connections: 16, duration: 10, rounds: 3, samples: 5 },
};

export const SEED = 2014;
/** Organizations the warm runs repeat: few enough to prime quickly where uncached requests take seconds. */
const HOT_SET = 16;

/** A target and what was measured against it, as catalog messages (the report words them). */
export interface TargetCheck {
  name: Message;
  holds: boolean;
  detail: Message;
}

export interface BenchResult {
  settings: BenchSettings;
  startedAt: string;
  seconds: number;
  data: Record<string, number>;
  /** Organization fields the cross-subgraph queries use, and those the graph does not have yet. */
  extras: BenchContext['extras'];
  overhead: OverheadResult;
  caching: CachingResult;
  nPlusOne: NPlusOneResult;
  memory: Record<string, MemoryFigures>;
  analyst: AnalystResult;
  /** Scenario 8: nationwide breakdowns from the read models, beside FerretDB (issue #19). */
  statistics?: StatisticsResult;
  /** Where scenarios 1–5 kept their data: a FerretDB backend, or MONGO_URL's server (undefined). */
  backend?: string;
  /** Scenario 6, when more than one backend was asked for. */
  backends?: BackendsResult;
  /** Scenario 7, after the memory figures (its subscribers would count in the gateway's peak). */
  subscriptions?: SubscriptionsResult;
  targets: TargetCheck[];
}

/** A fresh stack on `backend`, seeded with `plan` (progress on the terminal unless quiet). */
export async function seededStack(
  plan: SeedPlan,
  scale: string,
  backend: FerretDbBackend | undefined,
  quiet: boolean,
  only?: readonly string[],
): Promise<BenchStack> {
  const label = `${seedText('seeding', { scale, seed: SEED }).render(cliLanguage())}${backend ? ` · FerretDB/${backend}` : ''}`;
  return startBenchStack(
    async (target) => {
      if (quiet) await loadPlan(plan, target, () => undefined);
      else await loadWithProgress(plan, target, label);
    },
    backend,
    only,
  );
}

/** Grassroots unions first: they have members, a chair, an account and a home to ask about. */
function orgIdsOf(plan: SeedPlan): string[] {
  const grassroots = plan.organizations.filter((o) => o.type === 'GRASSROOTS');
  return [...grassroots, ...plan.organizations.filter((o) => o.type !== 'GRASSROOTS')].map((o) => o._id);
}

async function resolveExtras(ctx: Omit<BenchContext, 'extras'>): Promise<BenchContext['extras']> {
  const extras: BenchContext['extras'] = { selections: [], missing: [] };
  for (const [concern, candidates] of Object.entries(ORG_EXTRAS)) {
    let found: string | undefined;
    for (const selection of candidates) {
      const probe = body(`{ organizations(first: 1) { nodes { id ${selection} } } }`);
      if (!isSchemaMiss((await post(ctx.stack.plainGateway.url, probe, {})).answer)) {
        found = selection;
        break;
      }
    }
    if (found) extras.selections.push(found);
    else extras.missing.push(concern);
  }
  return extras;
}

/** JIT, connection pools and query plans settle before anything is measured. */
async function warmUp(ctx: BenchContext): Promise<void> {
  const one = ctx.hot.map((id) => body(ORG_ONE, { id }));
  const card = ctx.hot.map((id) => body(orgCard(ctx.extras.selections), { id }));
  const organizations = ctx.stack.subgraphs.find((s) => s.name === 'organizations')!;
  const seconds = Math.max(0.5, ctx.settings.duration / 2);
  for (const target of [
    direct(ctx, organizations.url, one),
    viaGateway(ctx, undefined, [...one, ...card]),
    viaGateway(ctx, ctx.stack.uncachedGateway.url, one),
    viaPlainGateway(ctx, [...one, ...card]),
  ])
    await steady({ ...ctx, settings: { ...ctx.settings, duration: seconds } }, target)();
  const failed = await fire(viaGateway(ctx, undefined, one.slice(0, 1)), {
    connections: 1,
    duration: 0,
    amount: 1,
  });
  if (failed.failures > 0) throw new Error('the gateway does not answer the benchmark queries');
}

function checkTargets(r: Omit<BenchResult, 'targets'>): TargetCheck[] {
  const warm = r.caching.ratios.warmOverPlain;
  const loads = [
    r.overhead.direct,
    r.overhead.gateway,
    r.overhead.plainGateway,
    r.caching.plain,
    r.caching.cold,
    r.caching.warm,
  ];
  const failures = loads.reduce((n, l) => n + l.failures, 0);
  const [small, large] = [r.nPlusOne.pages[0]!, r.nPlusOne.pages.at(-1)!];
  return [
    {
      name: benchText('targetCaching'),
      holds: warm !== null && warm >= 10,
      detail: benchText('targetCachingDetail', {
        ratio: `${warm?.toFixed(2) ?? '–'}×`,
        commands: r.caching.warmRequestCommands,
      }),
    },
    {
      name: benchText('targetNPlusOne'),
      holds: r.nPlusOne.flat,
      detail: benchText('targetNPlusOneDetail', {
        small: small.returned,
        smallTrips: small.roundTripsTotal,
        smallSent: small.sentTotal,
        large: large.returned,
        largeTrips: large.roundTripsTotal,
        largeSent: large.sentTotal,
      }),
    },
    {
      name: benchText('targetAnswered'),
      holds: failures === 0,
      detail: benchText('targetAnsweredDetail', { failures }),
    },
    ...(r.statistics ? [statisticsTarget(r.statistics)] : []),
  ];
}

/** `quiet` drops the progress lines (tests). */
export async function runBench(settings: BenchSettings, { quiet = false } = {}): Promise<BenchResult> {
  const scale = SCALES[settings.scale];
  if (!scale) throw new Error(`scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const started = Date.now();
  const step = (name: string) =>
    quiet || console.error(`${((Date.now() - started) / 1000).toFixed(0)} s: ${name}…`);
  const plan = planSeed(SEED, scale);
  const stacks: BenchStack[] = [];
  try {
    // One stack per backend, seeded alike; their processes idle while another's are measured.
    for (const backend of settings.backends ?? [undefined])
      stacks.push(await seededStack(plan, settings.scale, backend, quiet));
    const stack = stacks[0]!;
    const servers = [...stack.subgraphs, stack.gateway, stack.uncachedGateway, stack.plainGateway];
    step('stacks up, warming up');
    const rest = await restingMemory(servers);
    const orgIds = orgIdsOf(plan);
    const hot = orgIds.slice(0, Math.min(HOT_SET, Math.ceil(orgIds.length / 4)));
    const base = { stack, settings, orgIds, hot, rootId: plan.organizations[0]!._id };
    const ctx: BenchContext = { ...base, extras: await resolveExtras(base) };
    const contexts = stacks.map((s) => ({ backend: s.backend ?? 'MONGO_URL', ctx: { ...ctx, stack: s } }));
    for (const c of contexts) await warmUp(c.ctx);
    step('gateway overhead');
    const overhead = await gatewayOverhead(ctx);
    step('caching');
    const cachingResult = await caching(ctx);
    step('no N+1');
    const nPlusOneResult = await nPlusOne(ctx);
    step('analyst mix');
    const analyst = await analystMix(ctx);
    step('statistics');
    const statistics = await statisticsScenario(ctx);
    if (contexts.length > 1) step(`backends side by side: ${contexts.map((c) => c.backend).join(' vs ')}`);
    const backendsResult = contexts.length > 1 ? await backends(contexts, plan) : undefined;
    step('memory');
    const result = {
      settings,
      startedAt: new Date(started).toISOString(),
      seconds: 0,
      data: Object.fromEntries(Object.entries(plan).map(([k, rows]) => [k, rows.length])),
      extras: ctx.extras,
      overhead,
      caching: cachingResult,
      nPlusOne: nPlusOneResult,
      memory: await memory(servers, rest),
      analyst,
      statistics,
      ...(stack.backend && { backend: stack.backend }),
      ...(backendsResult && { backends: backendsResult }),
    };
    step('subscriptions');
    const subscriptions = await subscriptionsScenario(stack, {
      scale: settings.scale,
      rootId: base.rootId,
      unionId: orgIds[0]!,
    });
    return {
      ...result,
      subscriptions,
      seconds: (Date.now() - started) / 1000,
      targets: checkTargets(result),
    };
  } finally {
    await Promise.all(stacks.map((s) => s.stop()));
  }
}

/** What `--scenario statistics` measures: the statistics scenario alone, on one seeded stack. */
export interface StatisticsRun {
  settings: BenchSettings;
  startedAt: string;
  seconds: number;
  /** Planning the seed, loading it and starting the stack (read models built and caught up). */
  readySeconds: number;
  /** Of readySeconds: loading the data, and starting the stack on it. */
  loadSeconds: number;
  startSeconds: number;
  data: Record<string, number>;
  backend?: string;
  statistics: StatisticsResult;
  target: TargetCheck;
}

/** A scenario run alone: the scale's plan on one fresh stack, on the first backend asked for. */
export async function scenarioStack(settings: BenchSettings, quiet: boolean, only?: readonly string[]) {
  const scale = SCALES[settings.scale];
  if (!scale) throw new Error(`scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const plan = planSeed(SEED, scale);
  return { plan, stack: await seededStack(plan, settings.scale, settings.backends?.[0], quiet, only) };
}

/** The statistics scenario alone: at the large scale the other scenarios would take hours on FerretDB. */
export async function runStatisticsBench(
  settings: BenchSettings,
  { quiet = false } = {},
): Promise<StatisticsRun> {
  const started = Date.now();
  const { plan, stack } = await scenarioStack(settings, quiet, subgraphsAsked());
  try {
    const readySeconds = (Date.now() - started) / 1000;
    const statistics = await statisticsScenario({ stack, settings }, (question) =>
      quiet ? undefined : console.error(`${((Date.now() - started) / 1000).toFixed(0)} s: ${question}…`),
    );
    return {
      settings,
      startedAt: new Date(started).toISOString(),
      seconds: (Date.now() - started) / 1000,
      readySeconds,
      loadSeconds: stack.seconds.load,
      startSeconds: stack.seconds.start,
      data: Object.fromEntries(Object.entries(plan).map(([k, rows]) => [k, rows.length])),
      ...(stack.backend && { backend: stack.backend }),
      statistics,
      target: statisticsTarget(statistics),
    };
  } finally {
    await stack.stop();
  }
}
