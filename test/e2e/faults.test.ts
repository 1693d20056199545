import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Managed, startFerretDb, startRedis } from '@union-graph/dev-stack';
import { idempotentId } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * Redis and FerretDB stopped and started again under writers, on servers of this test's own: every
 * acknowledged write is present, every call that answered an error has no effect or is retried
 * safely by its key, and no read after recovery shows what was cached before the outage. The
 * outages are timed by the writers' progress (so many calls before, during and after), not by
 * sleeps.
 */
const national = testCallers.national();
const UPDATE_ORG = `mutation($id: ID!, $input: UpdateOrganizationInput!) {
  updateOrganization(id: $id, input: $input) { id name version }
}`;
const RAISE = `mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { id } }`;
const NAME = `query($id: ID!) { organization(id: $id) { id name } }`;

let dir: string;
let mongo: { url: string; proc: Managed };
let redis: { url: string; proc: Managed };
let graph: TestGraph;
const portOf = (url: string) => Number(new URL(url).port);

/** A step that must finish: one that hangs fails the test naming the step, rather than its timeout. */
async function step<T>(label: string, work: Promise<T>, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stuck at: ${label}`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'union-graph-faults-'));
  mongo = await startFerretDb(join(dir, 'ferretdb'));
  redis = await startRedis(join(dir, 'redis'));
  graph = await startTestGraph({ servers: { mongoUrl: mongo.url, redisUrl: redis.url } });
}, 120_000);
afterAll(async () => {
  await graph?.stop();
  await Promise.all([mongo?.proc.stop(), redis?.proc.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

interface Append {
  key: string;
  input: Record<string, unknown>;
  id?: string;
  error?: unknown;
}

/** Writers that each rename their own union and raise keyed alerts there, until stopped. */
function startWriters(orgs: string[], tag: string) {
  let stopped = false;
  let calls = 0;
  const waiters: { target: number; resolve: () => void }[] = [];
  const unions = orgs.map((org) => ({ org, intended: '', acknowledged: '', errors: 0 }));
  const appends: Append[] = [];
  const counted = () => {
    calls++;
    for (const w of waiters.filter((x) => calls >= x.target)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const send = (query: string, variables: Record<string, unknown>) =>
    graph
      .query<Record<string, { id: string } | null>>(query, { caller: national, variables })
      .catch((e: unknown) => ({
        data: null,
        errors: [{ message: String(e), extensions: { code: 'NETWORK' } }],
      }));
  const loops = unions.map(async (u, w) => {
    for (let n = 0; !stopped; n++) {
      u.intended = `${tag}工会${w}号第${n}次`;
      const renamed = await send(UPDATE_ORG, { id: u.org, input: { name: u.intended } });
      if (renamed.errors) u.errors++;
      else u.acknowledged = u.intended;
      counted();
      const key = `${tag}-${w}-${n}`;
      const input = {
        organizationId: u.org,
        category: 'WAGE_ARREARS',
        description: `故障测试预警 ${key}`,
        workersAffected: 3,
        idempotencyKey: key,
      };
      const raised = await send(RAISE, { input });
      appends.push({
        key,
        input,
        id: raised.data?.raiseLaborAlert?.id,
        error: raised.errors?.[0]?.extensions?.code,
      });
      counted();
    }
  });
  return {
    unions,
    appends,
    /** Resolves once `more` further calls have answered, whatever they answered. */
    after: (more: number) => new Promise<void>((resolve) => waiters.push({ target: calls + more, resolve })),
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/**
 * Until every subgraph's connection reaches the database again. A ping on a connection the restart
 * closed fails at once and the driver drops its pool; the next one waits in server selection until
 * the driver's monitor finds the server, so the loop is bounded by the step, not by sleeps. Each
 * failed ping yields to the event loop (so the step's timer can fire), and the loop ends when the
 * step gives up (so a closed client cannot keep it spinning after the test).
 */
async function databaseReachable() {
  for (const [name, s] of Object.entries(graph.subgraphs)) {
    let gaveUp = false;
    let last: unknown;
    await step(
      `${name}: database reachable`,
      (async () => {
        while (!gaveUp) {
          try {
            // Bounded: a ping sent on a connection the restarted server accepted but never answers
            // (seen on CI: one subgraph's ping hung past the step) fails and the next one gets a fresh
            // connection.
            return await s.server.conn.db!.command({ ping: 1 }, { timeoutMS: 5_000 });
          } catch (e) {
            last = e;
            await new Promise(setImmediate);
          }
        }
      })(),
      // The monitor checks every 5 s; a check caught by the restart used to hang for good (the kit's
      // driver guard, driver-guard.ts, now fails it), so a minute is ample even on a loaded machine.
      60_000,
    )
      .catch((e: Error) => {
        throw new Error(`${e.message} (last ping: ${String(last)})`);
      })
      .finally(() => {
        gaveUp = true;
      });
  }
}

async function recover() {
  for (const [name, s] of Object.entries(graph.subgraphs))
    await step(`${name}: outbox drained`, s.server.outbox.drained());
  for (const [name, s] of Object.entries(graph.subgraphs))
    await step(`${name}: caught up`, s.server.caughtUp());
  await step('gateway: caught up', graph.gateway.caughtUp());
}

/** Retries what answered an error, the way a client would: the same input, the same key. */
async function retryAndCheck(writers: ReturnType<typeof startWriters>) {
  const Alert = graph.subgraphs['worker-services']!.server.conn.db!.collection('labor_alerts');
  const figures = { calls: writers.appends.length * 2, errors: 0, erroredYetStored: 0, lost: 0 };
  await databaseReachable();
  for (const a of writers.appends.filter((x) => x.error)) {
    figures.errors++;
    const id = idempotentId(national.id, 'raiseLaborAlert', a.key);
    if (await Alert.findOne({ _id: id as never })) figures.erroredYetStored++;
    let retried: Append['id'];
    for (let attempt = 0; attempt < 5 && !retried; attempt++)
      retried = (
        await graph.query<{ raiseLaborAlert: { id: string } }>(RAISE, {
          caller: national,
          variables: { input: a.input },
        })
      ).data?.raiseLaborAlert.id;
    expect({ key: a.key, retried }).toEqual({ key: a.key, retried: id });
  }
  for (const u of writers.unions) {
    figures.errors += u.errors;
    if (u.errors)
      expect(
        (
          await graph.query(UPDATE_ORG, {
            caller: national,
            variables: { id: u.org, input: { name: u.intended } },
          })
        ).errors,
      ).toBeUndefined();
  }
  // Every key raised exactly one alert, and every acknowledged alert is there.
  const keys = writers.appends.map((a) => a.key);
  const stored = await Alert.find({ description: { $in: keys.map((k) => `故障测试预警 ${k}`) } }).toArray();
  expect(stored.map((d) => d.description).sort()).toEqual(keys.map((k) => `故障测试预警 ${k}`).sort());
  for (const a of writers.appends.filter((x) => x.id))
    if (!stored.some((d) => String(d._id) === a.id)) figures.lost++;
  expect(figures.lost).toBe(0);
  // Every union holds its writer's last name: in the database, and through the gateway's caches.
  await recover();
  const Org = graph.subgraphs.organizations!.server.conn.db!.collection('organizations');
  for (const u of writers.unions) {
    expect((await Org.findOne({ _id: u.org as never }))?.name).toBe(u.intended);
    const read = await graph.query<{ organization: { name: string } }>(NAME, {
      caller: national,
      variables: { id: u.org },
    });
    expect(read.data?.organization.name).toBe(u.intended);
  }
  return figures;
}

const unionsFor = (from: number) =>
  graph.plan.organizations
    .filter((o) => o.parentId !== null)
    .slice(from, from + 4)
    .map((o) => o._id);

describe('outages under writers', () => {
  it('Redis stopped and started again: writes go on, nothing is lost or doubled, no stale read survives', async () => {
    const orgs = unionsFor(0);
    // Cached before the outage: what a stale cache would keep serving after it.
    for (const id of orgs) await graph.query(NAME, { caller: national, variables: { id } });
    const writers = startWriters(orgs, 'redis');
    await step('8 calls before the outage', writers.after(8));
    await step('Redis stopped', redis.proc.stop());
    await step('16 calls during the outage', writers.after(16));
    redis = await step('Redis started again', startRedis(join(dir, 'redis'), portOf(redis.url)));
    await step('8 calls after the outage', writers.after(8));
    await step('writers stopped', writers.stop());
    const figures = await step('retries and checks', retryAndCheck(writers), 150_000);
    console.log(`faults (Redis): ${JSON.stringify(figures)}`);
    // Writes do not depend on Redis: while it was down they were acknowledged, not refused.
    expect(writers.appends.filter((a) => a.error).length).toBe(0);
  }, 180_000);

  it('FerretDB stopped and started again: every error is retried safely by its key, nothing acknowledged is lost', async () => {
    const orgs = unionsFor(4);
    const writers = startWriters(orgs, 'ferretdb');
    await step('8 calls before the outage', writers.after(8));
    await step('FerretDB stopped', mongo.proc.stop());
    // Each writer has at most one call in flight when the server stops: 8 more answers include
    // at least 4 calls sent while it was down.
    await step('8 calls during the outage', writers.after(8));
    mongo = await step('FerretDB started again', startFerretDb(join(dir, 'ferretdb'), portOf(mongo.url)));
    await step('8 calls after the outage', writers.after(8));
    await step('writers stopped', writers.stop());
    const figures = await step('retries and checks', retryAndCheck(writers), 200_000);
    console.log(`faults (FerretDB): ${JSON.stringify(figures)}`);
    expect(figures.errors).toBeGreaterThan(0);
  }, 300_000);
});
