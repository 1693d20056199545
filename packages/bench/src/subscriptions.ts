import { request } from 'node:http';
import { defineMessages, type Message } from '@union-graph/subgraph-kit';
import type { BenchStack } from './stack';

/**
 * Subscriptions scenario: how many concurrent SSE subscribers one gateway holds with events still
 * arriving within 1 s at p99, and what each costs in memory. Subscribers are added in steps, all
 * on `laborAlertRaised` of the national federation as the benchmark's caller (so one execution per
 * event serves them all: this measures the fan-out, not the subgraphs); at each step a few alerts
 * are raised one after the other through the gateway, and every subscriber's wait — from sending
 * the mutation to reading the event — counts.
 */
export interface SubscriptionStep {
  subscribers: number;
  /** Events each subscriber should have had, and how many (subscriber, event) pairs arrived. */
  events: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  /** The gateway's resident set with this many subscribers open (MiB). */
  rssMiB: number;
}

export interface SubscriptionsResult {
  steps: SubscriptionStep[];
  /** The most subscribers at which every event arrived, within 1 s at p99. */
  held: number;
  /** (RSS at the largest step held − RSS before any subscriber) / subscribers, in KiB. */
  perSubscriberKiB: number | null;
}

export const subscriptionsText = defineMessages('bench-subscriptions', {
  title: {
    zh: '7. 订阅 — laborAlertRaised（SSE），每档 {events} 条预警',
    en: '7. Subscriptions — laborAlertRaised (SSE), {events} alerts per step',
  },
  held: {
    zh: '一个网关可承载 {held} 个并发订阅者（p99 ≤ 1 秒）；每个订阅者约占内存 {kib} KiB',
    en: 'one gateway holds {held} concurrent subscribers (p99 ≤ 1 s); about {kib} KiB of memory each',
  },
});

const STEPS: Record<string, number[]> = {
  tiny: [10, 50, 100],
  small: [100, 500, 1000, 2000, 4000],
};
const LARGER_STEPS = [250, 1000, 2000, 4000, 8000];
const EVENTS_PER_STEP = 5;
/** An event not arrived by then counts as lost. */
const EVENT_TIMEOUT_MS = 15_000;
const OPENING_AT_ONCE = 50;
const MiB = 1024 * 1024;

const SUBSCRIPTION = `subscription Bench($o: ID!) { laborAlertRaised(organizationId: $o) { id category workersAffected organization { id name } } }`;
const RAISE = `mutation BenchAlert($o: ID!, $d: String!) { raiseLaborAlert(input: { organizationId: $o, category: WAGE_ARREARS, description: $d, workersAffected: 30 }) { id } }`;

/** One open SSE stream, reporting each alert id it reads. */
function openStream(url: string, token: string, root: string, seen: (alert: string) => void) {
  return new Promise<{ close(): void }>((resolve, reject) => {
    const req = request(`${url}/stream`, {
      method: 'POST',
      agent: false,
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`subscribing answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (chunk: string) => {
        text += chunk;
        const at = text.lastIndexOf('\n\n');
        if (at < 0) return;
        for (const m of text.slice(0, at).matchAll(/"laborAlertRaised":\{"id":"([^"]+)"/g)) seen(m[1]!);
        text = text.slice(at + 2);
      });
      res.on('error', () => undefined);
      resolve({ close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query: SUBSCRIPTION, variables: { o: root } }));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;

export async function subscriptionsScenario(
  stack: BenchStack,
  opts: { scale: string; rootId: string; unionId: string },
): Promise<SubscriptionsResult> {
  const url = stack.gateway.url;
  const arrivals = new Map<string, number[]>();
  // An event may arrive before the mutation's own answer names its alert.
  const seen = (alert: string) => {
    const times = arrivals.get(alert);
    if (times) times.push(performance.now());
    else arrivals.set(alert, [performance.now()]);
  };
  const streams: { close(): void }[] = [];
  const before = (await stack.gateway.stats()).rss;
  const steps: SubscriptionStep[] = [];
  let raised = 0;
  try {
    for (const target of STEPS[opts.scale] ?? LARGER_STEPS) {
      while (streams.length < target) {
        const batch = Math.min(OPENING_AT_ONCE, target - streams.length);
        streams.push(
          ...(await Promise.all(
            Array.from({ length: batch }, () => openStream(url, stack.token, opts.rootId, seen)),
          )),
        );
      }
      const waits: number[] = [];
      let delivered = 0;
      for (let e = 0; e < EVENTS_PER_STEP; e++) {
        const sentAt = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
          body: JSON.stringify({
            query: RAISE,
            variables: { o: opts.unionId, d: `基准测试预警 ${++raised}` },
          }),
        });
        const { data } = (await res.json()) as { data?: { raiseLaborAlert?: { id: string } } };
        const alert = data?.raiseLaborAlert?.id;
        if (!alert) throw new Error('the gateway did not raise the benchmark alert');
        const times = () => arrivals.get(alert) ?? [];
        // The next alert once every subscriber has this one (or it is given up on).
        const deadline = performance.now() + EVENT_TIMEOUT_MS;
        while (times().length < streams.length && performance.now() < deadline)
          await new Promise((r) => setTimeout(r, 5));
        delivered += times().length;
        waits.push(...times().map((t) => t - sentAt));
        arrivals.delete(alert);
      }
      waits.sort((a, b) => a - b);
      steps.push({
        subscribers: streams.length,
        events: EVENTS_PER_STEP,
        delivered,
        p50Ms: percentile(waits, 50),
        p99Ms: percentile(waits, 99),
        rssMiB: (await stack.gateway.stats()).rss / MiB,
      });
      if (percentile(waits, 99) > 1000 || delivered < streams.length * EVENTS_PER_STEP) break;
    }
  } finally {
    for (const s of streams) s.close();
  }
  const held = steps.filter((s) => s.p99Ms <= 1000 && s.delivered === s.subscribers * s.events).at(-1);
  return {
    steps,
    held: held?.subscribers ?? 0,
    perSubscriberKiB: held ? (held.rssMiB * MiB - before) / held.subscribers / 1024 : null,
  };
}

/** The scenario's lines of the report. */
export function formatSubscriptions(
  r: SubscriptionsResult,
  say: (m: Message) => string,
  table: (title: string, head: string[], rows: string[][]) => string,
): string[] {
  return [
    table(
      say(subscriptionsText('title', { events: EVENTS_PER_STEP })),
      ['subscribers', 'delivered', 'p50 ms', 'p99 ms', 'gateway RSS MiB'],
      r.steps.map((s) => [
        String(s.subscribers),
        `${s.delivered}/${s.subscribers * s.events}`,
        s.p50Ms.toFixed(0),
        s.p99Ms.toFixed(0),
        s.rssMiB.toFixed(0),
      ]),
    ),
    say(subscriptionsText('held', { held: r.held, kib: r.perSubscriberKiB?.toFixed(1) ?? '–' })),
  ];
}
