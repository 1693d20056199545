import autocannon from 'autocannon';

/** A GraphQL endpoint under load: the bodies are cycled in order, headers made per body. */
export interface Target {
  url: string;
  bodies: string[];
  headers(body: string): Record<string, string>;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  /** Exact over the run's answered requests: autocannon's histogram has no 95th percentile. */
  p95: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx answers. */
  failures: number;
}

export interface LoadOptions {
  connections: number;
  /** Seconds to run; ignored when `amount` is given. */
  duration: number;
  /** Exactly this many requests (each body once when equal to the number of bodies). */
  amount?: number;
}

export async function fire(target: Target, opts: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: target.url,
        connections: opts.connections,
        duration: opts.duration,
        ...(opts.amount ? { amount: opts.amount } : {}),
        timeout: 30,
        // autocannon notices the end of a run at its sampling tick: a short tick keeps short runs exact.
        sampleInt: 20,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const body = target.bodies[next++ % target.bodies.length]!;
              return {
                ...req,
                body,
                headers: { 'content-type': 'application/json', ...target.headers(body) },
              };
            },
          },
        ],
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    );
    run.on('response', (_client, status, _bytes, ms) => {
      if (status < 300) latencies.push(ms);
    });
  });
  const seconds = result.duration;
  return {
    requests: result.requests.total,
    seconds,
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p95: percentile(latencies, 0.95),
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** The value at quantile `q` (nearest rank), 0 for none. */
function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)] ?? 0;
}

/** Several runs of one variant as one figure: total requests over total time, median percentiles. */
export function combine(runs: LoadResult[]): LoadResult {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor((s.length - 1) / 2)] ?? 0;
  };
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  return {
    requests,
    seconds,
    rps: seconds > 0 ? requests / seconds : 0,
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    failures: runs.reduce((n, r) => n + r.failures, 0),
  };
}

/** a / b, or null when b is zero (a latency under the timer's resolution). */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}
