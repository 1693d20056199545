import type { Caller } from '@union-graph/auth';
import { callers, data, type Harness, startHarness } from './fixtures/harness';

/**
 * In-flight deduplication: requests are kept in flight by the fixture's `held` fields until the test
 * releases them, so "concurrent" is a fact the test waits for (subgraph fetches, shared requests),
 * never a matter of timing.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const HELD = '{ held }';
const sharedSoFar = async () => (await h.gateway.metrics.shared.get()).values[0]?.value ?? 0;

/** Until `check` holds, letting the gateway and the subgraphs run in between. */
async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise(setImmediate);
}

/** Requests that stay in flight until `release()`. */
function held(requests: { query: string; caller: Caller; language?: string }[]) {
  let release!: () => void;
  data.hold = new Promise<void>((r) => {
    release = r;
  });
  const before = data.fetches.people ?? 0;
  const answers = Promise.all(
    requests.map((r) =>
      h.post(
        { query: r.query },
        { caller: r.caller, headers: r.language ? { 'accept-language': r.language } : {} },
      ),
    ),
  );
  return { release, answers, fetched: () => (data.fetches.people ?? 0) - before };
}

it('identical queries of one caller in flight share one execution and its answer', async () => {
  const shared = await sharedSoFar();
  const run = held(Array.from({ length: 5 }, () => ({ query: HELD, caller: callers.national() })));
  await until(async () => run.fetched() === 1 && (await sharedSoFar()) - shared === 4);
  run.release();
  const answers = await run.answers;
  expect(answers.map((a) => a.body)).toEqual(Array(5).fill({ data: { held: 'released' } }));
  expect(run.fetched()).toBe(1);
});

it('never shares across scopes, subjects or languages', async () => {
  const shared = await sharedSoFar();
  const sameScope: Caller = { ...callers.admin('gd'), id: 'another-admin-of-gd' };
  const run = held([
    { query: HELD, caller: callers.national() },
    { query: HELD, caller: callers.admin('gd') },
    { query: HELD, caller: sameScope },
    { query: HELD, caller: callers.admin('gd'), language: 'en' },
  ]);
  // All four reach the subgraph while every one of them is still held.
  await until(() => run.fetched() === 4);
  run.release();
  expect((await run.answers).map((a) => a.body)).toEqual(Array(4).fill({ data: { held: 'released' } }));
  expect((await sharedSoFar()) - shared).toBe(0);
});

it('never shares a mutation', async () => {
  const shared = await sharedSoFar();
  const run = held(
    Array.from({ length: 3 }, () => ({ query: 'mutation { heldChange }', caller: callers.national() })),
  );
  await until(() => run.fetched() === 3);
  run.release();
  expect((await run.answers).map((a) => a.body)).toEqual(Array(3).fill({ data: { heldChange: 'changed' } }));
  expect((await sharedSoFar()) - shared).toBe(0);
});

it("a shared answer carries the executed one's status and headers", async () => {
  const shared = await sharedSoFar();
  const run = held([
    { query: HELD, caller: callers.member() },
    { query: HELD, caller: callers.member() },
  ]);
  await until(async () => (await sharedSoFar()) - shared === 1);
  run.release();
  const [executed, waited] = await run.answers;
  const head = (r: typeof executed) => ({
    status: r!.status,
    type: r!.headers.get('content-type'),
    cache: r!.headers.get('cache-control'),
    body: r!.body,
  });
  expect(head(waited)).toEqual(head(executed));
  expect(head(executed)).toMatchObject({ status: 200, cache: 'no-store' });
});
